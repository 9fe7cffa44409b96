// Butterflies of the Stockham FFT (included by fft_stage.wgsl, which declares `twiddles`).
// A radix-R step with ns the length of the sub-transforms already done takes x[j + r·m/R],
// r < R, multiplies them by w^(r·k) with w = exp(∓2πi/(R·ns)) and k = j mod ns, transforms them
// with an R-point DFT and stores them at (j − k)·R + k + r·ns: out of place and self-sorting.

// exp(−2πi t/m) for the forward transform, its conjugate for the inverse. The table holds t < m,
// each value computed in f64 on the host and rounded once: no angle is reduced in f32.
fn twiddle(t: u32, inverse: bool) -> vec2<f32> {
  let w = twiddles[t];
  return select(w, vec2<f32>(w.x, -w.y), inverse);
}

// Table index of w^(r·k) for a step of span R·ns: exp(∓2πi r·k/(R·ns)) = table[r·k·m/(R·ns)].
fn twiddle_index(r: u32, k: u32, m: u32, span: u32) -> u32 {
  return r * k * (m / span);
}

fn dft2(a: array<vec2<f32>, 2>) -> array<vec2<f32>, 2> {
  return array<vec2<f32>, 2>(a[0] + a[1], a[0] - a[1]);
}

const SIN_60: f32 = 0.86602540378443865;

// 3-point DFT: a[0] − (a[1] + a[2])/2 ± i·sin 60°·(a[1] − a[2]), the sign that of the exponent
// for output 1 (− forward, + inverse).
fn dft3(a: array<vec2<f32>, 3>, inverse: bool) -> array<vec2<f32>, 3> {
  let s = select(-1.0, 1.0, inverse);
  let sum = a[1] + a[2];
  let mid = a[0] - 0.5 * sum;
  let rot = s * SIN_60 * times_i(a[1] - a[2]);
  return array<vec2<f32>, 3>(a[0] + sum, mid + rot, mid - rot);
}

const COS_72: f32 = 0.30901699437494742;
const SIN_72: f32 = 0.95105651629515357;
const COS_144: f32 = -0.80901699437494742;
const SIN_144: f32 = 0.58778525229247313;

// 5-point DFT: outputs k and 5 − k share the cosine part (of a[1] + a[4], a[2] + a[3]) and take the
// sine part (of a[1] − a[4], a[2] − a[3]) times ±i, the sign that of the exponent for output k.
fn dft5(a: array<vec2<f32>, 5>, inverse: bool) -> array<vec2<f32>, 5> {
  let s = select(-1.0, 1.0, inverse);
  let s1 = a[1] + a[4];
  let s2 = a[2] + a[3];
  let d1 = a[1] - a[4];
  let d2 = a[2] - a[3];
  let c1 = a[0] + COS_72 * s1 + COS_144 * s2;
  let c2 = a[0] + COS_144 * s1 + COS_72 * s2;
  let n1 = s * times_i(SIN_72 * d1 + SIN_144 * d2);
  let n2 = s * times_i(SIN_144 * d1 - SIN_72 * d2);
  return array<vec2<f32>, 5>(a[0] + s1 + s2, c1 + n1, c2 + n2, c2 - n2, c1 - n1);
}

// 4-point DFT; the forward transform multiplies a[1] − a[3] by −i, the inverse by +i.
fn dft4(a: array<vec2<f32>, 4>, inverse: bool) -> array<vec2<f32>, 4> {
  let s02 = a[0] + a[2];
  let d02 = a[0] - a[2];
  let s13 = a[1] + a[3];
  let d13 = a[1] - a[3];
  let rot = select(vec2<f32>(d13.y, -d13.x), vec2<f32>(-d13.y, d13.x), inverse);
  return array<vec2<f32>, 4>(s02 + s13, d02 + rot, s02 - s13, d02 - rot);
}

const SQRT_HALF: f32 = 0.70710678118654752;

// 8-point DFT: 4-point DFTs of the even and the odd inputs, joined by exp(∓iπk/4), k < 4.
fn dft8(a: array<vec2<f32>, 8>, inverse: bool) -> array<vec2<f32>, 8> {
  let e = dft4(array<vec2<f32>, 4>(a[0], a[2], a[4], a[6]), inverse);
  let o = dft4(array<vec2<f32>, 4>(a[1], a[3], a[5], a[7]), inverse);
  let s = select(-1.0, 1.0, inverse);  // sign of the exponent
  let o1 = cmul(o[1], vec2<f32>(SQRT_HALF, s * SQRT_HALF));
  let o2 = vec2<f32>(-s * o[2].y, s * o[2].x);
  let o3 = cmul(o[3], vec2<f32>(-SQRT_HALF, s * SQRT_HALF));
  return array<vec2<f32>, 8>(e[0] + o[0], e[1] + o1, e[2] + o2, e[3] + o3,
                             e[0] - o[0], e[1] - o1, e[2] - o2, e[3] - o3);
}

const COS_PI_8: f32 = 0.92387953251128674;
const SIN_PI_8: f32 = 0.38268343236508977;

// exp(∓2πi j/16) for j ≤ 9, the twiddles inside a 16-point DFT; s is the sign of the exponent.
fn w16(j: u32, s: f32) -> vec2<f32> {
  let cosines = array<f32, 10>(1.0, COS_PI_8, SQRT_HALF, SIN_PI_8, 0.0, -SIN_PI_8, -SQRT_HALF, -COS_PI_8, -1.0, -COS_PI_8);
  let sines = array<f32, 10>(0.0, SIN_PI_8, SQRT_HALF, COS_PI_8, 1.0, COS_PI_8, SQRT_HALF, SIN_PI_8, 0.0, -SIN_PI_8);
  return vec2<f32>(cosines[j], s * sines[j]);
}

// 16-point DFT as 4 × 4: 4-point DFTs of the inputs n2, n2 + 4, n2 + 8, n2 + 12, times
// exp(∓2πi n2·k1/16), then 4-point DFTs across n2 into the outputs k1 + 4·k2.
fn dft16(a: array<vec2<f32>, 16>, inverse: bool) -> array<vec2<f32>, 16> {
  let s = select(-1.0, 1.0, inverse);
  let d0 = dft4(array<vec2<f32>, 4>(a[0], a[4], a[8], a[12]), inverse);
  let d1 = dft4(array<vec2<f32>, 4>(a[1], a[5], a[9], a[13]), inverse);
  let d2 = dft4(array<vec2<f32>, 4>(a[2], a[6], a[10], a[14]), inverse);
  let d3 = dft4(array<vec2<f32>, 4>(a[3], a[7], a[11], a[15]), inverse);
  let e0 = dft4(array<vec2<f32>, 4>(d0[0], d1[0], d2[0], d3[0]), inverse);
  let e1 = dft4(array<vec2<f32>, 4>(d0[1], cmul(d1[1], w16(1u, s)), cmul(d2[1], w16(2u, s)), cmul(d3[1], w16(3u, s))), inverse);
  let e2 = dft4(array<vec2<f32>, 4>(d0[2], cmul(d1[2], w16(2u, s)), cmul(d2[2], w16(4u, s)), cmul(d3[2], w16(6u, s))), inverse);
  let e3 = dft4(array<vec2<f32>, 4>(d0[3], cmul(d1[3], w16(3u, s)), cmul(d2[3], w16(6u, s)), cmul(d3[3], w16(9u, s))), inverse);
  return array<vec2<f32>, 16>(e0[0], e1[0], e2[0], e3[0], e0[1], e1[1], e2[1], e3[1],
                              e0[2], e1[2], e2[2], e3[2], e0[3], e1[3], e2[3], e3[3]);
}

// 12- and 20-point DFTs as 4 × Q (Q = 3, 5): Q-point DFTs of the inputs j, j + 4, j + 8, … (j < 4),
// times exp(∓2πi j·k1/(4Q)) from the table (4Q divides m), then 4-point DFTs across j into the
// outputs k1 + Q·k2.
fn dft12(a: array<vec2<f32>, 12>, m: u32, inverse: bool) -> array<vec2<f32>, 12> {
  var d: array<array<vec2<f32>, 3>, 4>;
  for (var j = 0u; j < 4u; j++) {
    d[j] = dft3(array<vec2<f32>, 3>(a[j], a[j + 4u], a[j + 8u]), inverse);
  }
  var out: array<vec2<f32>, 12>;
  for (var k1 = 0u; k1 < 3u; k1++) {
    let e = dft4(array<vec2<f32>, 4>(d[0][k1], cmul(d[1][k1], twiddle(k1 * (m / 12u), inverse)),
      cmul(d[2][k1], twiddle(2u * k1 * (m / 12u), inverse)), cmul(d[3][k1], twiddle(3u * k1 * (m / 12u), inverse))), inverse);
    for (var k2 = 0u; k2 < 4u; k2++) { out[k1 + 3u * k2] = e[k2]; }
  }
  return out;
}

fn dft20(a: array<vec2<f32>, 20>, m: u32, inverse: bool) -> array<vec2<f32>, 20> {
  var d: array<array<vec2<f32>, 5>, 4>;
  for (var j = 0u; j < 4u; j++) {
    d[j] = dft5(array<vec2<f32>, 5>(a[j], a[j + 4u], a[j + 8u], a[j + 12u], a[j + 16u]), inverse);
  }
  var out: array<vec2<f32>, 20>;
  for (var k1 = 0u; k1 < 5u; k1++) {
    let e = dft4(array<vec2<f32>, 4>(d[0][k1], cmul(d[1][k1], twiddle(k1 * (m / 20u), inverse)),
      cmul(d[2][k1], twiddle(2u * k1 * (m / 20u), inverse)), cmul(d[3][k1], twiddle(3u * k1 * (m / 20u), inverse))), inverse);
    for (var k2 = 0u; k2 < 4u; k2++) { out[k1 + 5u * k2] = e[k2]; }
  }
  return out;
}

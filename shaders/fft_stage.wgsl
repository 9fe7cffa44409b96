// One Stockham step of radix R (20, 16, 12, 8, 5, 3 or 2 with RADIX20, RADIX16, RADIX12, RADIX8,
// RADIX5, RADIX3 or RADIX2, else 4) along one axis, over a box of lines of a field set, from one buffer to the other
// (butterflies in fft_radix.wgsl).
// The lines are field × a × b (a < count_a, b < count_b, the other two axes), so a transform of
// zero-padded fields skips the lines that are still zero, and one whose result is needed on a
// sub-box only skips the lines outside it. Zero padding along the axis: the first step takes points
// at or beyond load_extent as zero without reading them; the last writes only points below
// store_extent.

struct FftStage {
  m: u32,
  field_size: u32,  // m³
  ns: u32,          // length of the sub-transforms already done
  stride: u32,      // distance between neighbours along the axis: m², m or 1
  count_a: u32,
  count_b: u32,
  stride_a: u32,
  stride_b: u32,
  lines: u32,       // fields · count_a · count_b
  inverse: u32,
  load_extent: u32,
  store_extent: u32,
}

@group(0) @binding(0) var<uniform> stage: FftStage;
@group(0) @binding(1) var<storage, read> twiddles: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> input: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> output: array<vec2<f32>>;

#if ${RADIX2}
const R: u32 = 2u;
#elif ${RADIX3}
const R: u32 = 3u;
#elif ${RADIX5}
const R: u32 = 5u;
#elif ${RADIX12}
const R: u32 = 12u;
#elif ${RADIX20}
const R: u32 = 20u;
#elif ${RADIX8}
const R: u32 = 8u;
#elif ${RADIX16}
const R: u32 = 16u;
#else
const R: u32 = 4u;
#endif

fn load(at: u32, p: u32) -> vec2<f32> {
  if (p >= stage.load_extent) { return vec2<f32>(0.0); }
  return input[at + p * stage.stride];
}

fn store(at: u32, p: u32, value: vec2<f32>) {
  if (p < stage.store_extent) { output[at + p * stage.stride] = value; }
}

// Input r of butterfly j (k = j mod ns) times w^(r·k).
fn twiddled(at: u32, j: u32, r: u32, k: u32) -> vec2<f32> {
  let m = stage.m;
  return cmul(load(at, j + r * (m / R)), twiddle(twiddle_index(r, k, m, R * stage.ns), stage.inverse != 0u));
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let t = invocation_index(inv);
  let butterflies = stage.m / R;  // per line
  if (t >= stage.lines * butterflies) { return; }
  // Along x and y, neighbouring lines are neighbours in memory (stride_b = 1): neighbouring
  // invocations take neighbouring lines there, and neighbouring butterflies of one line along z.
  var line: u32;
  var j: u32;
  if (stage.stride_b == 1u) {
    line = t % stage.lines;
    j = t / stage.lines;
  } else {
    line = t / butterflies;
    j = t % butterflies;
  }
  let b = line % stage.count_b;
  let rest = line / stage.count_b;
  let at = (rest / stage.count_a) * stage.field_size + (rest % stage.count_a) * stage.stride_a + b * stage.stride_b;
  let ns = stage.ns;
  let k = j % ns;
  let inverse = stage.inverse != 0u;
  let o = (j - k) * R + k;
  // Written out per radix rather than looped over r: a loop measured 15–70 % slower on SwiftShader.
#if ${RADIX2}
  let v = dft2(array<vec2<f32>, 2>(load(at, j), twiddled(at, j, 1u, k)));
#elif ${RADIX3}
  let v = dft3(array<vec2<f32>, 3>(load(at, j), twiddled(at, j, 1u, k), twiddled(at, j, 2u, k)), inverse);
  store(at, o + 2u * ns, v[2]);
#elif ${RADIX5}
  let v = dft5(array<vec2<f32>, 5>(
    load(at, j), twiddled(at, j, 1u, k), twiddled(at, j, 2u, k), twiddled(at, j, 3u, k), twiddled(at, j, 4u, k)), inverse);
  store(at, o + 2u * ns, v[2]);
  store(at, o + 3u * ns, v[3]);
  store(at, o + 4u * ns, v[4]);
#elif ${RADIX12}
  var a: array<vec2<f32>, 12>;
  for (var r = 0u; r < 12u; r++) { a[r] = twiddled(at, j, r, k); }
  let v = dft12(a, stage.m, inverse);
  for (var r = 2u; r < 12u; r++) { store(at, o + r * ns, v[r]); }
#elif ${RADIX20}
  var a: array<vec2<f32>, 20>;
  for (var r = 0u; r < 20u; r++) { a[r] = twiddled(at, j, r, k); }
  let v = dft20(a, stage.m, inverse);
  for (var r = 2u; r < 20u; r++) { store(at, o + r * ns, v[r]); }
#elif ${RADIX8}
  let v = dft8(array<vec2<f32>, 8>(
    load(at, j), twiddled(at, j, 1u, k), twiddled(at, j, 2u, k), twiddled(at, j, 3u, k),
    twiddled(at, j, 4u, k), twiddled(at, j, 5u, k), twiddled(at, j, 6u, k), twiddled(at, j, 7u, k)), inverse);
  store(at, o + 2u * ns, v[2]);
  store(at, o + 3u * ns, v[3]);
  store(at, o + 4u * ns, v[4]);
  store(at, o + 5u * ns, v[5]);
  store(at, o + 6u * ns, v[6]);
  store(at, o + 7u * ns, v[7]);
#elif ${RADIX16}
  let v = dft16(array<vec2<f32>, 16>(
    load(at, j), twiddled(at, j, 1u, k), twiddled(at, j, 2u, k), twiddled(at, j, 3u, k),
    twiddled(at, j, 4u, k), twiddled(at, j, 5u, k), twiddled(at, j, 6u, k), twiddled(at, j, 7u, k),
    twiddled(at, j, 8u, k), twiddled(at, j, 9u, k), twiddled(at, j, 10u, k), twiddled(at, j, 11u, k),
    twiddled(at, j, 12u, k), twiddled(at, j, 13u, k), twiddled(at, j, 14u, k), twiddled(at, j, 15u, k)), inverse);
  store(at, o + 2u * ns, v[2]);
  store(at, o + 3u * ns, v[3]);
  store(at, o + 4u * ns, v[4]);
  store(at, o + 5u * ns, v[5]);
  store(at, o + 6u * ns, v[6]);
  store(at, o + 7u * ns, v[7]);
  store(at, o + 8u * ns, v[8]);
  store(at, o + 9u * ns, v[9]);
  store(at, o + 10u * ns, v[10]);
  store(at, o + 11u * ns, v[11]);
  store(at, o + 12u * ns, v[12]);
  store(at, o + 13u * ns, v[13]);
  store(at, o + 14u * ns, v[14]);
  store(at, o + 15u * ns, v[15]);
#else
  let v = dft4(array<vec2<f32>, 4>(
    load(at, j), twiddled(at, j, 1u, k), twiddled(at, j, 2u, k), twiddled(at, j, 3u, k)), inverse);
  store(at, o + 2u * ns, v[2]);
  store(at, o + 3u * ns, v[3]);
#endif
  store(at, o, v[0]);
  store(at, o + ns, v[1]);
}

// Sources of the flux convolutions, per cell j (χ: interior indicator):
//   src[2j]   = (χF, χF g⁺)      src[2j+1] = (χF g⁻, 0)
// with χF g± = F D± log F, the entropic form of F's gradient; or, with RELATIVE, the gradient of a
// field g relative to a positive reference R (LandauOperator.bilinear),
//   g D± log R + R D±(g/R),
// linear in g and equal to g D± log g at g = R. Where R is not a positive normal f32 in the stencil
// (a Maxwellian of small temperature underflows in the far tails) the plain differences D± g are used.
// With FOURTH the gradient is G± = D± − (Θ/6) D±δ² per axis (src/equation/log-gradient.ts), from the
// log-ratios of neighbours (no digits lost to differences of large logarithms), and Θ goes to theta
// for the divergence; Θ = 0 where the five-cell stencil leaves the grid.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> src: array<vec4<f32>>;
#if ${FOURTH}
@group(0) @binding(4) var<storage, read_write> theta: array<vec4<f32>>;

const TAIL_LIMIT: f32 = 6.0;

struct Corrected {
  up: f32,
  down: f32,
  theta: f32,
}

// G± along one axis from the four differences e_j between cells j+1 and j (j = −2 … 1, the cell at
// 0), with Θ from the four log-ratios r_j: g⁺ = e_0 − (Θ/6)(e_1 − 2e_0 + e_−1), g⁻ likewise.
fn corrected(e: vec4<f32>, r: vec4<f32>) -> Corrected {
  let jump = max(max(abs(r.x), abs(r.y)), max(abs(r.z), abs(r.w)));
  let th = min(1.0, TAIL_LIMIT * exp(-jump));
  let up = e.z - th / 6.0 * (e.w - 2.0 * e.z + e.y);
  let down = e.y - th / 6.0 * (e.z - 2.0 * e.y + e.x);
  return Corrected(up, down, th);
}

// Whether the stencil c − 2s … c + 2s along axis k stays on the grid.
fn has_wide_stencil(p: vec3<u32>, k: u32, n: u32) -> bool {
  return p[k] >= 2u && p[k] + 3u <= n;
}
#endif
#if ${RELATIVE}
@group(0) @binding(3) var<storage, read> reference: array<f32>;

const MIN_NORMAL_BITS: u32 = 0x00800000u;
const INFINITY_BITS: u32 = 0x7f800000u;

// A positive normal finite f32 (its log and reciprocals are exact enough).
fn usable(r: f32) -> bool {
  let bits = bitcast<u32>(r);
  return bits >= MIN_NORMAL_BITS && bits < INFINITY_BITS;
}

// The difference of g between cells a (lower) and b (upper) relative to R, over h, as the source
// of the cell with values (g_at, r_at).
fn relative_difference(ga: f32, ra: f32, gb: f32, rb: f32, g_at: f32, r_at: f32, inv_h: f32) -> f32 {
  if (!(usable(ra) && usable(rb))) { return (gb - ga) * inv_h; }
  return (g_at * log(rb / ra) + r_at * (gb / rb - ga / ra)) * inv_h;
}
#endif

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
  if (!is_interior(p, n)) {
    src[2u * c] = vec4<f32>(0.0);
    src[2u * c + 1u] = vec4<f32>(0.0);
#if ${FOURTH}
    theta[c] = vec4<f32>(0.0);
#endif
    return;
  }
  let fc = f[c];
  let s = neighbour_strides(n);
#if ${RELATIVE}
  let inv_h = 1.0 / grid.h;
  let rc = reference[c];
  var up = vec3<f32>(0.0);
  var down = vec3<f32>(0.0);
#if ${FOURTH}
  var th = vec3<f32>(0.0);
#endif
  for (var k = 0u; k < 3u; k++) {
    let a = c + s[k];
    let b = c - s[k];
    up[k] = relative_difference(fc, rc, f[a], reference[a], fc, rc, inv_h);
    down[k] = relative_difference(f[b], reference[b], fc, rc, fc, rc, inv_h);
#if ${FOURTH}
    if (has_wide_stencil(p, k, n)) {
      let i = vec4<u32>(c - 2u * s[k], b, a, c + 2u * s[k]);
      let rr = vec4<f32>(reference[i.x], reference[i.y], reference[i.z], reference[i.w]);
      if (usable(rr.x) && usable(rr.y) && usable(rr.z) && usable(rr.w) && usable(rc)) {
        // g·G±log R + R·G±(g/R): the log-ratios of R and the differences of g/R
        let lr = log(vec4<f32>(rr.y, rc, rr.z, rr.w) / vec4<f32>(rr.x, rr.y, rc, rr.z));
        let q = vec4<f32>(f[i.x], f[i.y], f[i.z], f[i.w]) / rr;
        let qc = fc / rc;
        let dq = vec4<f32>(q.y, qc, q.z, q.w) - vec4<f32>(q.x, q.y, qc, q.z);
        let gl = corrected(lr, lr);
        let gq = corrected(dq, lr);
        th[k] = gl.theta;
        up[k] = (fc * gl.up + rc * gq.up) * inv_h;
        down[k] = (fc * gl.down + rc * gq.down) * inv_h;
      }
    }
#endif
  }
#else
#if ${FOURTH}
  var up = vec3<f32>(0.0);
  var down = vec3<f32>(0.0);
  var th = vec3<f32>(0.0);
  for (var k = 0u; k < 3u; k++) {
    let fa = f[c + s[k]];
    let fb = f[c - s[k]];
    if (has_wide_stencil(p, k, n)) {
      let r = log(vec4<f32>(fb, fc, fa, f[c + 2u * s[k]]) / vec4<f32>(f[c - 2u * s[k]], fb, fc, fa));
      let g = corrected(r, r);
      th[k] = g.theta;
      up[k] = g.up / grid.h * fc;
      down[k] = g.down / grid.h * fc;
    } else {
      up[k] = log(fa / fc) / grid.h * fc;
      down[k] = log(fc / fb) / grid.h * fc;
    }
  }
#else
  let g = log_gradients(fc, vec3<f32>(f[c + s.x], f[c + s.y], f[c + s.z]),
                        vec3<f32>(f[c - s.x], f[c - s.y], f[c - s.z]), grid.h);
  let up = g.up * fc;
  let down = g.down * fc;
#endif
#endif
#if ${FOURTH}
  theta[c] = vec4<f32>(th, 0.0);
#endif
  src[2u * c] = vec4<f32>(fc, up);
  src[2u * c + 1u] = vec4<f32>(down, 0.0);
}

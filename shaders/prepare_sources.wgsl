// Sources of the flux convolutions, per cell j (χ: interior indicator):
//   src[2j]   = (χF, χF g⁺)      src[2j+1] = (χF g⁻, 0)
// with χF g± = F D± log F, the entropic form of F's gradient; or, with RELATIVE, the gradient of a
// field g relative to a positive reference R (LandauOperator.bilinear),
//   g D± log R + R D±(g/R),
// linear in g and equal to g D± log g at g = R. Where R is not a positive normal f32 in the stencil
// (a Maxwellian of small temperature underflows in the far tails) the plain differences D± g are used.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> src: array<vec4<f32>>;
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
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let c = linear_index(wid, nwg, lid);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
  if (!is_interior(p, n)) {
    src[2u * c] = vec4<f32>(0.0);
    src[2u * c + 1u] = vec4<f32>(0.0);
    return;
  }
  let fc = f[c];
  let s = neighbour_strides(n);
#if ${RELATIVE}
  let inv_h = 1.0 / grid.h;
  let rc = reference[c];
  var up = vec3<f32>(0.0);
  var down = vec3<f32>(0.0);
  for (var k = 0u; k < 3u; k++) {
    let a = c + s[k];
    let b = c - s[k];
    up[k] = relative_difference(fc, rc, f[a], reference[a], fc, rc, inv_h);
    down[k] = relative_difference(f[b], reference[b], fc, rc, fc, rc, inv_h);
  }
#else
  let g = log_gradients(fc, vec3<f32>(f[c + s.x], f[c + s.y], f[c + s.z]),
                        vec3<f32>(f[c - s.x], f[c - s.y], f[c - s.z]), grid.h);
  let up = g.up * fc;
  let down = g.down * fc;
#endif
  src[2u * c] = vec4<f32>(fc, up);
  src[2u * c + 1u] = vec4<f32>(down, 0.0);
}

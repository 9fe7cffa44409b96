// Sources of a field g for the bilinear operator Q(F,G), with gradients relative to a positive
// reference R (see LandauOperator.bilinear): per interior cell j,
//   σ = g,   p± = g D± log R + R D±(g/R)
// in the layout of prepare_sources.wgsl. Where R is not a positive normal f32 in the stencil (a
// Maxwellian of small temperature underflows in the far tails) the plain differences D± g are used.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> g: array<f32>;
@group(0) @binding(2) var<storage, read> reference: array<f32>;
@group(0) @binding(3) var<storage, read_write> src: array<vec4<f32>>;

const MIN_NORMAL_BITS: u32 = 0x00800000u;
const INFINITY_BITS: u32 = 0x7f800000u;

// A positive normal finite f32 (its log and reciprocals are exact enough).
fn usable(r: f32) -> bool {
  let bits = bitcast<u32>(r);
  return bits >= MIN_NORMAL_BITS && bits < INFINITY_BITS;
}

// (g_b − g_a) relative to R between cells a (lower) and b (upper), divided by h: with the weight of
// the cell `at` (a or b) — the one whose source it is.
fn relative_difference(ga: f32, ra: f32, gb: f32, rb: f32, g_at: f32, r_at: f32, inv_h: f32) -> f32 {
  if (!(usable(ra) && usable(rb))) { return (gb - ga) * inv_h; }
  return (g_at * log(rb / ra) + r_at * (gb / rb - ga / ra)) * inv_h;
}

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
  let s = neighbour_strides(n);
  let inv_h = 1.0 / grid.h;
  let gc = g[c];
  let rc = reference[c];
  var up = vec3<f32>(0.0);
  var down = vec3<f32>(0.0);
  for (var k = 0u; k < 3u; k++) {
    let a = c + s[k];
    let b = c - s[k];
    up[k] = relative_difference(gc, rc, g[a], reference[a], gc, rc, inv_h);
    down[k] = relative_difference(g[b], reference[b], gc, rc, gc, rc, inv_h);
  }
  src[2u * c] = vec4<f32>(gc, up);
  src[2u * c + 1u] = vec4<f32>(down, 0.0);
}

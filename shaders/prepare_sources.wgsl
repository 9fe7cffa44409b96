// Sources of the flux convolutions, per cell j (χ: the indicator of the interior cells V):
//   src[2j]   = (χF, χF g⁺)      src[2j+1] = (χF g⁻, the row ids of j packed: pair_gradient.wgsl)
// with χF g± = F G± log F, the entropic form of F's gradient, G± the upwind-biased differences of
// the row (src/equation/log-gradient.ts), summed as Σ_o w_o log(F_{c+o}/F_c) so that no digits are
// lost to the difference of two large logarithms in the tails; or, with RELATIVE, the gradient of a
// field g relative to a positive reference R (LandauOperator.bilinear),
//   g G± log R + R G±(g/R),
// linear in g and equal to g G± log g at g = R. Where R is not a positive normal f32 in the stencil
// (a Maxwellian of small temperature underflows in the far tails) the plain differences G± g are used.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read_write> src: array<vec4<f32>>;
#if ${RELATIVE}
@group(0) @binding(3) var<storage, read> reference: array<f32>;

// h·(G⁺, G⁻) along the axis of stride s at cell c (row id t) of g relative to R.
fn relative_pair(c: u32, s: u32, t: u32, gc: f32, rc: f32) -> vec2<f32> {
  var all_usable = usable(rc);
  for (var o = -i32(ROW_REACH); o <= i32(ROW_REACH); o++) {
    if (pair_weight(0u, t, o) != 0.0 || pair_weight(1u, t, o) != 0.0) { all_usable = all_usable && usable(reference[offset_cell(c, s, o)]); }
  }
  var out = vec2<f32>(0.0);
  for (var o = -i32(ROW_REACH); o <= i32(ROW_REACH); o++) {
    if (o == 0 || (pair_weight(0u, t, o) == 0.0 && pair_weight(1u, t, o) == 0.0)) { continue; }
    let x = offset_cell(c, s, o);
    var d: f32;
    if (all_usable) {
      d = gc * log(reference[x] / rc) + rc * (f[x] / reference[x] - gc / rc);
    } else {
      d = f[x] - gc;
    }
    out += vec2<f32>(pair_weight(0u, t, o), pair_weight(1u, t, o)) * d;
  }
  return out;
}
#endif

// h·(G⁺, G⁻) log F along the axis of stride s at cell c (row id t).
fn log_pair(c: u32, s: u32, t: u32, fc: f32) -> vec2<f32> {
  var out = vec2<f32>(0.0);
  for (var o = -i32(ROW_REACH); o <= i32(ROW_REACH); o++) {
    if (o == 0 || (pair_weight(0u, t, o) == 0.0 && pair_weight(1u, t, o) == 0.0)) { continue; }
    let r = log(f[offset_cell(c, s, o)] / fc);
    out += vec2<f32>(pair_weight(0u, t, o), pair_weight(1u, t, o)) * r;
  }
  return out;
}

// The row id of cell c (coordinate i along the axis of stride s): from the log-ratios of the field
// whose gradient the flux takes (F, or R with RELATIVE) over the window i ± HALF_ORDER.
fn row_of(c: u32, s: u32, i: u32, n: u32) -> u32 {
  let lo = max(i32(i) - i32(HALF_ORDER), 0);
  let hi = min(i32(i) + i32(HALF_ORDER), i32(n) - 1);
  var jump = 0.0;
  var slope = 0.0;
  for (var j = lo; j < hi; j++) {
    let a = offset_cell(c, s, j - i32(i));
#if ${RELATIVE}
    let r = log_ratio(reference[a], reference[a + s]);
#else
    let r = log_ratio(f[a], f[a + s]);
#endif
    jump = max(jump, r.x);
    if (j == i32(i) - 1 || j == i32(i)) { slope += r.y; }
  }
  return choose_row(i, n, jump, slope);
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
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
  let inv_h = 1.0 / grid.h;
  var up = vec3<f32>(0.0);
  var down = vec3<f32>(0.0);
  var ids = vec3<u32>(NO_ROW);
  for (var k = 0u; k < 3u; k++) {
    let t = row_of(c, s[k], p[k], n);
    ids[k] = t;
#if ${RELATIVE}
    let g = relative_pair(c, s[k], t, fc, reference[c]) * inv_h;
#else
    let g = log_pair(c, s[k], t, fc) * (fc * inv_h);
#endif
    up[k] = g.x;
    down[k] = g.y;
  }
  src[2u * c] = vec4<f32>(fc, up);
  src[2u * c + 1u] = vec4<f32>(down, pack_row_ids(ids));
}

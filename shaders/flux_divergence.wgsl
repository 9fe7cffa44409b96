// Q from the fluxes, and the flux's share of the rate bound, per cell c (before divergence_update.wgsl,
// which applies the RK stage):
//   q[c]         = (1/2h) Σ_k (Φ_k(c + ½) − Φ_k(c − ½)),  Φ_k(f + ½) = Σ_± Σ_i s^±_{f−i} J^±_k(i),
// the transpose of the sources' differences G± written as a difference of face values (the face
// weights s of log-gradient.ts; each face value is summed over the same rows in the same order by
// the two cells beside it, so it cancels in the mass); the rows i of axis k are those whose stencil
// reaches c, each with the id prepare_sources.wgsl chose and left in src[2i + 1].w;
//   stiffness[c] = c_diff · r · ½ Σ_k Σ_± Σ_i |G^±_{ic}|·Σ|G^±_i·|·F_i/F_c / 12 + c_drift · d · drift_factor
// with r and d the largest A row sum and drift |B|₁ over those rows (src/equation/stability.ts).
// With COMPACT (order 8), the compact rows (src/equation/compact-lines.ts) enter the faces through
// the fluxes compact_flux.wgsl left, plus C₈'s face weights on their blend fluxes, and the rate
// bound through compact_bound.wgsl's share instead of their table couplings:
//   stiffness[c] = c_diff · ½ (r Σ_explicit … + Σ_k share_k(c) / F_c^{1/2}) / 12 + the drift.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> flux: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> state_hi: array<f32>;
@group(0) @binding(4) var<storage, read_write> q: array<f32>;
@group(0) @binding(5) var<storage, read_write> stiffness: array<f32>;
#if ${COMPACT}
@group(0) @binding(6) var<storage, read> blend: array<f32>;
@group(0) @binding(7) var<storage, read> share: array<f32>;
#endif

// Row id of cell x along axis k, as prepare_sources.wgsl stored them (NO_ROW outside V).
fn row_id(x: u32, k: u32) -> u32 {
  return unpack_row_ids(src[2u * x + 1u].w)[k];
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
  let s = neighbour_strides(n);
  let fc = state_hi[c];
  var div = 0.0;
  var row_sum = 0.0;
  var drift = 0.0;
  var couplings = 0.0;
  for (var k = 0u; k < 3u; k++) {
    let lo = max(i32(p[k]) - i32(ROW_REACH), 1);
    let hi = min(i32(p[k]) + i32(ROW_REACH), i32(n) - 2);
    for (var i = lo; i <= hi; i++) {
      let x = offset_cell(c, s[k], i - i32(p[k]));
      let t = row_id(x, k);
      let o = i32(p[k]) - i;
      let wp = pair_weight(0u, t, o);
      let wm = pair_weight(1u, t, o);
      if (wp == 0.0 && wm == 0.0) { continue; }
      drift = max(drift, flux[2u * x + 1u].w);
      if (t == COMPACT_ROW) { continue; }
      row_sum = max(row_sum, flux[2u * x].w);
      couplings += (abs(wp) * member_abs_sum(0u, t) + abs(wm) * member_abs_sum(1u, t)) * (state_hi[x] / fc);
    }
    for (var face = i32(p[k]) - 1; face <= i32(p[k]); face++) {
      var value = 0.0;
      for (var i = max(face - i32(ROW_REACH) + 1, 1); i <= min(face + i32(ROW_REACH), i32(n) - 2); i++) {
        let x = offset_cell(c, s[k], i - i32(p[k]));
        let t = row_id(x, k);
        value += face_weight(0u, t, face - i) * flux[2u * x][k] + face_weight(1u, t, face - i) * flux[2u * x + 1u][k];
#if ${COMPACT}
        if (t == COMPACT_ROW) { value += BLEND_FACES[u32(face - i + i32(MAX_HALF_ORDER))] * blend[3u * x + k]; }
#endif
      }
      div += select(-value, value, face == i32(p[k]));
    }
  }
  q[c] = 0.5 * div / grid.h;
  var diffusion = grid.stiff_diffusion * row_sum * 0.5 * couplings;
#if ${COMPACT}
  let compact = share[3u * c] + share[3u * c + 1u] + share[3u * c + 2u];
  if (compact != 0.0) { diffusion = grid.stiff_diffusion * 0.5 * (row_sum * couplings + compact / sqrt(fc)); }
#endif
  stiffness[c] = diffusion / 12.0 + grid.stiff_drift * drift * drift_factor();
}

// The compact rows' share of the rate bound along one axis (src/equation/compact-lines.ts
// couplings), one invocation per line, at the state (first RK stage and the moments):
//   share_k = Σ_{i compact} Σ_± |G±_ik|·(Σ_j |G±_ij| F_j^{−1/2})·F_i·r_i,
// with the rows G±_i = θ_i (P⁻¹D̃)_i + (1 − θ_i) C₈ ∓ E formed exactly (row i of P⁻¹ solves
// Pᵀx = e_i), r_i the row's A row sum (flux[2i].w); flux_divergence.wgsl divides by F_k^{1/2}.
// Zero on lines without compact rows.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> flux: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> theta: array<f32>;
@group(0) @binding(4) var<storage, read> state_hi: array<f32>;
@group(0) @binding(5) var<storage, read_write> share: array<f32>;
@group(0) @binding(6) var<storage, read_write> line_work: array<vec4<f32>>;

// Entry j of G^± of compact row i (upwind = ∓1), from x = row i of P⁻¹ in line_work[·].y.
fn row_entry(base: u32, s: u32, n: u32, i: i32, j: i32, weight: f32, upwind: f32) -> f32 {
  var sum = 0.0;
  for (var o = -i32(MAX_HALF_ORDER); o <= i32(MAX_HALF_ORDER); o++) {
    let l = j - o;
    if (l < 1 || l > i32(n) - 2) { continue; }
    let c = base + u32(l) * s;
    let x = line_work[c].y;
    if (x != 0.0) { sum += x * centred_weight(row_at(c), o); }
  }
  var out = weight * sum;
  let o = j - i;
  if (abs(o) <= i32(MAX_HALF_ORDER)) {
    out += (1.0 - weight) * centred_weight(MAX_HALF_ORDER, o) + upwind * upwind_weight(COMPACT_ROW, o);
  }
  return out;
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let line = invocation_line(inv);
  if (!line.valid) { return; }
  let n = grid.n;
  let base = line.base;
  let s = line.stride;
  for (var i = 0u; i < n; i++) { share[3u * (base + i * s) + AXIS] = 0.0; }
  for (var i = 1; i + 1 < i32(n); i++) {
    let ci = base + u32(i) * s;
    if (!compact_at(ci)) { continue; }
    for (var j = 0; j < i32(n); j++) {
      line_work[base + u32(j) * s] = vec4<f32>(0.0, select(0.0, 1.0, j == i), 0.0, 0.0);
    }
    solve_line(base, s, n, true);
    let weight = theta[3u * ci + AXIS];
    for (var sign = -1; sign <= 1; sign += 2) {
      let upwind = f32(sign);
      var total = 0.0;
      for (var j = 0; j < i32(n); j++) {
        let g = row_entry(base, s, n, i, j, weight, upwind);
        if (g != 0.0) { total += abs(g) / sqrt(state_hi[base + u32(j) * s]); }
      }
      let scale = total * state_hi[ci] * flux[2u * ci].w;
      for (var j = 0; j < i32(n); j++) {
        let g = row_entry(base, s, n, i, j, weight, upwind);
        if (g != 0.0) { share[3u * (base + u32(j) * s) + AXIS] += abs(g) * scale; }
      }
    }
  }
}

// The fluxes of the compact rows along one axis made ready for flux_divergence.wgsl's face form
// (src/equation/compact-lines.ts), one invocation per line with compact rows: with S = J⁺ + J⁻ and
// U = J⁺ − J⁻, Pᵀ Y = θ∘S (θ = 1 off the compact rows), J'± = (Y ± U)/2 where Y can differ from S,
// and blend = (1 − θ) S on the compact rows, which the divergence differences with C₈.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> flux: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> theta: array<f32>;
@group(0) @binding(4) var<storage, read_write> blend: array<f32>;
@group(0) @binding(5) var<storage, read_write> line_work: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let line = invocation_line(inv);
  if (!line.valid) { return; }
  let n = grid.n;
  let base = line.base;
  let s = line.stride;
  var any = false;
  for (var i = 0u; i < n; i++) { any = any || compact_at(base + i * s); }
  if (!any) { return; }
  for (var i = 0u; i < n; i++) {
    let c = base + i * s;
    let sum = flux[2u * c][AXIS] + flux[2u * c + 1u][AXIS];
    var rhs = sum;
    if (compact_at(c)) {
      let weight = theta[3u * c + AXIS];
      rhs = weight * sum;
      blend[3u * c + AXIS] = (1.0 - weight) * sum;
    }
    line_work[c] = vec4<f32>(0.0, rhs, 0.0, 0.0);
  }
  solve_line(base, s, n, true);
  for (var i = 1; i + 1 < i32(n); i++) {
    if (!touches_compact(base, s, n, i)) { continue; }
    let c = base + u32(i) * s;
    let u = flux[2u * c][AXIS] - flux[2u * c + 1u][AXIS];
    let y = line_work[c].y;
    flux[2u * c][AXIS] = 0.5 * (y + u);
    flux[2u * c + 1u][AXIS] = 0.5 * (y - u);
  }
}

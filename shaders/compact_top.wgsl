// The largest log F over the interior cells (log R for bilinear()'s sources): the compact core's
// depth is measured from it (src/equation/compact-lines.ts choose). One workgroup strides over the
// grid and reduces; compact_gradient.wgsl reads top[0].

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> field: array<f32>;
@group(0) @binding(2) var<storage, read_write> top: array<f32>;

var<workgroup> wg_top: array<f32, WORKGROUP>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(local_invocation_index) lid: u32) {
  var best = 0.0;
  for (var c = lid; c < grid.cells; c += WORKGROUP) {
    if (is_interior(cell_coords(c, grid.n), grid.n)) { best = max(best, field[c]); }
  }
  wg_top[lid] = best;
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { wg_top[lid] = max(wg_top[lid], wg_top[lid + stride]); }
    workgroupBarrier();
  }
  if (lid == 0u) { top[0] = log(wg_top[0]); }
}

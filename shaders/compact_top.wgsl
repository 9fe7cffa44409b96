// The largest F over the interior cells (R for bilinear()'s sources), from which the compact core's
// depth is measured (src/equation/compact-lines.ts choose): COMPACT_TOP_GROUPS workgroups stride
// over the grid, each leaves the largest of its share in top[group], and compact_gradient.wgsl
// takes the log of the largest of those.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> field: array<f32>;
@group(0) @binding(2) var<storage, read_write> top: array<f32>;

var<workgroup> wg_top: array<f32, WORKGROUP>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  var best = 0.0;
  for (var c = wid.x * WORKGROUP + lid; c < grid.cells; c += COMPACT_TOP_GROUPS * WORKGROUP) {
    if (is_interior(cell_coords(c, grid.n), grid.n)) { best = max(best, field[c]); }
  }
  wg_top[lid] = best;
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { wg_top[lid] = max(wg_top[lid], wg_top[lid + stride]); }
    workgroupBarrier();
  }
  if (lid == 0u) { top[wid.x] = wg_top[0]; }
}

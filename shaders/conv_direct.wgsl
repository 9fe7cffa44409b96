// Direct, workgroup-tiled convolution with the kernel table W (an N-body pattern): each invocation
// owns one target cell; the workgroup stages WORKGROUP source cells at a time in shared memory.
// The flux variant runs over the interior cells V only, as targets and as sources (χ vanishes
// elsewhere, and the flux outside V stays at the zero the buffer was created with).
//   FLUX: A^χ = W∗(χF), B± = W∗(χF g±), then the fluxes (flux_epilogue.wgsl).
//   else: A = W∗F, the diffusion matrix itself.

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> table: array<vec4<f32>>;  // per |d|: (xx, yy, zz, xy), (xz, yz, 0, 0)
#if ${FLUX}
@group(0) @binding(2) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> flux: array<vec4<f32>>;
var<workgroup> tile_a: array<vec4<f32>, WORKGROUP>;
var<workgroup> tile_b: array<vec4<f32>, WORKGROUP>;
#else
@group(0) @binding(2) var<storage, read> f: array<f32>;
@group(0) @binding(3) var<storage, read_write> diffusion: array<vec4<f32>>;
var<workgroup> tile_f: array<f32, WORKGROUP>;
#endif
var<workgroup> tile_p: array<vec4<i32>, WORKGROUP>;

// The cells this variant works on: a cube of side m starting at `first` on every axis.
struct CellRange {
  m: u32,
  first: u32,
  count: u32,
}

fn cell_range(n: u32) -> CellRange {
#if ${FLUX}
  let m = n - 2u;
  return CellRange(m, 1u, m * m * m);
#else
  return CellRange(n, 0u, n * n * n);
#endif
}

fn range_cell(k: u32, d: CellRange) -> vec3<u32> {
  return cell_coords(k, d.m) + vec3<u32>(d.first);
}

fn cell_index(p: vec3<u32>, n: u32) -> u32 {
  return (p.x * n + p.y) * n + p.z;
}

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let n = grid.n;
  let span = cell_range(n);
  let k_target = linear_index(wid, nwg, lid);
  let target_in_range = k_target < span.count;
  let p_target = range_cell(min(k_target, span.count - 1u), span);
  let c = cell_index(p_target, n);
  let p = vec3<i32>(p_target);
  var a = Sym3(vec3<f32>(0.0), vec3<f32>(0.0));
#if ${FLUX}
  var b_up = vec3<f32>(0.0);
  var b_down = vec3<f32>(0.0);
#endif
  let tiles = (span.count + WORKGROUP - 1u) / WORKGROUP;
  for (var t = 0u; t < tiles; t++) {
    let k_source = t * WORKGROUP + lid;
    let source_in_range = k_source < span.count;
    let q = range_cell(min(k_source, span.count - 1u), span);
    let jc = cell_index(q, n);
    tile_p[lid] = vec4<i32>(vec3<i32>(q), 0);
#if ${FLUX}
    tile_a[lid] = select(vec4<f32>(0.0), src[2u * jc], source_in_range);
    tile_b[lid] = select(vec4<f32>(0.0), src[2u * jc + 1u], source_in_range);
#else
    tile_f[lid] = select(0.0, f[jc], source_in_range);
#endif
    workgroupBarrier();
    // Two-level summation: each tile is summed on its own, then added to the running total, so the
    // rounding error grows like √WORKGROUP + √tiles instead of √(N³).
    var ta = Sym3(vec3<f32>(0.0), vec3<f32>(0.0));
#if ${FLUX}
    var tb_up = vec3<f32>(0.0);
    var tb_down = vec3<f32>(0.0);
#endif
    for (var k = 0u; k < WORKGROUP; k++) {
      let w = kernel_at(p - tile_p[k].xyz, n);
#if ${FLUX}
      let sa = tile_a[k];
      ta.diag += w.diag * sa.x;
      ta.off += w.off * sa.x;
      tb_up += sym_apply(w, sa.yzw);
      tb_down += sym_apply(w, tile_b[k].xyz);
#else
      let fj = tile_f[k];
      ta.diag += w.diag * fj;
      ta.off += w.off * fj;
#endif
    }
    a.diag += ta.diag;
    a.off += ta.off;
#if ${FLUX}
    b_up += tb_up;
    b_down += tb_down;
#endif
    workgroupBarrier();
  }
  if (!target_in_range) { return; }
#if ${FLUX}
  let fp = flux_from_convolutions(a, b_up, b_down, src[2u * c], src[2u * c + 1u]);
  flux[2u * c] = fp.up;
  flux[2u * c + 1u] = fp.down;
#else
  diffusion[2u * c] = vec4<f32>(a.diag, a.off.x);
  diffusion[2u * c + 1u] = vec4<f32>(a.off.y, a.off.z, 0.0, 0.0);
#endif
}

// Direct, workgroup-tiled convolution with the kernel table W (an N-body pattern): each invocation
// owns one target cell; the workgroup stages WORKGROUP source cells at a time in shared memory.
// The flux variant runs over the interior cells V only, as targets and as sources (χ vanishes
// elsewhere, and the flux outside V stays at the zero the buffer was created with).
//   FLUX: A^χ = W∗(χF), B± = W∗(χF g±), then J± = A^χ(χF g±) − χF B±.
//   else: A = W∗F, the diffusion matrix itself.
// The table holds the octant |d|; off-diagonal entries change sign with the signs of d.

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

struct Sym3 {
  diag: vec3<f32>,  // xx, yy, zz
  off: vec3<f32>,   // xy, xz, yz
}

fn kernel_at(d: vec3<i32>, n: u32) -> Sym3 {
  let a = vec3<u32>(abs(d));
  let k = 2u * ((a.x * n + a.y) * n + a.z);
  let t0 = table[k];
  let t1 = table[k + 1u];
  let s = sign(vec3<f32>(d));
  return Sym3(t0.xyz, vec3<f32>(t0.w, t1.x, t1.y) * vec3<f32>(s.x * s.y, s.x * s.z, s.y * s.z));
}

fn sym_apply(w: Sym3, x: vec3<f32>) -> vec3<f32> {
  return vec3<f32>(
    w.diag.x * x.x + w.off.x * x.y + w.off.y * x.z,
    w.off.x * x.x + w.diag.y * x.y + w.off.z * x.z,
    w.off.y * x.x + w.off.z * x.y + w.diag.z * x.z);
}

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
    for (var k = 0u; k < WORKGROUP; k++) {
      let w = kernel_at(p - tile_p[k].xyz, n);
#if ${FLUX}
      let sa = tile_a[k];
      a.diag += w.diag * sa.x;
      a.off += w.off * sa.x;
      b_up += sym_apply(w, sa.yzw);
      b_down += sym_apply(w, tile_b[k].xyz);
#else
      let fj = tile_f[k];
      a.diag += w.diag * fj;
      a.off += w.off * fj;
#endif
    }
    workgroupBarrier();
  }
  if (!target_in_range) { return; }
#if ${FLUX}
  let own_a = src[2u * c];
  let own_b = src[2u * c + 1u];
  let fc = own_a.x;
  let j_up = sym_apply(a, own_a.yzw) - fc * b_up;
  let j_down = sym_apply(a, own_b.xyz) - fc * b_down;
  // What the stiffness estimate (divergence_update.wgsl) needs: A's largest row sum and the drift |B|₁.
  let ad = abs(a.diag);
  let ao = abs(a.off);
  let row_sum = max(ad.x + ao.x + ao.y, max(ao.x + ad.y + ao.z, ao.y + ao.z + ad.z));
  let drift = 0.5 * (dot(abs(b_up), vec3<f32>(1.0)) + dot(abs(b_down), vec3<f32>(1.0)));
  flux[2u * c] = vec4<f32>(j_up, row_sum);
  flux[2u * c + 1u] = vec4<f32>(j_down, drift);
#else
  diffusion[2u * c] = vec4<f32>(a.diag, a.off.x);
  diffusion[2u * c + 1u] = vec4<f32>(a.off.y, a.off.z, 0.0, 0.0);
#endif
}

// Moments and rates of the state, as per-workgroup partial sums the host adds in f64. Every partial
// is an unevaluated f32 pair (hi, lo) accumulated with error-free TwoSum, so the partials carry about
// twice f32's digits and the sums are limited by the f32 terms, not by the additions.
// Sums (each times h³ on the host), at the indices SUM_<NAME> of shader-constants.ts:
//   F | v F | |v|² F | v_a v_b F | F log F | F |D log F|² | v_a v_b Q | Q log F | |Q|
// followed by min F, max F and the largest per-cell rate bound (divergence_update.wgsl).


@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> f: array<f32>;
@group(0) @binding(2) var<storage, read> q: array<f32>;
@group(0) @binding(3) var<storage, read> stiffness: array<f32>;
@group(0) @binding(4) var<storage, read_write> partials: array<f32>;

var<workgroup> wg_sums: array<vec2<f32>, WORKGROUP * SUMS>;
var<workgroup> wg_ext: array<vec3<f32>, WORKGROUP>;

fn df_add(x: vec2<f32>, y: vec2<f32>) -> vec2<f32> {
  let s = two_sum(x.x, y.x);
  let lo = s.y + x.y + y.y;
  return two_sum(s.x, lo);
}

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let n = grid.n;
  var acc: array<vec2<f32>, SUMS>;
  for (var k = 0u; k < SUMS; k++) { acc[k] = vec2<f32>(0.0); }
  var ext = vec3<f32>(3.0e38, -3.0e38, 0.0);  // min F, max F, max stiffness
  // One partial per workgroup; the groups of a folded dispatch past the last partial do nothing.
  let groups = arrayLength(&partials) / PARTIAL_STRIDE;
  let gid = group_index(wid, nwg);
  if (gid >= groups) { return; }
  let threads = groups * WORKGROUP;
  for (var c = gid * WORKGROUP + lid; c < grid.cells; c += threads) {
    let p = cell_coords(c, n);
    let v = cell_velocity(p, grid);
    let fc = f[c];
    let qc = q[c];
    let lf = log(fc);
    let vv = array<f32, 6>(v.x * v.x, v.y * v.y, v.z * v.z, v.x * v.y, v.x * v.z, v.y * v.z);
    var terms: array<f32, SUMS>;
    terms[SUM_MASS] = fc;
    terms[SUM_MOMENTUM] = v.x * fc;
    terms[SUM_MOMENTUM + 1u] = v.y * fc;
    terms[SUM_MOMENTUM + 2u] = v.z * fc;
    terms[SUM_ENERGY] = (vv[0] + vv[1] + vv[2]) * fc;
    for (var k = 0u; k < 6u; k++) {
      terms[SUM_SECOND + k] = vv[k] * fc;
      terms[SUM_SECOND_RATE + k] = vv[k] * qc;
    }
    terms[SUM_ENTROPY] = fc * lf;
    terms[SUM_FISHER] = 0.0;
    if (is_interior(p, n)) {
      let s = neighbour_strides(n);
      let g = log_gradients(fc, vec3<f32>(f[c + s.x], f[c + s.y], f[c + s.z]),
                            vec3<f32>(f[c - s.x], f[c - s.y], f[c - s.z]), grid.h);
      terms[SUM_FISHER] = 0.5 * fc * (dot(g.up, g.up) + dot(g.down, g.down));
    }
    terms[SUM_ENTROPY_RATE] = qc * lf;
    terms[SUM_ABS_RATE] = abs(qc);
    for (var k = 0u; k < SUMS; k++) {
      let s = two_sum(acc[k].x, terms[k]);
      acc[k] = vec2<f32>(s.x, acc[k].y + s.y);
    }
    ext = vec3<f32>(min(ext.x, fc), max(ext.y, fc), max(ext.z, stiffness[c]));
  }
  for (var k = 0u; k < SUMS; k++) { wg_sums[lid * SUMS + k] = acc[k]; }
  wg_ext[lid] = ext;
  workgroupBarrier();
  for (var stride = WORKGROUP / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) {
      for (var k = 0u; k < SUMS; k++) {
        wg_sums[lid * SUMS + k] = df_add(wg_sums[lid * SUMS + k], wg_sums[(lid + stride) * SUMS + k]);
      }
      let o = wg_ext[lid + stride];
      let e = wg_ext[lid];
      wg_ext[lid] = vec3<f32>(min(e.x, o.x), max(e.y, o.y), max(e.z, o.z));
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    let base = gid * PARTIAL_STRIDE;
    for (var k = 0u; k < SUMS; k++) {
      partials[base + 2u * k] = wg_sums[k].x;
      partials[base + 2u * k + 1u] = wg_sums[k].y;
    }
    partials[base + 2u * SUMS] = wg_ext[0].x;
    partials[base + 2u * SUMS + 1u] = wg_ext[0].y;
    partials[base + 2u * SUMS + 2u] = wg_ext[0].z;
  }
}

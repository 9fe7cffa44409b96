// Direct convolution with the kernel table W, as an N-body kernel tiled by grid lines: a workgroup
// owns one line of target cells along v_z (each invocation one target, or several for long lines)
// and walks over the source lines; for each it stages the line's sources and the one slice of the
// table it needs, W(|dx|, |dy|, ·) — dx and dy are fixed for the whole tile — in shared memory, so
// the inner loop reads only shared memory. Each tile is summed on its own before it joins the
// total (two-level summation: the f32 error grows like √m + √(m²) instead of √(m³)).
//   FLUX: targets and sources are the interior cells V; A^χ = W∗(χF), D± = W_aa∗(χF g±_a) and
//         O = off-diagonal W ∗ (χF ḡ), then the fluxes (flux_epilogue.wgsl, with B± = D± + O) with
//         the targets' own sources.
//   else: all cells; A = W∗F.

override LINE_WORKGROUP: u32 = 64u;
const MAX_LINE: u32 = 128u;  // longest line the shared tiles hold (N ≤ 128, interior N − 2 ≤ 126)

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<storage, read> table: array<vec4<f32>>;  // per |d|: (xx, yy, zz, xy), (xz, yz, 0, 0)
#if ${FLUX}
@group(0) @binding(2) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> flux: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> own: array<vec4<f32>>;  // the targets' sources: src, or G's for Q(F,G)
var<workgroup> line_b: array<vec4<f32>, MAX_LINE>;
#else
@group(0) @binding(2) var<storage, read> f: array<f32>;
@group(0) @binding(3) var<storage, read_write> diffusion: array<vec4<f32>>;
#endif
var<workgroup> line_a: array<vec4<f32>, MAX_LINE>;
var<workgroup> slice_a: array<vec4<f32>, MAX_LINE>;
var<workgroup> slice_b: array<vec2<f32>, MAX_LINE>;

@compute @workgroup_size(LINE_WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let n = grid.n;
#if ${FLUX}
  let first = 1u;
  let m = n - 2u;
#else
  let first = 0u;
  let m = n;
#endif
  // One workgroup per target line; the groups of a folded dispatch past the last line do nothing
  // (the test is uniform over the workgroup, so the barriers below stay in uniform control flow).
  let line = group_index(wid, nwg);
  if (line >= m * m) { return; }
  let target_line = vec2<u32>(line / m, line % m) + vec2<u32>(first);
  let slots = (m + LINE_WORKGROUP - 1u) / LINE_WORKGROUP;
  for (var slot = 0u; slot < slots; slot++) {
    let tz = slot * LINE_WORKGROUP + lid;  // position along the line, 0 ≤ tz < m when in_line
    let in_line = tz < m;
    var a = Sym3(vec3<f32>(0.0), vec3<f32>(0.0));
#if ${FLUX}
    var d_up = vec3<f32>(0.0);
    var d_down = vec3<f32>(0.0);
    var o = vec3<f32>(0.0);
#endif
    for (var source_line = 0u; source_line < m * m; source_line++) {
      let sxy = vec2<u32>(source_line / m, source_line % m) + vec2<u32>(first);
      let dxy = vec2<i32>(target_line) - vec2<i32>(sxy);
      let axy = vec2<u32>(abs(dxy));
      workgroupBarrier();
      for (var k = lid; k < m; k += LINE_WORKGROUP) {
        let j = (sxy.x * n + sxy.y) * n + first + k;
#if ${FLUX}
        line_a[k] = src[2u * j];
        line_b[k] = src[2u * j + 1u];
#else
        line_a[k] = vec4<f32>(f[j], 0.0, 0.0, 0.0);
#endif
        let e = 2u * ((axy.x * n + axy.y) * n + k);
        slice_a[k] = table[e];
        slice_b[k] = table[e + 1u].xy;
      }
      workgroupBarrier();
      if (in_line) {
        let s = sign(vec2<f32>(dxy));
        var ta = Sym3(vec3<f32>(0.0), vec3<f32>(0.0));
#if ${FLUX}
        var td_up = vec3<f32>(0.0);
        var td_down = vec3<f32>(0.0);
        var to = vec3<f32>(0.0);
#endif
        for (var jz = 0u; jz < m; jz++) {
          let dz = i32(tz) - i32(jz);
          let q = u32(abs(dz));
          let sz = sign(f32(dz));
          let e = slice_a[q];
          let w = Sym3(e.xyz, vec3<f32>(e.w * s.x * s.y, slice_b[q].x * s.x * sz, slice_b[q].y * s.y * sz));
          let sa = line_a[jz];
          ta.diag += w.diag * sa.x;
          ta.off += w.off * sa.x;
#if ${FLUX}
          let sb = line_b[jz].xyz;
          td_up += w.diag * sa.yzw;
          td_down += w.diag * sb;
          to += sym_off_apply(w, 0.5 * (sa.yzw + sb));
#endif
        }
        a.diag += ta.diag;
        a.off += ta.off;
#if ${FLUX}
        d_up += td_up;
        d_down += td_down;
        o += to;
#endif
      }
    }
    if (in_line) {
      let c = (target_line.x * n + target_line.y) * n + first + tz;
#if ${FLUX}
      let fp = flux_from_convolutions(a, d_up + o, d_down + o, own[2u * c], own[2u * c + 1u]);
      flux[2u * c] = fp.up;
      flux[2u * c + 1u] = fp.down;
#else
      diffusion[2u * c] = vec4<f32>(a.diag, a.off.x);
      diffusion[2u * c + 1u] = vec4<f32>(a.off.y, a.off.z, 0.0, 0.0);
#endif
    }
  }
}

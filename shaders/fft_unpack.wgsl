// Back on the N³ grid after the inverse transform (unnormalised: scale 1/m³):
//   FLUX: the fluxes at the interior cells (flux_epilogue.wgsl); else: A[F] at every cell.
// The transformed fields come in one buffer (field k at k·m³) or one buffer per field (SPLIT).

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<uniform> fft: FftGrid;
#if ${SPLIT}
@group(0) @binding(2) var<storage, read> z0: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> z1: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> z2: array<vec2<f32>>;
#if ${FLUX}
@group(0) @binding(5) var<storage, read> z3: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read> z4: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read> z5: array<vec2<f32>>;
@group(0) @binding(8) var<storage, read> own: array<vec4<f32>>;  // the targets' sources: src, or G's for Q(F,G)
@group(0) @binding(9) var<storage, read_write> flux: array<vec4<f32>>;
#else
@group(0) @binding(5) var<storage, read_write> diffusion: array<vec4<f32>>;
#endif

fn field(k: u32, t: u32) -> vec2<f32> {
  switch k {
    case 0u: { return z0[t]; }
    case 1u: { return z1[t]; }
#if ${FLUX}
    case 2u: { return z2[t]; }
    case 3u: { return z3[t]; }
    case 4u: { return z4[t]; }
    default: { return z5[t]; }
#else
    default: { return z2[t]; }
#endif
  }
}
#else
@group(0) @binding(2) var<storage, read> z: array<vec2<f32>>;
#if ${FLUX}
@group(0) @binding(3) var<storage, read> own: array<vec4<f32>>;  // the targets' sources: src, or G's for Q(F,G)
@group(0) @binding(4) var<storage, read_write> flux: array<vec4<f32>>;
#else
@group(0) @binding(3) var<storage, read_write> diffusion: array<vec4<f32>>;
#endif

fn field(k: u32, t: u32) -> vec2<f32> {
  return z[k * fft.m3 + t];
}
#endif

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let n = grid.n;
  let p = cell_coords(c, n);
#if ${FLUX}
  if (!is_interior(p, n)) { return; }
#endif
  let t = fft_index(p, fft.m);
  let s = 1.0 / f32(fft.m3);
  let o0 = field(0u, t) * s;
  let o1 = field(1u, t) * s;
  let o2 = field(2u, t) * s;
  let a = Sym3(vec3<f32>(o0.x, o0.y, o1.x), vec3<f32>(o1.y, o2.x, o2.y));
#if ${FLUX}
  let o3 = field(3u, t) * s;
  let o4 = field(4u, t) * s;
  let o5 = field(5u, t) * s;
  let fp = flux_from_convolutions(a, vec3<f32>(o3.x, o3.y, o4.x), vec3<f32>(o4.y, o5.x, o5.y), own[2u * c], own[2u * c + 1u]);
  flux[2u * c] = fp.up;
  flux[2u * c + 1u] = fp.down;
#else
  diffusion[2u * c] = vec4<f32>(a.diag, a.off.x);
  diffusion[2u * c + 1u] = vec4<f32>(a.off.y, a.off.z, 0.0, 0.0);
#endif
}

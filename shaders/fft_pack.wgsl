// Zero-padded inputs of the convolutions, as four complex fields (pairs of real fields):
//   FLUX: (χF + i χF g⁺x), (χF g⁺y + i χF g⁺z), (χF g⁻x + i χF g⁻y), (χF g⁻z + i 0)
//   else: (F + i 0) and three zero fields (A[F] only).
// Only the N³ box is written: the forward transform takes everything outside it as zero (fft3d.ts).

@group(0) @binding(0) var<uniform> grid: Grid;
@group(0) @binding(1) var<uniform> fft: FftGrid;
#if ${FLUX}
@group(0) @binding(2) var<storage, read> src: array<vec4<f32>>;
#else
@group(0) @binding(2) var<storage, read> f: array<f32>;
#endif
// Binding 3 on: the input fields (fft_store_inputs.wgsl).

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let c = invocation_index(inv);
  if (c >= grid.cells) { return; }
  let t = fft_index(cell_coords(c, grid.n), fft.m);
#if ${FLUX}
  let s0 = src[2u * c];
  let s1 = src[2u * c + 1u];
#else
  let s0 = vec4<f32>(f[c], 0.0, 0.0, 0.0);
  let s1 = vec4<f32>(0.0);
#endif
  store_inputs(t, array<vec2<f32>, 4>(s0.xy, s0.zw, s1.xy, vec2<f32>(s1.z, 0.0)));
}

// Real spectra Ŵ_ab of the kernel (W is even, W(−d) = W(d), so Ŵ is real), unpacked from the
// transformed pairs of fft_kernel_pack.wgsl into six real fields [xx, yy, zz, xy, xz, yz] on the
// octant 0 ≤ k_a ≤ m/2 (fft_common.wgsl): one invocation per octant point.

@group(0) @binding(0) var<uniform> fft: FftGrid;
#if ${SPLIT}
@group(0) @binding(1) var<storage, read> z0: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> z1: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> z2: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> spectra: array<f32>;

fn pair(k: u32, t: u32) -> vec2<f32> {
  switch k {
    case 0u: { return z0[t]; }
    case 1u: { return z1[t]; }
    default: { return z2[t]; }
  }
}
#else
@group(0) @binding(1) var<storage, read> z: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> spectra: array<f32>;

fn pair(k: u32, t: u32) -> vec2<f32> {
  return z[k * fft.m3 + t];
}
#endif

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let o = invocation_index(inv);
  let s = spectrum_octant_side(fft.m);
  let size = s * s * s;
  if (o >= size) { return; }
  let t = fft_index(vec3<u32>(o / (s * s), (o / s) % s, o % s), fft.m);
  let tm = fft_mirror(t, fft.m);
  for (var k = 0u; k < 3u; k++) {
    let p = split_real_pair(pair(k, t), pair(k, tm));
    spectra[(2u * k) * size + o] = p.x.x;
    spectra[(2u * k + 1u) * size + o] = p.y.x;
  }
}

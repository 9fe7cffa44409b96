// Real spectra Ŵ_ab of the kernel (W is even, W(−d) = W(d), so Ŵ is real), unpacked from the
// transformed pairs of fft_kernel_pack.wgsl into six real fields [xx, yy, zz, xy, xz, yz].

@group(0) @binding(0) var<uniform> fft: FftGrid;
@group(0) @binding(1) var<storage, read> z: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> spectra: array<f32>;

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let t = linear_index(wid, nwg, lid);
  if (t >= fft.m3) { return; }
  let tm = fft_mirror(t, fft.m);
  for (var k = 0u; k < 3u; k++) {
    let pair = split_real_pair(z[k * fft.m3 + t], z[k * fft.m3 + tm]);
    spectra[(2u * k) * fft.m3 + t] = pair.x.x;
    spectra[(2u * k + 1u) * fft.m3 + t] = pair.y.x;
  }
}

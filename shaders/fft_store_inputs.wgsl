// The four complex input fields of a forward transform, written from binding 3 on: one buffer
// (field k at k·m³), or one buffer per field (SPLIT). Included by fft_pack and fft_kernel_pack.

#if ${SPLIT}
@group(0) @binding(3) var<storage, read_write> z0: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> z1: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> z2: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> z3: array<vec2<f32>>;

fn store_inputs(t: u32, v: array<vec2<f32>, 4>) {
  z0[t] = v[0];
  z1[t] = v[1];
  z2[t] = v[2];
  z3[t] = v[3];
}
#else
@group(0) @binding(3) var<storage, read_write> z: array<vec2<f32>>;

fn store_inputs(t: u32, v: array<vec2<f32>, 4>) {
  z[t] = v[0];
  z[fft.m3 + t] = v[1];
  z[2u * fft.m3 + t] = v[2];
  z[3u * fft.m3 + t] = v[3];
}
#endif

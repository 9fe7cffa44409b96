// Pointwise products in Fourier space: from the spectra of χF, p⁺ = χF g⁺ and p⁻ = χF g⁻ (packed
// in pairs) and the real kernel spectra Ŵ, the spectra of A = W∗χF (6) and
// B±_a = W_aa ∗ p±_a + Σ_{b≠a} W_ab ∗ p̄_b (3 + 3, p̄ = (p⁺ + p⁻)/2; flux_epilogue.wgsl), packed
// again as six complex fields of real pairs for one inverse transform:
//   (Axx + i Ayy), (Azz + i Axy), (Axz + i Ayz), (B⁺x + i B⁺y), (B⁺z + i B⁻x), (B⁻y + i B⁻z).

@group(0) @binding(0) var<uniform> fft: FftGrid;
@group(0) @binding(1) var<storage, read> spectra: array<f32>;
@group(0) @binding(2) var<storage, read> zin: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> zout: array<vec2<f32>>;

fn kernel_spectrum(t: u32, m3: u32) -> Sym3 {
  return Sym3(vec3<f32>(spectra[t], spectra[m3 + t], spectra[2u * m3 + t]),
              vec3<f32>(spectra[3u * m3 + t], spectra[4u * m3 + t], spectra[5u * m3 + t]));
}

// The off-diagonal part of Ŵ applied to (x, y, z).
fn apply_off_spectrum(w: Sym3, x: vec2<f32>, y: vec2<f32>, z: vec2<f32>) -> array<vec2<f32>, 3> {
  return array<vec2<f32>, 3>(
    w.off.x * y + w.off.y * z,
    w.off.x * x + w.off.z * z,
    w.off.y * x + w.off.z * y);
}

@compute @workgroup_size(WORKGROUP)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) lid: u32) {
  let t = linear_index(wid, nwg, lid);
  let m3 = fft.m3;
  if (t >= m3) { return; }
  let tm = fft_mirror(t, fft.m);
  let p0 = split_real_pair(zin[t], zin[tm]);
  let p1 = split_real_pair(zin[m3 + t], zin[m3 + tm]);
  let p2 = split_real_pair(zin[2u * m3 + t], zin[2u * m3 + tm]);
  let p3 = split_real_pair(zin[3u * m3 + t], zin[3u * m3 + tm]);
  let f_hat = p0.x;
  let w = kernel_spectrum(t, m3);
  let up = array<vec2<f32>, 3>(p0.y, p1.x, p1.y);
  let down = array<vec2<f32>, 3>(p2.x, p2.y, p3.x);
  let o = apply_off_spectrum(w, 0.5 * (up[0] + down[0]), 0.5 * (up[1] + down[1]), 0.5 * (up[2] + down[2]));
  let b_up = array<vec2<f32>, 3>(w.diag.x * up[0] + o[0], w.diag.y * up[1] + o[1], w.diag.z * up[2] + o[2]);
  let b_down = array<vec2<f32>, 3>(w.diag.x * down[0] + o[0], w.diag.y * down[1] + o[1], w.diag.z * down[2] + o[2]);
  zout[t] = w.diag.x * f_hat + times_i(w.diag.y * f_hat);
  zout[m3 + t] = w.diag.z * f_hat + times_i(w.off.x * f_hat);
  zout[2u * m3 + t] = w.off.y * f_hat + times_i(w.off.z * f_hat);
  zout[3u * m3 + t] = b_up[0] + times_i(b_up[1]);
  zout[4u * m3 + t] = b_up[2] + times_i(b_down[0]);
  zout[5u * m3 + t] = b_down[1] + times_i(b_down[2]);
}

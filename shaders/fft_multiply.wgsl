// Pointwise products in Fourier space: from the spectra of χF, p⁺ = χF g⁺ and p⁻ = χF g⁻ (packed
// in pairs) and the real kernel spectra Ŵ, the spectra of A = W∗χF (6), D± = W_aa ∗ p±_a (3 + 3)
// and O = off-diagonal W ∗ (p⁺ + p⁻)/2 (3) (flux_epilogue.wgsl), packed again as eight complex
// fields of real pairs for one inverse transform:
//   (Axx + i Ayy), (Azz + i Axy), (Axz + i Ayz), (D⁺x + i D⁺y), (D⁺z + i D⁻x), (D⁻y + i D⁻z),
//   (Ox + i Oy), (Oz + i 0).

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
  zout[t] = w.diag.x * f_hat + times_i(w.diag.y * f_hat);
  zout[m3 + t] = w.diag.z * f_hat + times_i(w.off.x * f_hat);
  zout[2u * m3 + t] = w.off.y * f_hat + times_i(w.off.z * f_hat);
  zout[3u * m3 + t] = w.diag.x * up[0] + times_i(w.diag.y * up[1]);
  zout[4u * m3 + t] = w.diag.z * up[2] + times_i(w.diag.x * down[0]);
  zout[5u * m3 + t] = w.diag.y * down[1] + times_i(w.diag.z * down[2]);
  zout[6u * m3 + t] = o[0] + times_i(o[1]);
  zout[7u * m3 + t] = o[2];
}

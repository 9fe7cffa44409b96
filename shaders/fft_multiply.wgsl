// Pointwise products in Fourier space: from the spectra of χF, p⁺ = χF g⁺ and p⁻ = χF g⁻ (packed
// in pairs) and the real kernel spectra Ŵ, the spectra of A = W∗χF (6) and
// B±_a = W_aa ∗ p±_a + Σ_{b≠a} W_ab ∗ p̄_b (3 + 3, p̄ = (p⁺ + p⁻)/2; flux_epilogue.wgsl), packed
// again as six complex fields of real pairs for one inverse transform:
//   (Axx + i Ayy), (Azz + i Axy), (Axz + i Ayz), (B⁺x + i B⁺y), (B⁺z + i B⁻x), (B⁻y + i B⁻z).
// With one buffer per field (SPLIT) a stage may not bind all ten fields: A_OUTPUTS writes the first
// three (from input field 0), B_OUTPUTS the last three (from all four); the batched variant does
// both. Each output is the same expression in every variant.

@group(0) @binding(0) var<uniform> fft: FftGrid;
@group(0) @binding(1) var<storage, read> spectra: array<f32>;
#if ${SPLIT}
@group(0) @binding(2) var<storage, read> zin0: array<vec2<f32>>;
#if ${B_OUTPUTS}
@group(0) @binding(3) var<storage, read> zin1: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> zin2: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read> zin3: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> zout0: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> zout1: array<vec2<f32>>;
@group(0) @binding(8) var<storage, read_write> zout2: array<vec2<f32>>;
const FIRST_OUTPUT: u32 = 3u;

fn input(k: u32, t: u32) -> vec2<f32> {
  switch k {
    case 0u: { return zin0[t]; }
    case 1u: { return zin1[t]; }
    case 2u: { return zin2[t]; }
    default: { return zin3[t]; }
  }
}
#else
@group(0) @binding(3) var<storage, read_write> zout0: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> zout1: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> zout2: array<vec2<f32>>;
const FIRST_OUTPUT: u32 = 0u;

fn input(k: u32, t: u32) -> vec2<f32> {
  return zin0[t];
}
#endif

fn output(k: u32, t: u32, v: vec2<f32>) {
  switch k - FIRST_OUTPUT {
    case 0u: { zout0[t] = v; }
    case 1u: { zout1[t] = v; }
    default: { zout2[t] = v; }
  }
}
#else
@group(0) @binding(2) var<storage, read> zin: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> zout: array<vec2<f32>>;

fn input(k: u32, t: u32) -> vec2<f32> {
  return zin[k * fft.m3 + t];
}

fn output(k: u32, t: u32, v: vec2<f32>) {
  zout[k * fft.m3 + t] = v;
}
#endif

// Ŵ(k) from the octant (fft_kernel_spectrum.wgsl): the off-diagonal components change sign with
// each of their two axes.
fn kernel_spectrum(t: u32, m: u32) -> Sym3 {
  let p = fft_coords(t, m);
  let o = spectrum_octant_index(p, m);
  let s = spectrum_octant_side(m);
  let size = s * s * s;
  let sg = spectrum_signs(p, m);
  return Sym3(vec3<f32>(spectra[o], spectra[size + o], spectra[2u * size + o]),
              vec3<f32>(spectra[3u * size + o], spectra[4u * size + o], spectra[5u * size + o]) *
                vec3<f32>(sg.x * sg.y, sg.x * sg.z, sg.y * sg.z));
}

// The off-diagonal part of Ŵ applied to (x, y, z).
fn apply_off_spectrum(w: Sym3, x: vec2<f32>, y: vec2<f32>, z: vec2<f32>) -> array<vec2<f32>, 3> {
  return array<vec2<f32>, 3>(
    w.off.x * y + w.off.y * z,
    w.off.x * x + w.off.z * z,
    w.off.y * x + w.off.z * y);
}

@compute @workgroup_size(WORKGROUP)
fn main(inv: Invocation) {
  let t = invocation_index(inv);
  if (t >= fft.m3) { return; }
  let tm = fft_mirror(t, fft.m);
  let w = kernel_spectrum(t, fft.m);
  let p0 = split_real_pair(input(0u, t), input(0u, tm));
#if ${A_OUTPUTS}
  let f_hat = p0.x;
  output(0u, t, w.diag.x * f_hat + times_i(w.diag.y * f_hat));
  output(1u, t, w.diag.z * f_hat + times_i(w.off.x * f_hat));
  output(2u, t, w.off.y * f_hat + times_i(w.off.z * f_hat));
#endif
#if ${B_OUTPUTS}
  let p1 = split_real_pair(input(1u, t), input(1u, tm));
  let p2 = split_real_pair(input(2u, t), input(2u, tm));
  let p3 = split_real_pair(input(3u, t), input(3u, tm));
  let up = array<vec2<f32>, 3>(p0.y, p1.x, p1.y);
  let down = array<vec2<f32>, 3>(p2.x, p2.y, p3.x);
  let o = apply_off_spectrum(w, 0.5 * (up[0] + down[0]), 0.5 * (up[1] + down[1]), 0.5 * (up[2] + down[2]));
  let b_up = array<vec2<f32>, 3>(w.diag.x * up[0] + o[0], w.diag.y * up[1] + o[1], w.diag.z * up[2] + o[2]);
  let b_down = array<vec2<f32>, 3>(w.diag.x * down[0] + o[0], w.diag.y * down[1] + o[1], w.diag.z * down[2] + o[2]);
  output(3u, t, b_up[0] + times_i(b_up[1]));
  output(4u, t, b_up[2] + times_i(b_down[0]));
  output(5u, t, b_down[1] + times_i(b_down[2]));
#endif
}

// Shared by the direct and FFT convolution paths: from the convolutions at an interior target cell,
//   A^χ = W∗(χF),  D±_a = W_aa ∗ p±_a,  O_a = Σ_{b≠a} W_ab ∗ p̄_b   (p± = χF g±, p̄ = (p⁺ + p⁻)/2),
// the fluxes averaged over the eight sign patterns of one-sided differences (forward or backward
// per axis; closed under every reflection and permutation of the axes),
//   J^s_a = A_aa q^s_a + Σ_{b≠a} A_ab q̄_b − χF (D^s_a + O_a)   (q the target's own sources),
// and the inputs of the rate bound (A's largest row sum, the drift |D± + O|₁), packed as
// flux[2c] = (J⁺, row sum), flux[2c+1] = (J⁻, drift).

struct FluxPair {
  up: vec4<f32>,
  down: vec4<f32>,
}

// A's off-diagonal part applied to x.
fn sym_off_apply(a: Sym3, x: vec3<f32>) -> vec3<f32> {
  return vec3<f32>(a.off.x * x.y + a.off.y * x.z, a.off.x * x.x + a.off.z * x.z, a.off.y * x.x + a.off.z * x.y);
}

// own_a = (χF, χF g⁺), own_b = (χF g⁻, 0): the target's own sources.
fn flux_from_convolutions(a: Sym3, d_up: vec3<f32>, d_down: vec3<f32>, o: vec3<f32>, own_a: vec4<f32>, own_b: vec4<f32>) -> FluxPair {
  let fc = own_a.x;
  let shared_part = sym_off_apply(a, 0.5 * (own_a.yzw + own_b.xyz)) - fc * o;
  let j_up = a.diag * own_a.yzw - fc * d_up + shared_part;
  let j_down = a.diag * own_b.xyz - fc * d_down + shared_part;
  let ad = abs(a.diag);
  let ao = abs(a.off);
  let row_sum = max(ad.x + ao.x + ao.y, max(ao.x + ad.y + ao.z, ao.y + ao.z + ad.z));
  let drift = 0.5 * (dot(abs(d_up + o), vec3<f32>(1.0)) + dot(abs(d_down + o), vec3<f32>(1.0)));
  return FluxPair(vec4<f32>(j_up, row_sum), vec4<f32>(j_down, drift));
}

// Shared by the direct and FFT convolution paths: from the convolutions at an interior target cell,
//   A^χ = W∗(χF),  B±_a = W_aa ∗ p±_a + Σ_{b≠a} W_ab ∗ p̄_b   (p± = χF g±, p̄ = (p⁺ + p⁻)/2),
// the fluxes averaged over the eight sign patterns of one-sided differences (forward or backward
// per axis; closed under every reflection and permutation of the axes),
//   J^s_a = A_aa q^s_a + Σ_{b≠a} A_ab q̄_b − χF B^s_a   (q the target's own sources),
// and the inputs of the rate bound (A's largest row sum, the drift |B±|₁), packed as
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
fn flux_from_convolutions(a: Sym3, b_up: vec3<f32>, b_down: vec3<f32>, own_a: vec4<f32>, own_b: vec4<f32>) -> FluxPair {
  let fc = own_a.x;
  let shared_part = sym_off_apply(a, 0.5 * (own_a.yzw + own_b.xyz));
  let j_up = a.diag * own_a.yzw + shared_part - fc * b_up;
  let j_down = a.diag * own_b.xyz + shared_part - fc * b_down;
  let ad = abs(a.diag);
  let ao = abs(a.off);
  let row_sum = max(ad.x + ao.x + ao.y, max(ao.x + ad.y + ao.z, ao.y + ao.z + ad.z));
  let drift = 0.5 * (dot(abs(b_up), vec3<f32>(1.0)) + dot(abs(b_down), vec3<f32>(1.0)));
  return FluxPair(vec4<f32>(j_up, row_sum), vec4<f32>(j_down, drift));
}

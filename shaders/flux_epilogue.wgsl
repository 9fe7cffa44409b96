// Shared by the direct and FFT convolution paths: from the convolutions at an interior target cell,
//   A^χ = W∗(χF),  B± = W∗(χF g±),
// the fluxes J± = A^χ(χF g±) − χF B± and the inputs of the rate bound (A's largest row sum, the
// drift |B|₁), packed as flux[2c] = (J⁺, row sum), flux[2c+1] = (J⁻, drift).

struct FluxPair {
  up: vec4<f32>,
  down: vec4<f32>,
}

// own_a = (χF, χF g⁺), own_b = (χF g⁻, 0): the target's own sources.
fn flux_from_convolutions(a: Sym3, b_up: vec3<f32>, b_down: vec3<f32>, own_a: vec4<f32>, own_b: vec4<f32>) -> FluxPair {
  let fc = own_a.x;
  let j_up = sym_apply(a, own_a.yzw) - fc * b_up;
  let j_down = sym_apply(a, own_b.xyz) - fc * b_down;
  let ad = abs(a.diag);
  let ao = abs(a.off);
  let row_sum = max(ad.x + ao.x + ao.y, max(ao.x + ad.y + ao.z, ao.y + ao.z + ad.z));
  let drift = 0.5 * (dot(abs(b_up), vec3<f32>(1.0)) + dot(abs(b_down), vec3<f32>(1.0)));
  return FluxPair(vec4<f32>(j_up, row_sum), vec4<f32>(j_down, drift));
}

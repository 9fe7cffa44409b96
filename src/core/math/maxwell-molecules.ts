// Exact solutions of the Landau equation for Maxwell molecules, γ = 0: the kernel
// a(z) = Λ(|z|²I − z⊗z) with Λ = 1/(8π) (K_γ at γ = 0).
//
// Weak form: ∫φ Q(F,F) = ∫∫ F(v)F(w) [a_ij(v−w) ∂i∂jφ(v) + 2 b_i(v−w) ∂iφ(v)], b_i = ∂j a_ij = −2Λ z_i.
//  - φ = v_a v_b (mass ρ, zero momentum): dP/dt = 4Λρ (tr P) I − 12Λρ P, so tr P is conserved and the
//    deviator D = P − (tr P/3) I decays exactly: D(t) = D(0) e^{−12Λρt} = D(0) e^{−3ρt/(2π)}.
//  - φ = |v|⁴ (isotropic F, ρ = 1, tr P = 3): dM4/dt = −8Λ(M4 − 15).
// BKW (unit mass, unit temperature): F_K(v) = (2πK)^{−3/2} e^{−|v|²/(2K)} [(5K−3)/(2K) + (1−K)/(2K²)|v|²]
// has M4 = 30K − 15K², so the moment equation gives K' = 4Λ(1 − K): K(t) = 1 − e^{−4Λ(t + t0)}.
// F_K ≥ 0 needs K ≥ 3/5, i.e. t0 ≥ ln(5/2)/(4Λ) = 2π ln(5/2).

export const MAXWELL_LAMBDA = 1 / (8 * Math.PI);

/** Smallest K of a non-negative BKW profile. */
export const BKW_K_MIN = 3 / 5;

/** Time shift at which K = 3/5: BKW data need t0 > this for F > 0 everywhere. */
export const BKW_T0_MIN = Math.log(5 / 2) / (4 * MAXWELL_LAMBDA);

/** K(t) = 1 − e^{−4Λ(t + t0)}. */
export function bkwK(t: number, t0: number): number {
  return 1 - Math.exp(-4 * MAXWELL_LAMBDA * (t + t0));
}

/** dK/dt = 4Λ(1 − K). */
export function bkwKRate(k: number): number {
  return 4 * MAXWELL_LAMBDA * (1 - k);
}

/** F_K at |v|² = v2. */
export function bkwDensity(v2: number, k: number): number {
  const gauss = Math.pow(2 * Math.PI * k, -1.5) * Math.exp(-v2 / (2 * k));
  return gauss * ((5 * k - 3) / (2 * k) + ((1 - k) / (2 * k * k)) * v2);
}

/** ∂F_K/∂K at |v|² = v2 (so ∂tF = ∂F_K/∂K · K'). */
export function bkwDensityDerivative(v2: number, k: number): number {
  const gauss = Math.pow(2 * Math.PI * k, -1.5) * Math.exp(-v2 / (2 * k));
  const poly = (5 * k - 3) / (2 * k) + ((1 - k) / (2 * k * k)) * v2;
  const dLogGauss = -1.5 / k + v2 / (2 * k * k);
  const dPoly = 3 / (2 * k * k) + ((k - 2) / (2 * k * k * k)) * v2;
  return gauss * (dLogGauss * poly + dPoly);
}

/** ∫|v|⁴ F_K dv = 30K − 15K². */
export function bkwFourthMoment(k: number): number {
  return 30 * k - 15 * k * k;
}

/** Factor e^{−12Λρt} by which the deviator of the second-moment tensor decays. */
export function deviatorDecay(t: number, mass: number): number {
  return Math.exp(-12 * MAXWELL_LAMBDA * mass * t);
}

// Per-cell rate bound s_i (1/time) of the discrete operator, linearised about F:
//   diffusion  ρ ≤ λmax·(12/h²)·w_i: the symbol bound of ½(D⁺ᵀAD⁺ + D⁻ᵀAD⁻), with λmax bounded by
//              the largest row sum of A around the cell, and w_i = (3 + ½Σ_nb F_nb/F_i)/6 (= 1 for
//              uniform F): the entropic flux F_j A D log F couples a tail cell to a larger neighbour
//              with weight F_nb/F_i, which is e^{h|v|} in an under-resolved Maxwellian tail,
//   reaction   2F_i                 (the F² of ∂tF = A:∇²F + F²),
//   drift      |B_i|₁/h             with B = K∗(F∇log F) ≈ ∇a, imaginary part of the spectrum,
// each scaled by the extent of SSP-RK3's stability region on its axis, and at least −Q_i/F_i, the
// bound under which forward-Euler stages (and so SSP-RK3) keep F positive. A step is inside the
// estimate when dt·max_i s_i ≤ 1; the solver takes dt = cfl / max_i s_i.
import { SSPRK3_IMAG_EXTENT, SSPRK3_REAL_EXTENT } from './ssprk3.js';

export interface StiffnessCoefficients {
  diffusion: number;
  reaction: number;
  drift: number;
}

export function stiffnessCoefficients(h: number): StiffnessCoefficients {
  return {
    diffusion: 12 / (h * h * SSPRK3_REAL_EXTENT),
    reaction: 2 / SSPRK3_REAL_EXTENT,
    drift: 1 / (h * SSPRK3_IMAG_EXTENT),
  };
}

export interface StepLimits {
  /** Fraction of the stability estimate, in (0, 1]. */
  cfl: number;
  /** Largest relative change of F per step, ∫|Q| dt / ∫F. */
  rateTol: number;
}

/** The step an output interval starts with: inside the stability estimate and the accuracy limit. */
export function stepLimit(m: { stiffness: number; mass: number; absRate: number }, limits: StepLimits): number {
  const stable = limits.cfl / m.stiffness;
  const accurate = m.absRate > 0 ? (limits.rateTol * m.mass) / m.absRate : Infinity;
  return Math.min(stable, accurate);
}

// Per-cell rate bound s_i (1/time) of the discrete operator, linearised about F:
//   diffusion  ρ ≤ λmax·(12/h²)·X_i/12: the Gershgorin bound of ½Σ_± G^±ᵀ(F A G^±) with the rows of
//              the flux's differences (log-gradient.ts, row-stencils.ts), λmax bounded by the largest
//              A row sum over the rows reaching the cell, X_i = ½Σ_a Σ_± Σ_rows |G_{ri}|·Σ|G_r·|·F_r/F_i
//              (= 12 for D± and uniform F): the entropic flux F_r A G log F couples a tail cell to a
//              larger row cell with weight F_r/F_i, which is e^{h|v|·|r−i|} in an under-resolved tail,
//   reaction   2F_i                 (the F² of ∂tF = A:∇²F + F²; see reactionFactor for γ ≠ −3,
//                                    plus 2εF_i from the source εF² of the modified equation),
//   drift      |B_i|₁/h · Σ|G|/2    with B = K∗(F∇log F) ≈ ∇a, imaginary part of the spectrum,
// each scaled by the extent of SSP-RK3's stability region on its axis, and at least −Q_i/F_i, the
// bound under which forward-Euler stages (and so SSP-RK3) keep F positive. A step is inside the
// estimate when dt·max_i s_i ≤ 1; the solver takes dt = cfl / max_i s_i.
import { SSPRK3_IMAG_EXTENT, SSPRK3_REAL_EXTENT } from './ssprk3.js';

export interface StiffnessCoefficients {
  diffusion: number;
  reaction: number;
  drift: number;
}

/** The coefficients for kernel exponent γ and source coefficient ε (Equation.stiffness). */
export function stiffnessCoefficients(h: number, { gamma, epsF2: eps }: { gamma: number; epsF2: number }): StiffnessCoefficients {
  return {
    diffusion: 12 / (h * h * SSPRK3_REAL_EXTENT),
    reaction: (2 * reactionFactor(h, gamma) + 2 * eps) / SSPRK3_REAL_EXTENT,
    drift: 1 / (h * SSPRK3_IMAG_EXTENT),
  };
}

/**
 * The reaction rate per unit F_i. In non-divergence form ∂tF = A:∇²F + cF with c = −∇·∇·A =
 * (γ+3)/(4π) ∫|v−w|^γ F(w)dw for γ > −3 (c = F for Coulomb, the limit of (γ+3)/(4π)|z|^γ being δ).
 * Its local part, from the ball of one cell's volume (radius r_h = h(3/4π)^{1/3}) around v_i, is
 * F_i·r_h^{γ+3}; that part is what stiffens an under-resolved peak, and it is 1 for Coulomb. The
 * rest of c is smooth and bounded, below the diffusion bound on resolved data (c ≈ (γ+3)·tr A/ℓ²
 * for a scale ℓ > h; tests/kernel-gamma.test.ts measures it) and left to the accuracy limit.
 */
export function reactionFactor(h: number, gamma: number): number {
  return Math.pow(h * Math.cbrt(3 / (4 * Math.PI)), gamma + 3);
}

/** The default step rule of every command, study and the demo: half the stability estimate, 2 % change of F per step. */
export const DEFAULT_STEP_LIMITS = { cfl: 0.5, rateTol: 0.02 } as const;

export interface StepLimits {
  /** Fraction of the stability estimate, in (0, 1]. */
  cfl: number;
  /** Largest relative change of F per step, ∫|Q| dt / ∫F. */
  rateTol: number;
  /** ε of the source εF² (∫|Q| does not include it): its growth of max F per step, dt·ε·max F, is held to rateTol too. */
  epsF2?: number;
}

/** The step an output interval starts with: inside the stability estimate and the accuracy limit. */
export function stepLimit(m: { stiffness: number; mass: number; absRate: number; maxF: number }, limits: StepLimits): number {
  const stable = limits.cfl / m.stiffness;
  const accurate = m.absRate > 0 ? (limits.rateTol * m.mass) / m.absRate : Infinity;
  const source = limits.epsF2 ? limits.rateTol / (limits.epsF2 * m.maxF) : Infinity;
  return Math.min(stable, accurate, source);
}

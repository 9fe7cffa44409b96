// Per-cell stiffness estimate s_i (1/time) of the discrete operator, linearised about F:
//   diffusion  ρ ≤ λmax(A_i)·12/h²  (symbol of ½(D⁺ᵀAD⁺ + D⁻ᵀAD⁻)), λmax bounded by A's largest row sum,
//   reaction   2F_i                 (the F² of ∂tF = A:∇²F + F²),
//   drift      |B_i|₁/h             with B = K∗(F∇log F) ≈ ∇a, imaginary part of the spectrum,
// each scaled by the extent of SSP-RK3's stability region on its axis. A step is inside the estimate
// when dt·max_i s_i ≤ 1; the solver takes dt = cfl / max_i s_i.
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

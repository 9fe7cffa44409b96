// The radial coefficients of A[F] for a radial F = f(|v|) given on a RadialGrid (docs/mathematics.md §2):
//     λ1(r) = ⅓[ r⁻³ ∫₀^r f s⁴ ds + ∫_r^∞ f s ds ],   a′(r) = −r⁻² ∫₀^r f s² ds,
//     a(r)  = r⁻¹ ∫₀^r f s² ds + ∫_r^∞ f s ds,          λ2 = (a − λ1)/2,
// evaluated at the interior faces ρ_k from the same discrete moments the solver's flux uses
// (operator.ts), so what a test checks here is exactly what drives the dynamics:
//     λ1(ρ_k) = Λ_k/ρ_k³,                     a′(ρ_k) = −m_k/ρ_k²,
//     a(ρ_k)  = m_k/ρ_k + T_{k+1} + F_k (e_k − ρ_k²)/2,
// where m_k = Σ_{i<k} V_i f_i is the exact integral of the cell representation (exact for f linear
// in r² on each shell, because f_i sits at r̂_i = √⟨r²⟩_i), Λ_k and T_k are midpoint quadratures in
// u = r²/2 over the dual cells [e_{k−1}/2, e_k/2] with face values F_k (logarithmic means), and the
// last term of a is the part of face k's own dual cell that lies above u = ρ_k²/2 (∫_r^∞ has a jump
// in its integrand at s = r, the λ1 integrand only a kink, so λ1 takes the whole dual cell).
// Every one converges at second order in the grid spacing (tests/radial.test.ts). The integrals
// stop at R (for Maxwellian tails on R = 10 the truncation is ~1e-20).

import type { RadialGrid } from './grid.js';
import { RadialOperator } from './operator.js';

export interface RadialCoefficients {
  /** Interior faces ρ_1 … ρ_{N−1}. */
  r: Float64Array;
  lambda1: Float64Array;
  lambda2: Float64Array;
  a: Float64Array;
  aPrime: Float64Array;
}

/** λ1, λ2, a, a′ at the interior faces for the nodal values f (> 0) on the grid. */
export function radialCoefficients(grid: RadialGrid, f: Float64Array, op: RadialOperator = new RadialOperator(grid)): RadialCoefficients {
  op.evaluate(f);
  const N = grid.N;
  const n = N - 1;
  const out: RadialCoefficients = {
    r: new Float64Array(n),
    lambda1: new Float64Array(n),
    lambda2: new Float64Array(n),
    a: new Float64Array(n),
    aPrime: new Float64Array(n),
  };
  for (let k = 1; k < N; k++) {
    const r = grid.faces[k]!;
    const m = op.innerMass[k]!;
    const l1 = op.lambdaR3[k]! / grid.faces3[k]!;
    const a = m / r + op.outerFirst[k + 1]! + 0.5 * op.faceValue[k]! * (grid.r2[k]! - r * r);
    const j = k - 1;
    out.r[j] = r;
    out.lambda1[j] = l1;
    out.a[j] = a;
    out.aPrime[j] = -m / (r * r);
    out.lambda2[j] = 0.5 * (a - l1);
  }
  return out;
}

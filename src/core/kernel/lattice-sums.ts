// Zeta-regularised lattice sums over Z³ \ {0}: the constants of the corrected trapezoidal rule for
// the Coulomb kernel (kernel-table.ts). For f homogeneous of degree p > −3, smooth off 0, and s
// smooth, the punctured lattice sum has the expansion
//   h³ Σ'_n s(nh) f(nh) − ∫ s f = h^{3+p} Z[f] s(0) + h^{5+p} Σ_{|α|=2} Z[f zᵅ] ∂ᵅs(0)/α! + …,
// where Z[g] = Σ'_n g(n) continued analytically in the degree. Each sum is evaluated by Ewald's split
// of the Epstein zeta function at √π, with the functional equation Λ(s) = Λ(3/2 + k − s) for a
// harmonic polynomial weight of degree k (Z³ is its own dual lattice); terms beyond |n| = 5 are
// below e^{−78}.
import { erfc } from '../math/closed-forms.js';

const EWALD_RADIUS = 5;

/** Σ over n ∈ Z³ \ {0}, |n_k| ≤ EWALD_RADIUS, of term(n, π|n|²). */
function ewaldSum(term: (x: number, y: number, z: number, t: number) => number): number {
  let sum = 0;
  const R = EWALD_RADIUS;
  for (let x = -R; x <= R; x++)
    for (let y = -R; y <= R; y++)
      for (let z = -R; z <= R; z++) {
        const r2 = x * x + y * y + z * z;
        if (r2 > 0) sum += term(x, y, z, Math.PI * r2);
      }
  return sum;
}

/** Z[|z|⁻¹] = Σ' |n|⁻¹ = −2.8372974794806…: Σ' erfc(√π|n|)/|n| + Σ' e^{−π|n|²}/(π|n|²) − 3. */
export function latticeSumInverseDistance(): number {
  return ewaldSum((_x, _y, _z, t) => erfc(Math.sqrt(t)) / Math.sqrt(t / Math.PI) + Math.exp(-t) / t) - 3;
}

/**
 * Z[|z|] = Σ' |n| = −0.2665962787…, the Epstein zeta function at s = −½ (weight |n|^{−2s}):
 * Λ(s) = π^{−s}Γ(s)ζ(s) = Σ' [t^{−s}Γ(s, t) + t^{s−3/2}Γ(3/2 − s, t)] − 1/s − 1/(3/2 − s), t = π|n|²,
 * with Γ(−½, t) = 2e^{−t}/√t − 2√π erfc(√t) and Γ(2, t) = (1 + t)e^{−t}; ζ(−½) = −Λ/(2π).
 */
export function latticeSumDistance(): number {
  const gammaMinusHalf = (t: number) => (2 * Math.exp(-t)) / Math.sqrt(t) - 2 * Math.sqrt(Math.PI) * erfc(Math.sqrt(t));
  const lambda = ewaldSum((_x, _y, _z, t) => Math.sqrt(t) * gammaMinusHalf(t) + ((1 + t) * Math.exp(-t)) / (t * t)) + 2 - 0.5;
  return -lambda / (2 * Math.PI);
}

/**
 * Z[P/|z|³] for the cubic harmonic P(z) = z_x⁴ + z_y⁴ + z_z⁴ − (3/5)|z|⁴ (harmonic of degree 4, so no
 * pole terms): Λ_P(3/2) = Σ' P(n) [t^{−3/2}Γ(3/2, t) + t^{−4}Γ(4, t)], Z = 2πΛ_P, with
 * Γ(3/2, t) = √t e^{−t} + (√π/2) erfc(√t) and Γ(4, t) = (6 + 6t + 3t² + t³)e^{−t}. Equal to
 * (12/π³) Σ' P(n)/|n|⁸ = 0.78160849…
 */
export function latticeSumCubicHarmonic(): number {
  const lambda = ewaldSum((x, y, z, t) => {
    const r2 = x * x + y * y + z * z;
    const p = x ** 4 + y ** 4 + z ** 4 - 0.6 * r2 * r2;
    const g32 = Math.sqrt(t) * Math.exp(-t) + 0.5 * Math.sqrt(Math.PI) * erfc(Math.sqrt(t));
    const g4 = (6 + t * (6 + t * (3 + t))) * Math.exp(-t);
    return p * (g32 / (t * Math.sqrt(t)) + g4 / (t * t * t * t));
  });
  return 2 * Math.PI * lambda;
}

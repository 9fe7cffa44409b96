// The Landau–Coulomb operator of a sum of isotropic Maxwellians, exactly and pointwise: the reference
// that judges a discretisation cell by cell, not only by its moments.
//
// For a Coulomb kernel, Q(F,F) = ∇·(A∇F − F∇a) = A[F]:∇²F + F² (∇·A = ∇a, Δa = −F). A is linear in F,
// and for one term w·M_{u,T}, with x = v − u, scaling w ↦ √T w gives
//   A[w M_{u,T}](v) = w T^{−1/2} A[M](x/√T),
// where A[M](y) has the eigenvalue λ1(|y|) along y and λ2(|y|) across it (closed-forms.ts).
import { lambdaRadial, lambdaTangential } from './closed-forms.js';

/** One term w·M_{u,T} of F. */
export interface MaxwellianTerm {
  weight: number;
  centre: readonly [number, number, number];
  temperature: number;
}

/** F, A[F] (xx, yy, zz, xy, xz, yz) and Q(F,F) at one velocity. */
export interface PointwiseCollision {
  f: number;
  a: [number, number, number, number, number, number];
  q: number;
}

const PAIRS = [
  [0, 0],
  [1, 1],
  [2, 2],
  [0, 1],
  [0, 2],
  [1, 2],
] as const;

/** F, A[F] and Q(F,F) of F = Σ terms at velocity v, in f64 to about 1e-14 relative. */
export function collisionOfMaxwellians(terms: readonly MaxwellianTerm[], v: readonly number[]): PointwiseCollision {
  const a: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  const hessian = [0, 0, 0, 0, 0, 0];
  let f = 0;
  for (const { weight, centre, temperature: t } of terms) {
    const x = [v[0]! - centre[0], v[1]! - centre[1], v[2]! - centre[2]];
    const r2 = x[0]! * x[0]! + x[1]! * x[1]! + x[2]! * x[2]!;
    const m = weight * Math.pow(2 * Math.PI * t, -1.5) * Math.exp(-r2 / (2 * t));
    f += m;
    const y = Math.sqrt(r2 / t);
    const scale = weight / Math.sqrt(t);
    const radial = lambdaRadial(y);
    const tangential = lambdaTangential(y);
    PAIRS.forEach(([i, j], k) => {
      const delta = i === j ? 1 : 0;
      const nn = r2 > 0 ? (x[i]! * x[j]!) / r2 : delta / 3;
      a[k] += scale * (tangential * (delta - nn) + radial * nn);
      hessian[k]! += m * ((x[i]! * x[j]!) / (t * t) - delta / t);
    });
  }
  let q = f * f;
  PAIRS.forEach(([i, j], k) => {
    q += (i === j ? 1 : 2) * a[k] * hessian[k]!;
  });
  return { f, a, q };
}

// Pointwise eigen-structure of A[F] ([GW24], Lemma 2.3 and the bound ⟨A e, e⟩ ≥ c|e|²⟨v⟩⁻³ used in
// Lemma 3.3), from the per-cell eigenvalues that LandauOperator.diffusionEigen computes.
import type { Grid } from '../../core/grid/grid.js';
import { C0, lambdaRadial, lambdaTangential } from '../../core/math/closed-forms.js';

export interface EigenSummary {
  /** min over the grid of the smallest eigenvalue of A[F]. */
  lambdaMin: number;
  /** c = min_v λ_min(v)⟨v⟩³, and where it is attained. */
  cLower: number;
  cLowerAt: number;
}

export interface RayPoint {
  r: number;
  /** Radial eigenvalue v̂ᵀA v̂ (λ1) and the mean of the two tangential eigenvalues (λ2) on the grid. */
  lambda1: number;
  lambda2: number;
  /** Closed forms of docs/mathematics.md §2 (for F = M). */
  lambda1_exact: number;
  lambda2_exact: number;
}

export interface RayProfile {
  points: RayPoint[];
  /** Largest deviation from the closed forms along the ray, relative to c0 = λ(0) (the eigenvalues' scale). */
  maxError: number;
  /** Both eigenvalues decrease strictly from each ray cell to the next (Lemma 2.3). */
  monotone: boolean;
  /** Largest eigenvalue at the cell nearest the origin, against c0 = (3(2π)^{3/2})⁻¹. */
  c0Grid: number;
  c0Exact: number;
}

export function eigenSummary(grid: Grid, eigen: Float64Array): EigenSummary {
  let lambdaMin = Infinity;
  let cLower = Infinity;
  let cLowerAt = 0;
  for (let c = 0; c < grid.cells; c++) {
    const v2 = grid.speed2(c);
    const l = eigen[c * 4]!;
    lambdaMin = Math.min(lambdaMin, l);
    const bound = l * (1 + v2) ** 1.5;
    if (bound < cLower) {
      cLower = bound;
      cLowerAt = Math.sqrt(v2);
    }
  }
  return { lambdaMin, cLower, cLowerAt };
}

/**
 * The eigenvalues along the diagonal ray v = s(1,1,1)/√3, whose cells (i, i, i) lie exactly on it,
 * from the centre outwards, against the closed forms for A[M].
 */
export function rayProfile(grid: Grid, eigen: Float64Array): RayProfile {
  const { n, axis } = grid;
  const points: RayPoint[] = [];
  for (let i = Math.floor(n / 2); i < n; i++) {
    const c = grid.index(i, i, i);
    const r = Math.sqrt(3) * Math.abs(axis[i]!);
    const radial = eigen[c * 4 + 3]!;
    const trace = eigen[c * 4]! + eigen[c * 4 + 1]! + eigen[c * 4 + 2]!;
    points.push({ r, lambda1: radial, lambda2: (trace - radial) / 2, lambda1_exact: lambdaRadial(r), lambda2_exact: lambdaTangential(r) });
  }
  let maxError = 0;
  let monotone = true;
  points.forEach((p, k) => {
    maxError = Math.max(maxError, Math.abs(p.lambda1 - p.lambda1_exact) / C0, Math.abs(p.lambda2 - p.lambda2_exact) / C0);
    const prev = points[k - 1];
    if (prev && !(p.lambda1 < prev.lambda1 && p.lambda2 < prev.lambda2)) monotone = false;
  });
  const centre = grid.index(Math.floor(n / 2), Math.floor(n / 2), Math.floor(n / 2));
  return { points, maxError, monotone, c0Grid: eigen[centre * 4 + 2]!, c0Exact: C0 };
}

// Diagnostics of the blow-down scenario ([GW24], Theorem 1.1; docs/mathematics.md §3): the explicit profile
// E(t, v) = m(t) M_{T(t)}(v), the decomposition F = M + E + f, weighted norms over the ball
// |v| ≤ R_w (the weights M⁻¹ and μ_T⁻¹ grow like Gaussians, so on a truncated grid these norms are
// computed on a ball and reported with R_w), and L^p norms next to their closed forms.
import type { Grid } from '../core/grid/grid.js';
import { C0, M0, maxwellian } from '../core/math/closed-forms.js';

export interface BlowdownParams {
  delta: number;
  alpha: number;
  /** Radius of the ball for the weighted norms. */
  rw: number;
}

export const LP_EXPONENTS = [1, 1.5, 2, Infinity] as const;
export type LpNorms = { p1: number; p1_5: number; p2: number; pInf: number };

/** E(t) = m(t) M_{T(t)} with T(t) = δ + 2c0 t and m(t) = δ^α e^{2M(0)t}  (1.4). */
export function explicitProfile(t: number, p: { delta: number; alpha: number }): { mass: number; temperature: number } {
  return { mass: Math.pow(p.delta, p.alpha) * Math.exp(2 * M0 * t), temperature: p.delta + 2 * C0 * t };
}

/** Equilibrium of the blow-down data: same mass and energy, M_eq = (1 + δ^α) M_{T_eq}. */
export function blowdownEquilibrium(p: { delta: number; alpha: number }): { mass: number; temperature: number } {
  const bump = Math.pow(p.delta, p.alpha);
  return { mass: 1 + bump, temperature: (1 + p.delta * bump) / (1 + bump) };
}

/** ‖M_T‖_{L^p} = (2πT)^{−(3/2)(1−1/p)} p^{−3/(2p)}. */
export function maxwellianLpNorm(temperature: number, p: number): number {
  if (p === Infinity) return Math.pow(2 * Math.PI * temperature, -1.5);
  return Math.pow(2 * Math.PI * temperature, -1.5 * (1 - 1 / p)) * Math.pow(p, -3 / (2 * p));
}

/** Quadrature points of a discretised F: |v|² of each point, its volume weight and F there (and v, on the 3D grid). */
export interface WeightedPoints {
  count: number;
  v2: (i: number) => number;
  weight: (i: number) => number;
  f: (i: number) => number;
  v?: (i: number) => [number, number, number];
}

/** The N³ grid's cells as quadrature points. */
export function gridPoints(grid: Grid, f: ArrayLike<number>): WeightedPoints {
  const dv = grid.cellVolume;
  return {
    count: grid.cells,
    v2: (c) => grid.speed2(c),
    weight: () => dv,
    f: (c) => f[c]!,
    v: (c) => grid.velocity(c),
  };
}

export function lpNorms(pts: WeightedPoints, value: (i: number) => number): LpNorms {
  const sums = [0, 0, 0];
  let max = 0;
  for (let i = 0; i < pts.count; i++) {
    const a = Math.abs(value(i));
    const w = pts.weight(i);
    sums[0]! += a * w;
    sums[1]! += Math.pow(a, 1.5) * w;
    sums[2]! += a * a * w;
    max = Math.max(max, a);
  }
  return { p1: sums[0]!, p1_5: Math.pow(sums[1]!, 1 / 1.5), p2: Math.sqrt(sums[2]!), pInf: max };
}

export interface BlowdownDiagnostics {
  rw: number;
  E_mass: number;
  E_temperature: number;
  E_L2M: number;
  f_L2M: number;
  Ef_L2M: number;
  f_L2mu: number;
  dist_Meq_L2M: number;
  Lp_F: LpNorms;
  Lp_E: LpNorms;
  Lp_E_exact: LpNorms;
  /** The theorem's scale δ^{α − 1/4}. */
  ref_scale: number;
}

export function blowdownDiagnostics(grid: Grid, f: ArrayLike<number>, t: number, p: BlowdownParams): BlowdownDiagnostics {
  return blowdownNorms(gridPoints(grid, f), t, p);
}

export function blowdownNorms(pts: WeightedPoints, t: number, p: BlowdownParams): BlowdownDiagnostics {
  const e = explicitProfile(t, p);
  const eq = blowdownEquilibrium(p);
  const muNorm = Math.pow(e.temperature, 1.5);
  const norms = profileNorms(pts, p, {
    at: (i) => e.mass * maxwellian(pts.v2(i), e.temperature),
    weight: (i) => muNorm * Math.exp(-pts.v2(i) / (2 * e.temperature)),
    equilibrium: (i) => eq.mass * maxwellian(pts.v2(i), eq.temperature),
    lpNorm: (q) => e.mass * maxwellianLpNorm(e.temperature, q),
  });
  return { rw: p.rw, E_mass: e.mass, E_temperature: e.temperature, ...norms };
}

/** The profile the norms of F = M + E + f are taken against, at each quadrature point. */
export interface NormProfile {
  /** E there. */
  at(i: number): number;
  /** The weight μ of the L²(μ⁻¹) norm of f (E's Gaussian up to its normalisation). */
  weight(i: number): number;
  /** M_eq there. */
  equilibrium(i: number): number;
  /** ‖E‖_{L^q} in closed form. */
  lpNorm(q: number): number;
}

/** The norms of [GW24] over the ball |v| ≤ R_w for any profile E (the radial one of (1.4), the generalised E_u). */
export function profileNorms(pts: WeightedPoints, p: { delta: number; alpha: number; rw: number }, profile: NormProfile): Omit<BlowdownDiagnostics, 'rw' | 'E_mass' | 'E_temperature'> {
  const rw2 = p.rw * p.rw;
  const eValues = new Float64Array(pts.count);
  const sums = { E: 0, f: 0, Ef: 0, fmu: 0, eq: 0 };
  for (let i = 0; i < pts.count; i++) {
    const v2 = pts.v2(i);
    const ec = profile.at(i);
    eValues[i] = ec;
    if (v2 > rw2) continue;
    const w = pts.weight(i);
    const m = maxwellian(v2);
    const fc = pts.f(i);
    const rest = fc - m - ec;
    sums.E += ((ec * ec) / m) * w;
    sums.f += ((rest * rest) / m) * w;
    sums.Ef += (((fc - m) * (fc - m)) / m) * w;
    sums.fmu += ((rest * rest) / profile.weight(i)) * w;
    const d = fc - profile.equilibrium(i);
    sums.eq += ((d * d) / m) * w;
  }
  const exact = profile.lpNorm;
  return {
    E_L2M: Math.sqrt(sums.E),
    f_L2M: Math.sqrt(sums.f),
    Ef_L2M: Math.sqrt(sums.Ef),
    f_L2mu: Math.sqrt(sums.fmu),
    dist_Meq_L2M: Math.sqrt(sums.eq),
    Lp_F: lpNorms(pts, pts.f),
    Lp_E: lpNorms(pts, (i) => eValues[i]!),
    Lp_E_exact: { p1: exact(1), p1_5: exact(1.5), p2: exact(2), pInf: exact(Infinity) },
    ref_scale: Math.pow(p.delta, p.alpha - 0.25),
  };
}

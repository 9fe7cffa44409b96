// The generalised blow-down profile of a bump off the origin or not round, and the diagnostics of a
// run from F = M + δ^α N(u, δ·D), D = diag(a, b, c).
//
// Near a small, narrow bump g = F − M the equation ∂tF = A[F]:∇²F + F² (Coulomb) reads, to leading
// order with the coefficients frozen at the bump's centre u (the approximation behind (1.4)),
//   ∂t g = A[M](u):∇²g + 2M(u) g,
// whose solution from δ^α N(u, δD) is
//   E_u(t, v) = δ^α e^{2M(u)t} N(v; u, Σ(t)),  Σ(t) = δD + 2A[M](u) t,
// with A[M](u) = λ1(|u|) ûûᵀ + λ2(|u|)(I − ûûᵀ) (closed forms; λ1(0) = λ2(0) = c0). At u = 0, D = I
// it is (1.4): mass δ^α e^{2M(0)t}, temperature δ + 2c0 t. Left out, as in (1.4): the bump's own
// A[g] and g², and the variation of A[M] across the bump — the latter moves the bump's centre at
// order t (by 2∇·A[M](u) − u M(u) per unit mass), which the measured centre shows.
import type { Grid } from '../core/grid/grid.js';
import { lambdaRadial, lambdaTangential, maxwellian } from '../core/math/closed-forms.js';
import { symmetricEigenvalues } from '../core/math/sym3-eigen.js';
import { gridPoints, profileNorms, type BlowdownDiagnostics } from './blowdown-profile.js';

export interface BumpParams {
  delta: number;
  alpha: number;
  bumpCenter: [number, number, number];
  bumpTemps: [number, number, number];
  /** Radius of the ball |v| ≤ R_w of the weighted norms. */
  rw: number;
}

/** A symmetric 3×3 matrix as [xx, yy, zz, xy, xz, yz]. */
type Sym = [number, number, number, number, number, number];
/** The index pairs of Sym's entries. */
const PAIRS: [number, number][] = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]];

/** Mass, centre and covariance of E_u at time t. */
export function bumpProfile(t: number, p: BumpParams): { mass: number; centre: [number, number, number]; covariance: Sym } {
  const u = p.bumpCenter;
  const r = Math.hypot(...u);
  const [l1, l2] = [lambdaRadial(r), lambdaTangential(r)];
  const e = r > 0 ? u.map((x) => x / r) : [0, 0, 0];
  const a = (i: number, j: number) => (i === j ? l2 : 0) + (l1 - l2) * e[i]! * e[j]!;
  const covariance = PAIRS.map(([i, j]) => (i === j ? p.delta * p.bumpTemps[i]! : 0) + 2 * t * a(i, j)) as Sym;
  return { mass: Math.pow(p.delta, p.alpha) * Math.exp(2 * maxwellian(r * r) * t), centre: [...u], covariance };
}

/** det and inverse of a symmetric positive definite 3×3 matrix. */
function inverse(m: Sym): { det: number; inv: Sym } {
  const [xx, yy, zz, xy, xz, yz] = m;
  const c = [yy * zz - yz * yz, xx * zz - xz * xz, xx * yy - xy * xy, xz * yz - xy * zz, xy * yz - xz * yy, xy * xz - xx * yz];
  const det = xx * c[0]! + xy * c[3]! + xz * c[4]!;
  return { det, inv: c.map((x) => x / det) as Sym };
}

function quadratic(inv: Sym, d: readonly number[]): number {
  const [xx, yy, zz, xy, xz, yz] = inv;
  return xx * d[0]! ** 2 + yy * d[1]! ** 2 + zz * d[2]! ** 2 + 2 * (xy * d[0]! * d[1]! + xz * d[0]! * d[2]! + yz * d[1]! * d[2]!);
}

/** ‖m N(u, Σ)‖_{L^p} = m (2π)^{−(3/2)(1−1/p)} det(Σ)^{−(1/2)(1−1/p)} p^{−3/(2p)}. */
function gaussianLpNorm(mass: number, det: number, q: number): number {
  if (q === Infinity) return mass / Math.sqrt((2 * Math.PI) ** 3 * det);
  return mass * Math.pow((2 * Math.PI) ** 3 * det, -0.5 * (1 - 1 / q)) * Math.pow(q, -3 / (2 * q));
}

/** The norms of blowdown-profile.ts with E_u for E (and Σ(t) for its temperature), and the bump's moments. */
export interface BumpDiagnostics extends Omit<BlowdownDiagnostics, 'E_temperature'> {
  /** E_u's covariance Σ(t) [xx, yy, zz, xy, xz, yz]. */
  E_covariance: number[];
  /** Moments of F − M over the ball of radius 4√λmax(Σ(t)) about u: mass, centre, covariance; and ∫(F − M_eq)₊ over it, the excess over the equilibrium, which relaxes to 0. */
  bump_mass: number;
  bump_excess: number;
  bump_centre: number[];
  bump_covariance: number[];
}

/** The norms of (1.4) with E_u in place of E, on the grid, and the bump's measured moments. */
export function bumpDiagnostics(grid: Grid, f: ArrayLike<number>, t: number, p: BumpParams): BumpDiagnostics {
  const e = bumpProfile(t, p);
  const points = gridPoints(grid, f);
  const v = points.v!;
  const { det, inv } = inverse(e.covariance);
  // −½ (v − u)ᵀΣ⁻¹(v − u) at every cell: E_u and the weight of its L²(μ⁻¹) norm
  const exponent = Float64Array.from({ length: grid.cells }, (_, c) => -quadratic(inv, v(c).map((x, a) => x - e.centre[a]!)) / 2);
  const eq = equilibrium(p);
  const meq = (c: number) => eq.mass * Math.pow(2 * Math.PI * eq.temperature, -1.5) * Math.exp(-v(c).reduce((s, x, a) => s + (x - eq.velocity[a]!) ** 2, 0) / (2 * eq.temperature));
  const norm = e.mass / Math.sqrt((2 * Math.PI) ** 3 * det);
  const norms = profileNorms(points, p, {
    at: (c) => norm * Math.exp(exponent[c]!),
    weight: (c) => Math.sqrt(det) * Math.exp(exponent[c]!),
    equilibrium: meq,
    lpNorm: (q) => gaussianLpNorm(e.mass, det, q),
  });
  return { rw: p.rw, E_mass: e.mass, E_covariance: [...e.covariance], ...norms, ...bumpMoments(grid, f, e, meq) };
}

/** Mass, centre and covariance of F − M, and ∫(F − M_eq)₊, over the ball of four widths √λmax(Σ) about the centre. */
function bumpMoments(grid: Grid, f: ArrayLike<number>, e: ReturnType<typeof bumpProfile>, meq: (c: number) => number) {
  const ball = 16 * Math.max(...symmetricEigenvalues(Float64Array.from(e.covariance)));
  const points = gridPoints(grid, f);
  const dv = grid.cellVolume;
  let [mass, excess] = [0, 0];
  const first = [0, 0, 0];
  const second = [0, 0, 0, 0, 0, 0];
  for (let c = 0; c < grid.cells; c++) {
    const v = points.v!(c);
    if (v.reduce((s, x, a) => s + (x - e.centre[a]!) ** 2, 0) > ball) continue;
    const g = (f[c]! - maxwellian(points.v2(c))) * dv;
    mass += g;
    excess += Math.max(0, f[c]! - meq(c)) * dv;
    PAIRS.forEach(([a, b], k) => (second[k]! += g * v[a]! * v[b]!));
    for (let a = 0; a < 3; a++) first[a]! += g * v[a]!;
  }
  const centre = first.map((x) => x / mass);
  return { bump_mass: mass, bump_excess: excess, bump_centre: centre, bump_covariance: PAIRS.map(([a, b], k) => second[k]! / mass - centre[a]! * centre[b]!) };
}

/** The Maxwellian with the data's mass, momentum and energy: M is unit, the bump carries δ^α, δ^α u and δ^α(|u|² + δ tr D). */
export function equilibrium(p: Omit<BumpParams, 'rw'>): { mass: number; velocity: number[]; temperature: number } {
  const b = Math.pow(p.delta, p.alpha);
  const mass = 1 + b;
  const velocity = p.bumpCenter.map((x) => (b * x) / mass);
  const u2 = p.bumpCenter.reduce((s, x) => s + x * x, 0);
  const energy = 3 + b * (u2 + p.delta * (p.bumpTemps[0] + p.bumpTemps[1] + p.bumpTemps[2]));
  const w2 = velocity.reduce((s, x) => s + x * x, 0);
  return { mass, velocity, temperature: (energy / mass - w2) / 3 };
}

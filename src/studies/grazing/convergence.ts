// Convergence study of Theorem 2.2 (s ≤ 1) and Theorem 2.4 (s > 1) at a set of points v₁.
//
// s ≤ 1:  rel_error(ε) = ‖𝔡_ε⁻¹ L_ε ψ − 2π c_Φ K₀ψ‖_∞ / ‖2π c_Φ K₀ψ‖_∞ over the points, 𝔡_ε = ε² (s < 1)
//         or ε² |log ε| (s = 1), L_ε as in (2.3)/(3.4) and K₀ = (1.3) without its 2π (the
//         normalisation these numbers confirm; `normalisation` reports the measured ratio).
// s > 1:  c_Φ = ∞ and L_ε ψ/ε² grows like ε^{2/s − 2}; instead ε^{−2/s} L_ε ψ → L_∞ψ, the
//         linearised non-cutoff Boltzmann operator of the homogeneous potential f(0)/r^s, and
//         rel_error(ε) = ‖ε^{−2/s} L_ε ψ − L_∞ψ‖_∞ / ‖L_∞ψ‖_∞.

import { cPhi } from './constants.js';
import { drain } from '../../core/interrupt/interruptible-work.js';
import type { RadialPotential } from './potentials.js';
import { applyMoments, linearizedBoltzmann, nonCutoffMomentTable, type OperatorData } from './operators.js';

export type Regime = 'landau' | 'coulomb-log' | 'non-cutoff';

export interface ConvergenceRow {
  eps: number;
  /** relative distance to the limit (see the module comment) */
  rel_error: number;
  /** 𝔡_ε (s ≤ 1) or ε^{2/s} (s > 1): the scale L_ε ψ is divided by */
  scale: number;
  /** ‖L_ε ψ‖_∞ / ε² */
  l_over_eps2: number;
  /** ‖L_ε ψ‖_∞ / scale */
  l_scaled: number;
  /** L_ε ψ(v₁) / scale at every point */
  values: number[];
}

export interface ConvergenceResult {
  regime: Regime;
  s: number;
  c_phi: number;
  /** 2π c_Φ K₀ψ (s ≤ 1) or L_∞ψ (s > 1) at every point: the limit */
  limit: number[];
  /** K₀ψ at every point (exact derivatives) and from the Legendre coefficients */
  landau: number[];
  landau_legendre: number[];
  /** relative floor of the sphere sampling: ‖K₀ψ − K₀ψ(Legendre)‖_∞ / ‖K₀ψ‖_∞ */
  quadrature_floor: number;
  rows: ConvergenceRow[];
  /**
   * ‖𝔡_ε⁻¹ L_ε ψ‖_∞ / ‖c_Φ K₀ψ‖_∞ at the smallest ε (s ≤ 1): 2π if 𝔡⁻¹L_ε → 2π c_Φ K₀ with L_ε
   * exactly as (2.3); 4π if Theorem 2.2 held for L_ε with the ½ of its proof; 4π² if it held with
   * K of (1.3) including its 2π.
   */
  normalisation?: number;
  /**
   * s = 1 only: the same ratio extrapolated to |log ε| = ∞ from the two smallest ε, assuming
   * ratio(ε) = a + b/|log ε| (the Coulomb-logarithm correction of Corollary 3.2).
   */
  normalisation_extrapolated?: number;
  /** fitted exponent p in ‖L_ε ψ‖/ε² ~ ε^p over the two smallest ε (s > 1: expect 2/s − 2) */
  eps2_exponent?: number;
}

export function scaleOf(s: number, eps: number): number {
  if (s < 1) return eps * eps;
  if (s === 1) return eps * eps * Math.abs(Math.log(eps));
  return Math.pow(eps, 2 / s);
}

export function regimeOf(s: number): Regime {
  return s < 1 ? 'landau' : s === 1 ? 'coulomb-log' : 'non-cutoff';
}

const maxAbs = (xs: number[]) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export function convergenceStudy(p: RadialPotential, data: OperatorData, epsList: readonly number[], onRow?: (row: ConvergenceRow) => void): ConvergenceResult {
  return drain(convergenceSteps(p, data, epsList, onRow));
}

/** convergenceStudy, yielding after every ε (for a signal to stop it between them). */
export function* convergenceSteps(p: RadialPotential, data: OperatorData, epsList: readonly number[], onRow?: (row: ConvergenceRow) => void): Generator<void, ConvergenceResult> {
  const s = p.s;
  const regime = regimeOf(s);
  const c = cPhi(p);
  const landau = data.points.map((pt) => pt.landau);
  const landauLegendre = data.points.map((pt) => pt.landauLegendre);
  const limit = regime === 'non-cutoff' ? applyMoments(data, nonCutoffMomentTable(s, p.f0, data)) : landau.map((k) => 2 * Math.PI * c * k);
  const limitNorm = maxAbs(limit);
  const rows: ConvergenceRow[] = [];
  for (const eps of epsList) {
    const L = linearizedBoltzmann(p, eps, data);
    const scale = scaleOf(s, eps);
    const values = L.map((x) => x / scale);
    const rel = maxAbs(values.map((x, i) => x - limit[i])) / limitNorm;
    const row: ConvergenceRow = { eps, rel_error: rel, scale, l_over_eps2: maxAbs(L) / (eps * eps), l_scaled: maxAbs(values), values };
    rows.push(row);
    onRow?.(row);
    yield;
  }
  const result: ConvergenceResult = {
    regime,
    s,
    c_phi: c,
    limit,
    landau,
    landau_legendre: landauLegendre,
    quadrature_floor: maxAbs(landau.map((k, i) => k - landauLegendre[i])) / maxAbs(landau),
    rows,
  };
  const sorted = [...rows].sort((a, b) => a.eps - b.eps);
  if (regime !== 'non-cutoff' && sorted.length > 0) result.normalisation = sorted[0].l_scaled / (c * maxAbs(landau));
  if (regime === 'coulomb-log' && sorted.length >= 2) {
    const [a, b] = sorted;
    const xa = 1 / Math.abs(Math.log(a.eps));
    const xb = 1 / Math.abs(Math.log(b.eps));
    const y0 = a.l_scaled - (xa * (b.l_scaled - a.l_scaled)) / (xb - xa);
    result.normalisation_extrapolated = y0 / (c * maxAbs(landau));
  }
  if (regime === 'non-cutoff' && sorted.length >= 2) {
    const [a, b] = sorted;
    result.eps2_exponent = Math.log(a.l_over_eps2 / b.l_over_eps2) / Math.log(a.eps / b.eps);
  }
  return result;
}

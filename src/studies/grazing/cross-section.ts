// Angular moments of the scattering cross-section in King's (impact-parameter) form:
//   m_l(κ) = ∫ ρ (P_l(cos θ(ρ; κ)) − 1) dρ   over ρ ∈ (0, R),
// so that m₁ = −2 ∫ sin²(θ/2) ρ dρ (Corollary 3.2) and the linearised Boltzmann operator reduces
// to Σ_l a_l m_l (see operators.ts). P_l(cos θ) − 1 is O(θ²) and is evaluated by a recurrence in
// t = sin²(θ/2) that never forms 1 − cos θ, so the moments keep their relative precision when
// θ ~ 1e−6 (κ ~ 1e−7: ε = 1e−5 at |v₁ − v₂| ~ 10).

import { compositeRule, geometricBreaks, gradedBreaks, joinBreaks, type Rule } from './quadrature.js';
import type { RadialPotential } from './potentials.js';
import { deflectionAngle, powerBornConstant } from './scattering.js';

export interface ImpactRule extends Rule {
  /** the rule covers (lo, hi); [0, lo] is added as loFactor · lo² · integrand(lo) */
  lo: number;
  hi: number;
  /**
   * ∫₀^lo ρ F dρ ≈ loFactor · lo · (lo F(lo)): ½ where F is flat (strong collisions, θ → const),
   * 1/(2 − 2s) where lo lies in the Born regime of an s < 1 potential (ρ F ∝ ρ^{1−2s}).
   */
  loFactor: number;
}

/**
 * Length scale of strong (non-grazing) collisions: where 2κφ(ρ) ~ 1, i.e. ρ_c = (2κ f(0))^{1/s}.
 * Below it θ is O(1); above it θ ≈ −2κI(ρ).
 */
export function strongCollisionRadius(p: RadialPotential, kappa: number): number {
  if (p.s === 0) return Math.min(1, p.range);
  return Math.pow(2 * kappa * p.f0, 1 / p.s);
}

/**
 * ρ nodes for the moments at a given κ: panels growing geometrically (ratio 2.5) from well inside
 * the strong-collision radius up to the range, graded again toward ρ = R where θ vanishes like a
 * fractional power of R − ρ. The rule starts at 1e−5 ρ_c, so that strong collisions are resolved:
 * for s < 1 they carry the κ^{2/s} share of Corollary 3.2, for s = 1 part of the constant beside
 * the Coulomb logarithm. For s < 1 it need not start below ρ = 1e−12, where that share is
 * ~(ρ_c/κ)² < 1e−11. For infinite range the
 * rule stops at hi = 10⁴ max(ρ_c, 1) and the rest is the Born tail (see angularMoments).
 */
export function impactRule(p: RadialPotential, kappa: number, nodes = 8): ImpactRule {
  const rc = strongCollisionRadius(p, kappa);
  const R = p.range;
  const factor = (lo: number) => (p.s < 1 && lo > 10 * rc ? 1 / (2 - 2 * p.s) : 0.5);
  if (Number.isFinite(R)) {
    const lo = p.s < 1 ? Math.min(1e-4, Math.max(1e-5 * rc, 1e-12)) * R : Math.min(1e-4 * R, Math.max(1e-5 * rc, 1e-14 * R));
    const mid = 0.5 * R;
    const breaks = joinBreaks(
      geometricBreaks(lo, mid, 2.5),
      gradedBreaks(0, mid, 0.5 * mid * Math.pow(0.4, 9), 2.5).map((d) => R - d).reverse(),
    );
    return { ...compositeRule(breaks, nodes), lo, hi: R, loFactor: factor(lo) };
  }
  const lo = Math.max(1e-5 * rc, 1e-14);
  const hi = 1e4 * Math.max(rc, 1);
  return { ...compositeRule(geometricBreaks(lo, hi, 2.5), nodes), lo, hi, loFactor: factor(lo) };
}

/**
 * D_l(t) = P_l(1 − 2t) − 1 for l = 0..lmax into out, by the Legendre recurrence rewritten for
 * D = P − 1: (l+1) D_{l+1} = (2l+1)(1 − 2t) D_l − l D_{l−1} − 2(2l+1) t, D₀ = 0, D₁ = −2t.
 */
export function legendreMinusOne(t: number, lmax: number, out: Float64Array): void {
  const x = 1 - 2 * t;
  out[0] = 0;
  if (lmax >= 1) out[1] = -2 * t;
  for (let l = 1; l < lmax; l++) out[l + 1] = ((2 * l + 1) * x * out[l] - l * out[l - 1] - 2 * (2 * l + 1) * t) / (l + 1);
}

/** m_l(κ) for l = 0..lmax (see the module comment); m₀ = 0. */
export function angularMoments(p: RadialPotential, kappa: number, lmax: number, nodes = 8): Float64Array {
  const rule = impactRule(p, kappa, nodes);
  const m = new Float64Array(lmax + 1);
  const d = new Float64Array(lmax + 1);
  const add = (rho: number, weight: number) => {
    const half = 0.5 * deflectionAngle(p, rho, kappa);
    const sh = Math.sin(half);
    legendreMinusOne(sh * sh, lmax, d);
    for (let l = 1; l <= lmax; l++) m[l] += weight * d[l];
  };
  for (let i = 0; i < rule.x.length; i++) add(rule.x[i], rule.w[i] * rule.x[i]);
  add(rule.lo, rule.loFactor * rule.lo * rule.lo);
  if (!Number.isFinite(p.range)) {
    if (!(p.s > 1)) throw new RangeError(`moments of an infinite-range potential need s > 1 (got s = ${p.s}): the ρ integral diverges`);
    // Born tail: θ ≈ 2κ s f0 B_s ρ^{−s}, D_l ≈ −l(l+1) θ²/4.
    const a = kappa * p.s * p.f0 * powerBornConstant(p.s);
    const tail = (a * a * Math.pow(rule.hi, 2 - 2 * p.s)) / (2 * p.s - 2);
    for (let l = 1; l <= lmax; l++) m[l] -= l * (l + 1) * tail;
  }
  return m;
}

/** ∫ sin²(θ(ρ; κ)/2) ρ dρ over the range (Corollary 3.2). */
export function sinSquaredMoment(p: RadialPotential, kappa: number, nodes = 8): number {
  return -0.5 * angularMoments(p, kappa, 1, nodes)[1];
}

// Two-particle scattering by a repulsive radial potential εφ: the deflection angle θ(ρ; κ) of
// (3.5), κ = 2ε/|v₁ − v₂|², in f64, and the closed forms it is checked against.
//
// Energy equation for the relative motion (reduced mass ½, energy |v₁ − v₂|²/4):
//   g(r) = 1 − ρ²/r² − 2κφ(r),   g(r_min) = 0,
// which is the radicand of (3.5) (4Φ_ε/|v₁ − v₂|² = 2κφ). The identity printed under (3.5) has
// 2ε/|v₁ − v₂|² = κ in place of 2κ; it would put the turning point where the radicand of (3.5)
// is still negative.
//
// Quadrature. With u = ρ/r and u_m = ρ/r_min, put u = u_m sin χ. Since g(r_min) = 0,
//   1 − u² − 2κφ(ρ/u) = (u_m² − u²) H(χ),   H = 1 − 2κ (φ(r) − φ(r_min)) / (u_m² cos²χ),  r = r_min / sin χ,
// so the inverse square root at the turning point is absorbed by du = u_m cos χ dχ and
//   ∫_{r_min}^{R} ρ dr / (r² √g) = ∫_{χ_R}^{π/2} H^{−1/2} dχ,   sin χ_R = r_min/R,
// with a smooth integrand. Beyond the range R, φ = 0 and the integral is arcsin(ρ/R). Subtracting
// the free motion analytically,
//   θ = 2 (χ_R − arcsin(ρ/R)) − 2 ∫_{χ_R}^{π/2} (H^{−1/2} − 1) dχ,
// and both terms are O(κ) quantities evaluated without cancellation, so θ keeps full relative
// precision down to κ ~ 1e−12 (the grazing regime, where (π − 2·integral) would lose it all).

import { compositeRule, gaussLegendre, geometricBreaks, uniformBreaks, joinBreaks } from './quadrature.js';
import type { RadialPotential } from './potentials.js';

export interface TurningPoint {
  /** distance of closest approach */
  rmin: number;
  /** true when the particle is reflected at a discontinuity of φ (hard wall at r = range) */
  wall: boolean;
}

/** g(r) = 1 − ρ²/r² − 2κφ(r), the radicand of (3.5). */
export function radicand(p: RadialPotential, rho: number, kappa: number, r: number): number {
  return 1 - (rho * rho) / (r * r) - 2 * kappa * p.phi(r);
}

/**
 * The turning point r_min: the unique zero of the increasing function g on (ρ, R), or the wall
 * r = R when g(R⁻) ≤ 0 (a step that the particle cannot climb). Undefined for ρ ≥ R (no collision).
 */
export function turningPoint(p: RadialPotential, rho: number, kappa: number): TurningPoint | undefined {
  const R = p.range;
  if (!(rho > 0)) throw new RangeError(`impact parameter must be > 0, got ${rho}`);
  if (rho >= R) return undefined;
  if (Number.isFinite(R) && 1 - (rho * rho) / (R * R) - 2 * kappa * p.edge <= 0) return { rmin: R, wall: true };
  const g = (r: number) => radicand(p, rho, kappa, r);
  let lo = rho; // g(ρ) = −2κφ(ρ) < 0
  let hi = R;
  if (!Number.isFinite(hi)) {
    hi = 2 * rho;
    while (g(hi) <= 0) {
      lo = hi;
      hi *= 2;
      if (hi > 1e300) throw new RangeError('turning point not found');
    }
  }
  if (g(lo) >= 0) return { rmin: lo, wall: false };
  let r = Math.sqrt(lo * hi);
  for (let it = 0; it < 300; it++) {
    const gv = g(r);
    if (gv === 0) break;
    if (gv < 0) lo = r;
    else hi = r;
    if (hi - lo <= 4e-16 * hi) break;
    const dg = (2 * rho * rho) / (r * r * r) - 2 * kappa * p.dphi(r);
    let next = r - gv / dg;
    // Newton inside the bracket; bisection (geometric while the bracket spans decades) otherwise.
    if (!(next > lo && next < hi)) next = hi > 4 * lo ? Math.sqrt(lo * hi) : 0.5 * (lo + hi);
    if (Math.abs(next - r) <= 2e-16 * r) {
      r = next;
      break;
    }
    r = next;
  }
  return { rmin: r, wall: false };
}

export interface DeflectionOptions {
  /** Gauss nodes per panel in χ (default 10) */
  nodes?: number;
  /** growth ratio of the panels graded toward χ_R when r_min ≪ R (default 2.5) */
  ratio?: number;
}

/** Lower end of the χ integral for potentials of infinite range; [0, CHI_FLOOR] uses one point. */
const CHI_FLOOR = 1e-12;

/** Deflection angle θ ∈ [0, π] for impact parameter ρ and κ = 2ε/|v₁ − v₂|² (formula (3.5)). */
export function deflectionAngle(p: RadialPotential, rho: number, kappa: number, opts: DeflectionOptions = {}): number {
  if (!(kappa >= 0)) throw new RangeError(`κ must be ≥ 0, got ${kappa}`);
  if (kappa === 0) return 0;
  const tp = turningPoint(p, rho, kappa);
  if (!tp) return 0;
  const R = p.range;
  const { rmin } = tp;
  if (tp.wall) return Math.PI - 2 * Math.asin(rho / R);
  const phiMin = p.phi(rmin);
  const twoKappa = 2 * kappa;
  const um2 = (rho / rmin) * (rho / rmin);

  // χ_R − arcsin(ρ/R) = arcsin(x) − arcsin(y), x = r_min/R, y = ρ/R, with
  // x² − y² = r_min² (1 − u_m²)/R² = r_min² · 2κφ(r_min)/R² taken from the energy equation.
  let chiR = 0;
  let outer = 0;
  if (Number.isFinite(R)) {
    const x = rmin / R;
    const y = rho / R;
    chiR = Math.asin(x);
    const diff2 = x * x * twoKappa * phiMin;
    outer = Math.asin(Math.min(1, diff2 / (x * Math.sqrt(Math.max(0, 1 - y * y)) + y * Math.sqrt(Math.max(0, 1 - x * x)))));
  }

  // Integrand H^{−1/2} − 1 = (1 − H)/(√H (1 + √H)), parametrised by δ = π/2 − χ so that
  // cos χ = sin δ keeps its relative precision at the turning point.
  const integrand = (delta: number): number => {
    const sinChi = Math.cos(delta);
    const cosChi = Math.sin(delta);
    const r = rmin / sinChi;
    const oneMinusH = (-twoKappa * (phiMin - p.phi(r))) / (um2 * cosChi * cosChi);
    const H = 1 - oneMinusH;
    const sq = Math.sqrt(H);
    return oneMinusH / (sq * (1 + sq));
  };

  const n = opts.nodes ?? 10;
  const ratio = opts.ratio ?? 2.5;
  const chiLo = Number.isFinite(R) ? chiR : CHI_FLOOR;
  let chiBreaks: number[];
  if (chiLo < 0.05) chiBreaks = joinBreaks(geometricBreaks(chiLo, Math.PI / 4, ratio), [Math.PI / 4, (3 * Math.PI) / 8, Math.PI / 2]);
  else chiBreaks = uniformBreaks(chiLo, Math.PI / 2, 0.4);
  let inner = 0;
  const g = gaussLegendre(n);
  for (let k = 0; k + 1 < chiBreaks.length; k++) {
    // δ runs over [π/2 − χ_{k+1}, π/2 − χ_k]
    const a = Math.PI / 2 - chiBreaks[k + 1];
    const b = Math.PI / 2 - chiBreaks[k];
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    for (let i = 0; i < n; i++) inner += half * g.w[i] * integrand(mid + half * g.x[i]);
  }
  if (!Number.isFinite(R)) inner += CHI_FLOOR * integrand(Math.PI / 2 - CHI_FLOOR);
  const theta = 2 * outer - 2 * inner;
  return Math.min(Math.PI, Math.max(0, theta));
}

/**
 * I(ρ) = ∫₀¹ (ρ/u) φ′(ρ/u) du/√(1 − u²) = ∫_ρ^R ρ φ′(r) dr/√(r² − ρ²) (Lemma 3.1: θ ≈ −2κ I(ρ)),
 * computed with r = ρ cosh t, which removes the inverse square root at r = ρ and spreads the
 * r^{−s−1} growth of φ′ near small ρ evenly over t.
 */
export function bornIntegral(p: RadialPotential, rho: number, nodes = 10): number {
  const R = p.range;
  if (rho >= R) return 0;
  const T = Number.isFinite(R) ? Math.acosh(R / rho) : (42 + Math.log(2)) / (p.s + 1) + 1;
  const rule = compositeRule(uniformBreaks(0, T, 0.5), nodes);
  let sum = 0;
  for (let i = 0; i < rule.x.length; i++) sum += rule.w[i] * rho * p.dphi(rho * Math.cosh(rule.x[i]));
  return sum;
}

/**
 * B_s = ∫₀^∞ (1 + t²)^{−(s+2)/2} dt = (√π/2) Γ((s+1)/2)/Γ(s/2 + 1): for φ = f0/r^s,
 * I(ρ) = −s f0 B_s ρ^{−s} exactly, and for any φ of Assumption 2.1 as ρ → 0.
 */
export function powerBornConstant(s: number): number {
  return 0.5 * Math.sqrt(Math.PI) * Math.exp(logGamma((s + 1) / 2) - logGamma(s / 2 + 1));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e−15). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

// ---- closed forms --------------------------------------------------------------------------

/** Hard spheres of radius 1: θ = π − 2 arcsin ρ (ρ < 1). */
export function hardSphereAngle(rho: number): number {
  return rho >= 1 ? 0 : Math.PI - 2 * Math.asin(rho);
}

/**
 * Step of height V: inside r < 1 the radicand is n² − ρ²/r², n² = 1 − 2κV. For ρ < n the particle
 * enters and is refracted, θ = 2(arcsin(ρ/n) − arcsin ρ); otherwise it is reflected at r = 1.
 */
export function stepAngle(rho: number, kappa: number, height: number): number {
  if (rho >= 1) return 0;
  const n2 = 1 - 2 * kappa * height;
  if (n2 <= rho * rho) return hardSphereAngle(rho);
  // arcsin a − arcsin ρ = arcsin((a² − ρ²)/(a√(1 − ρ²) + ρ√(1 − a²))), a = ρ/n, a² − ρ² = 2κVρ²/n²:
  // the difference of two nearly equal arcsines would lose all digits when κ → 0.
  const a = rho / Math.sqrt(n2);
  const diff2 = (2 * kappa * height * rho * rho) / n2;
  return 2 * Math.asin(diff2 / (a * Math.sqrt(1 - rho * rho) + rho * Math.sqrt(Math.max(0, 1 - a * a))));
}

/** Rutherford: φ = f0/r on (0, ∞), tan(θ/2) = κ f0/ρ. */
export function rutherfordAngle(rho: number, kappa: number, f0 = 1): number {
  return 2 * Math.atan((kappa * f0) / rho);
}

/** φ = f0/r²: r_min² = ρ² + 2κ f0 and θ = π (1 − ρ/r_min), written without cancellation. */
export function inverseSquareAngle(rho: number, kappa: number, f0 = 1): number {
  const a = 2 * kappa * f0;
  const b = Math.sqrt(rho * rho + a);
  return (Math.PI * a) / (b * (b + rho));
}

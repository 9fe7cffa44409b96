// The constant c_Φ of Theorem 2.2, from (2.6) and, independently, from the Fourier identity (2.7).
//
// (2.6), s < 1:  c_Φ = ∫₀¹ I(ρ)² ρ dρ,  I(ρ) = ∫₀¹ (ρ/u) φ′(ρ/u) du/√(1 − u²)  (= the Born angle / −2κ).
// (2.6), s = 1:  the integral diverges like f(0)² |log δ| at its lower end δ ~ κ, and Corollary 3.2
//   (∫ sin²(θ/2) ρ dρ ≈ κ² |log κ| c_Φ) then needs c_Φ = f(0)², not f(0) as printed: c_Φ is
//   quadratic in φ (θ ≈ −2κI is linear in φ), so scaling φ by λ must scale c_Φ by λ². The two agree
//   only for f(0) = 1; a test with f(0) = 2 decides it.
// (2.7):  with Φ̂(k) = ∫ e^{−ik·x} Φ(x) dx = (4π/k) S(k), S(k) = ∫₀¹ r φ(r) sin(kr) dr,
//   the proof of Theorem 2.2 (Step 5) ends with c_Φ = (1/16π²) ∫₀^∞ k³ |Φ̂(k)|² dk = ∫₀^∞ k S(k)² dk,
//   i.e. 2π c_Φ = (1/16π²) ∫ δ(k·e₁) |k|² |Φ̂(k)|² dk. The displayed (2.7) has 1/8π in place of
//   1/16π², which is 2π times too large (check: Φ = e^{−|x|²} gives π/8 both ways with 1/16π²).
//   The k integral converges only for s < 1 (k³|Φ̂|² ~ k^{2s−3}).

import { compositeRule, geometricBreaks, gradedBreaks, joinBreaks, uniformBreaks } from './quadrature.js';
import type { RadialPotential } from './potentials.js';
import { bornIntegral, logGamma, powerBornConstant } from './scattering.js';

/** c_Φ from (2.6): the ρ integral for s < 1, f(0)² for s = 1, Infinity for s > 1. */
export function cPhi(p: RadialPotential): number {
  if (p.s > 1) return Infinity;
  if (p.s === 1) return p.f0 * p.f0;
  return cPhiIntegral(p, 0);
}

/**
 * ∫_δ^R I(ρ)² ρ dρ (δ = 0 allowed for s < 1). Panels grow geometrically from the origin, where
 * I ~ −s f(0) B_s ρ^{−s}, and are graded toward ρ = R, where I vanishes like a fractional power.
 */
export function cPhiIntegral(p: RadialPotential, delta: number): number {
  const R = p.range;
  if (!Number.isFinite(R)) throw new RangeError('c_Φ needs a potential of finite range');
  const lo = delta > 0 ? delta : 1e-10 * R;
  const mid = 0.5 * R;
  const breaks = joinBreaks(
    geometricBreaks(lo, mid, 2.5),
    gradedBreaks(0, mid, 0.5 * mid * Math.pow(0.4, 10), 2.5).map((d) => R - d).reverse(),
  );
  const rule = compositeRule(breaks, 10);
  let sum = 0;
  for (let i = 0; i < rule.x.length; i++) {
    const I = bornIntegral(p, rule.x[i]);
    sum += rule.w[i] * I * I * rule.x[i];
  }
  if (delta === 0 && p.s > 0) {
    // [0, lo] with the leading behaviour I ≈ −s f(0) B_s ρ^{−s}.
    const a = p.s * p.f0 * powerBornConstant(p.s);
    sum += (a * a * Math.pow(lo, 2 - 2 * p.s)) / (2 - 2 * p.s);
  }
  return sum;
}

export interface FourierConstant {
  /** c_Φ from the Fourier identity, or null where the k integral diverges (s ≥ 1) */
  value: number | null;
  /** cut-off of the numerical k integral */
  kmax: number;
  /** share of the value contributed by the asymptotic tail beyond kmax */
  tail: number;
  note: string;
}

/** S(k) = ∫₀^R r φ(r) sin(kr) dr = k Φ̂(k)/(4π) at the given k values, by one fixed r rule. */
export function sineTransform(p: RadialPotential, ks: ArrayLike<number>, kmax: number): Float64Array {
  const R = p.range;
  // Graded near r = 0 (r^{1−s} singularity), then panels of one period 2π/kmax, 16 nodes each.
  const r0 = Math.min(0.5 * R, 2 / kmax);
  const breaks = joinBreaks(geometricBreaks(1e-12 * R, r0, 2.5), uniformBreaks(r0, R, (2 * Math.PI) / kmax));
  const rule = compositeRule(breaks, 16);
  const n = rule.x.length;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = rule.w[i] * rule.x[i] * p.phi(rule.x[i]);
  const out = new Float64Array(ks.length);
  for (let j = 0; j < ks.length; j++) {
    const k = ks[j];
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i] * Math.sin(k * rule.x[i]);
    out[j] = s;
  }
  return out;
}

/**
 * c_Φ from the Fourier identity: ∫₀^K k S(k)² dk by panels of width π (S² oscillates with period
 * π at most), plus the tail beyond K from the large-k expansion of S. That expansion comes from the
 * two ends of [0, 1]: at r = 0, r φ = Σ_j f_j r^{j+1−s} contributes
 * Σ_j f_j Γ(j+2−s) sin(π(j+2−s)/2) k^{−(j+2−s)}; at r = 1 (φ(1) = 0) the term φ′(1) sin k/k², whose
 * square has mean φ′(1)²/(2k⁴). Oscillating cross terms are O(K^{s−3}) and are dropped.
 */
export function cPhiFourier(p: RadialPotential, kmax = 1000): FourierConstant {
  if (!(p.s < 1)) {
    return { value: null, kmax, tail: 0, note: `the k integral diverges for s ≥ 1 (k³|Φ̂(k)|² ~ k^{2s−3}; s = ${p.s})` };
  }
  const rule = compositeRule(uniformBreaks(0, kmax, Math.PI), 16);
  const S = sineTransform(p, rule.x, kmax);
  let body = 0;
  for (let i = 0; i < rule.x.length; i++) body += rule.w[i] * rule.x[i] * S[i] * S[i];
  const b = p.taylor.map((fj, j) => {
    const a = j + 2 - p.s;
    return fj * Math.exp(logGamma(a)) * Math.sin((Math.PI * a) / 2);
  });
  let tail = 0;
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const e = i + j + 2 - 2 * p.s;
      tail += (b[i] * b[j] * Math.pow(kmax, -e)) / e;
    }
  }
  const d1 = p.dphi(p.range * (1 - 1e-12));
  tail += (d1 * d1) / (4 * kmax * kmax);
  const value = body + tail;
  return { value, kmax, tail: tail / value, note: 'c_Φ = (1/16π²) ∫₀^∞ k³|Φ̂(k)|² dk (the (2.7) identity with its 2π slip corrected)' };
}

/** Value that (2.7) as printed would give: 2π times the corrected one. */
export const PRINTED_27_FACTOR = 2 * Math.PI;

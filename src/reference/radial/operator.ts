// The conservative, entropic finite-volume operator of the radial Landau–Coulomb equation
//     ∂t f = r⁻² ∂r( r² J ),   J = λ1 f′ − a′ f        (docs/mathematics.md §2)
// on a RadialGrid. V_i df_i/dt = Φ_{i+1} − Φ_i with the face fluxes Φ_k ≈ ρ_k² J(ρ_k), Φ_0 = Φ_N = 0.
//
// ── Derivation (why mass AND energy are conserved exactly) ────────────────────────────────────
// Continuous identity. d/dt ∫ f r⁴ dr = −2 ∫ r³ (λ1 f′ − a′ f) dr. With (r³λ1)′ = r² ∫_r^∞ f s ds and
// −r² a′ = ∫₀^r f s² ds, integrating the first term by parts gives
//     ∫ r³ λ1 f′ dr = −∫∫_{s>r} f(r) f(s) r² s,   −∫ r³ a′ f dr = ∫∫_{s<r} f(r) f(s) r s²,
// which cancel (swap r ↔ s): the moments of f defining λ1 and a′ are tied together. The discrete
// scheme below keeps exactly this structure.
// Continuous structure, symmetric form. Let α(r, s) = ⅓ min(r,s)²/max(r,s) (symmetric, ≥ 0). Then
//     r² λ1(r) = ∫ α(r,s) f(s) s² ds,     m2(r) := ∫₀^r f s² ds = −r² a′(r) = −r ∫ α(r,s) s f′(s) ds
// (the second by parts), and with u = r²/2, D = ∂_u (so s f′(s) = s² f D log f):
//     r² J(r) = r ∫ α(r,s) s² f(r) f(s) [ D log f(r) − D log f(s) ] ds,
// the radial form of the symmetric Landau flux. Energy: d/dt ∫ f r⁴ = −2 ∫ r·r²J dr is a double
// integral of a symmetric weight α r² s² f f times an antisymmetric bracket, hence 0; entropy:
// dH/dt = −½ ∫∫ α r² s² f f [D log f(r) − D log f(s)]² ≤ 0; Maxwellians (D log f ≡ const) are steady.
//
// Discrete structure. On interior faces k = 1..N−1 take F_k = L(f_{k−1}, f_k) (logarithmic mean),
// D_k = (ln f_k − ln f_{k−1})/Δu_k, Δu_k = (e_k − e_{k−1})/2 with e_i = ⟨r²⟩_i, so that
// F_k D_k Δu_k = f_k − f_{k−1} =: X_k exactly, and define
//     Φ_k = (1/Δu_k) Σ_{l=1}^{N−1} S_kl F_k F_l (D_k − D_l),   S_kl = ρ_k ρ_l α(ρ_k, ρ_l) Δu_k Δu_l = S_lk ≥ 0.
//   • mass   Σ V_i df_i/dt = Σ_i (Φ_{i+1} − Φ_i) = Φ_N − Φ_0 = 0;
//   • energy Σ e_i V_i df_i/dt = −Σ_k Φ_k (e_k − e_{k−1}) = −2 Σ_k Δu_k Φ_k = −2 Σ_kl S_kl F_k F_l (D_k − D_l) = 0,
//     because the summand is antisymmetric in (k, l) — the discrete energy 4π Σ f_i e_i V_i is an exact
//     linear invariant of the semi-discrete system, for every f > 0;
//   • entropy Σ V_i (ln f_i) df_i/dt = −Σ_k Δu_k D_k Φ_k = −½ Σ_kl S_kl F_k F_l (D_k − D_l)² ≤ 0;
//   • the discrete Maxwellians f_i = c·exp(−e_i/(2T)) have D_k ≡ −1/T, hence Φ ≡ 0 exactly
//     (this is why f_i is the value at r̂_i = √e_i: sampled Maxwellians are exact equilibria);
//   • positivity: as f_i → 0⁺ (neighbours > 0), F_i, F_{i+1} → 0 and the fluxes tend to
//     Λ_{i+1} f_{i+1}/Δu_{i+1} > 0 and −Λ_i f_{i−1}/Δu_i < 0, so df_i/dt > 0.
// O(N) evaluation. ρ_k ρ_l α(ρ_k, ρ_l) = ⅓ρ_l³ for l < k and ⅓ρ_k³ for l ≥ k, so
//     Φ_k = Λ_k X_k / Δu_k − F_k Q_k,
//     Λ_k = ⅓[ Σ_{l<k} ρ_l³ Δu_l F_l + ρ_k³ Σ_{l≥k} Δu_l F_l ]        ≈ ρ_k³ λ1(ρ_k),
//     Q_k = ⅓[ Σ_{l≤k} ρ_l³ X_l + ρ_k³ Σ_{l>k} X_l ].
// Summation by parts with ρ_0 = 0 and 3V_i = ρ_{i+1}³ − ρ_i³ turns Q into a cell moment of f:
//     Σ_{l=1}^{k} ρ_l³ (f_l − f_{l−1}) = ρ_k³ f_k − 3 m_k,  Σ_{l=k+1}^{N−1} X_l = f_{N−1} − f_k,
//     m_k := Σ_{i<k} V_i f_i  (≈ ∫₀^{ρ_k} f s² ds = −ρ_k² a′(ρ_k)),
// so −Q_k = m_k − ρ_k³ f_{N−1}/3 =: M̃_k and
//     Φ_k = Λ_k (f_k − f_{k−1})/Δu_k + F_k M̃_k.
// That is the discrete λ1 and a′ are moments of the discrete f — Λ from the face moments
// Σ ρ_l³ Δu_l F_l and Σ Δu_l F_l (quadratures of ∫ s⁴ f ds and ∫ s f ds), a′ from the cell moments
// Σ V_i f_i — and the summation-by-parts identity above is the discrete form of the continuous
// identity relating λ1 and a′ through the moments of f, so the energy identity holds on the grid.
// The term ρ_k³ f_{N−1}/3 comes from truncating at R (its continuous counterpart is the boundary term
// at r = R of the integration by parts, ∝ f(R)); for Maxwellian tails on R = 10 it is ~1e-22
// relative, but it is kept so that the identity is exact.
// All quantities are second-order approximations: quadratures in u with nodes at the faces, face
// values by the logarithmic mean, and the difference quotient X_k/Δu_k of ∂_u f.

import type { RadialGrid } from './grid.js';
import { logMean, logMeanWithDerivatives } from './log-mean.js';

/** Face and cell quantities of the operator at one state f; arrays over faces have length N+1. */
export class RadialOperator {
  readonly grid: RadialGrid;
  /** F_k = L(f_{k−1}, f_k) on interior faces. */
  readonly faceValue: Float64Array;
  /** ∂F_k/∂f_{k−1} and ∂F_k/∂f_k (filled by evaluate(f, true)). */
  readonly dFaceLeft: Float64Array;
  readonly dFaceRight: Float64Array;
  /** m_k = Σ_{i<k} V_i f_i, k = 0..N (m_N = total mass / 4π). */
  readonly innerMass: Float64Array;
  /** S_k = Σ_{1≤l<k} ρ_l³ Δu_l F_l. */
  readonly innerFourth: Float64Array;
  /** T_k = Σ_{k≤l≤N−1} Δu_l F_l. */
  readonly outerFirst: Float64Array;
  /** Λ_k = (S_k + ρ_k³ T_k)/3 ≈ ρ_k³ λ1(ρ_k). */
  readonly lambdaR3: Float64Array;
  /** M̃_k = m_k − ρ_k³ f_{N−1}/3. */
  readonly drift: Float64Array;
  /** Φ_k (Φ_0 = Φ_N = 0). */
  readonly flux: Float64Array;
  private readonly lm = new Float64Array(3);

  constructor(grid: RadialGrid) {
    this.grid = grid;
    const n = grid.N + 1;
    this.faceValue = new Float64Array(n);
    this.dFaceLeft = new Float64Array(n);
    this.dFaceRight = new Float64Array(n);
    this.innerMass = new Float64Array(n);
    this.innerFourth = new Float64Array(n);
    this.outerFirst = new Float64Array(n);
    this.lambdaR3 = new Float64Array(n);
    this.drift = new Float64Array(n);
    this.flux = new Float64Array(n);
  }

  /** Fills every face quantity and the fluxes for the state f (> 0); with derivatives, also ∂F. */
  evaluate(f: Float64Array, derivatives = false): void {
    const { N, volume: V, faces3: r3, du } = this.grid;
    const F = this.faceValue;
    if (derivatives) {
      const lm = this.lm;
      for (let k = 1; k < N; k++) {
        logMeanWithDerivatives(f[k - 1]!, f[k]!, lm);
        F[k] = lm[0]!;
        this.dFaceLeft[k] = lm[1]!;
        this.dFaceRight[k] = lm[2]!;
      }
    } else {
      for (let k = 1; k < N; k++) F[k] = logMean(f[k - 1]!, f[k]!);
    }
    const m = this.innerMass;
    m[0] = 0;
    for (let k = 1; k <= N; k++) m[k] = m[k - 1]! + V[k - 1]! * f[k - 1]!;
    const S = this.innerFourth;
    S[0] = 0;
    S[1] = 0;
    for (let k = 2; k < N; k++) S[k] = S[k - 1]! + r3[k - 1]! * du[k - 1]! * F[k - 1]!;
    const T = this.outerFirst;
    T[N] = 0;
    for (let k = N - 1; k >= 1; k--) T[k] = T[k + 1]! + du[k]! * F[k]!;
    T[0] = 0;
    const last = f[N - 1]! / 3;
    const Phi = this.flux;
    Phi[0] = 0;
    Phi[N] = 0;
    for (let k = 1; k < N; k++) {
      const lam = (S[k]! + r3[k]! * T[k]!) / 3;
      const mt = m[k]! - r3[k]! * last;
      this.lambdaR3[k] = lam;
      this.drift[k] = mt;
      Phi[k] = (lam * (f[k]! - f[k - 1]!)) / du[k]! + F[k]! * mt;
    }
  }

  /** out_i = Φ_{i+1} − Φ_i = V_i df_i/dt at the state last evaluated. */
  rateFromFluxes(out: Float64Array): Float64Array {
    const N = this.grid.N;
    const Phi = this.flux;
    for (let i = 0; i < N; i++) out[i] = Phi[i + 1]! - Phi[i]!;
    return out;
  }

  /** V_i df_i/dt for the state f. */
  rate(f: Float64Array, out: Float64Array = new Float64Array(this.grid.N)): Float64Array {
    this.evaluate(f);
    return this.rateFromFluxes(out);
  }

  /** −dH/dt/4π = Σ_k Φ_k (ln f_k − ln f_{k−1}) ≥ 0 at the state last evaluated (f passed again). */
  entropyDissipation(f: Float64Array): number {
    const N = this.grid.N;
    let s = 0;
    for (let k = 1; k < N; k++) s += this.flux[k]! * Math.log(f[k]! / f[k - 1]!);
    return s;
  }
}

// Coercivity quantities along a blow-down run ([GW24]), at every output, on the ball |v| ≤ R_w:
//  - far field, Lemma 2.4: R(g) = −(L_M g, g)_M / D_M(P⊥g) for g = F − M_eq;
//  - near field, Lemma 3.1: (L_E h, h)_μ ≤ 0 for h = F − M − E, with L_E linearised at the explicit
//    profile E = m M_T (a Maxwellian, so the discrete L_E is the exact derivative of the discrete Q);
//  - Lemma 3.3: ∫Q(M,h)hμ⁻¹ ≤ −c∫|∇h|²⟨v⟩⁻³μ⁻¹ − ½∫∂tμ⁻¹h² + C‖h‖²_μ, recorded term by term with c the
//    pointwise constant of A[M] on the grid, and the smallest C for which it holds at that output.
// g and h are cut off to balls (zero outside): |v| ≤ R_w for g, |v| ≤ min(R_w, 3√T) for h. The
// weights grow like Gaussians (μ_T⁻¹ = T^{−3/2}e^{|v|²/2T} is e^{80} at |v| = 4 for T = 0.1, where
// h = F − M − E holds the far-field part of the solution); and with the perturbation supported in
// the ball, the sums over the ball are the whole inner products of the discrete operators, for
// which (L g, g) ≤ 0 holds exactly (the discrete L_R is self-adjoint and non-positive in L²_R).
import type { Grid } from '../../core/grid/grid.js';
import { C0, lambdaRadial, maxwellian } from '../../core/math/closed-forms.js';
import type { LandauOperator } from '../../backends/landau-operator.js';
import { blowdownEquilibrium, explicitProfile } from '../../scenarios/blowdown-profile.js';
import { linearised } from './linearised.js';
import { WeightedSpace } from './weighted-space.js';

export interface BlowdownCoercivityParams {
  delta: number;
  alpha: number;
  /** Radius of the ball of the weighted sums. */
  rw: number;
}

export interface Lemma33Terms {
  /** ∫ Q(M,h) h μ⁻¹ */
  lhs: number;
  /** ∫ |∇h|² ⟨v⟩⁻³ μ⁻¹ */
  gradient: number;
  /** −½ ∫ ∂t(μ⁻¹) h² = (c0/2) ∫ (3/T + |v|²/T²) h² μ⁻¹ */
  time_weight: number;
  /** ‖h‖²_μ */
  h_norm2: number;
  /** the constant c of ⟨A[M]e,e⟩ ≥ c|e|²⟨v⟩⁻³ used */
  c: number;
  /** smallest C with lhs ≤ −c·gradient + time_weight + C‖h‖²_μ (null when h = 0) */
  C_needed: number | null;
}

export interface BlowdownCoercivity {
  rayleigh_LM: number | null;
  /** radius of the near-field ball and the cells in it (none when h > 3√T: the grid does not resolve the near field) */
  near_radius: number;
  near_cells: number;
  /** (L_E h, h)_μ, and the same divided by ‖L_E h‖_μ‖h‖_μ (null when h is round-off) */
  LE_form: number;
  LE_form_rel: number | null;
  lemma33: Lemma33Terms;
}

/** Below this max|h| / max F the near-field perturbation is f32 round-off (t = 0: h = 0 exactly). */
const ROUND_OFF = 1e-6;
/** Floor of the explicit profile E where it serves as the reference of L_E: above f32's smallest normal, so the WGSL path holds it too. */
const PROFILE_FLOOR = 1e-37;

/** min over the grid cells of λ1(|v|)⟨v⟩³ from the closed forms (λ1 ≤ λ2 is the smallest eigenvalue of A[M]). */
export function maxwellianLowerConstant(grid: Grid): number {
  let c = Infinity;
  for (let c3 = 0; c3 < grid.cells; c3++) {
    const v2 = grid.speed2(c3);
    c = Math.min(c, lambdaRadial(Math.sqrt(v2)) * (1 + v2) ** 1.5);
  }
  return c;
}

export function blowdownCoercivity(op: LandauOperator, p: BlowdownCoercivityParams): (t: number, state: Float64Array) => Promise<BlowdownCoercivity> {
  const grid = op.grid;
  const m = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
  const eq = blowdownEquilibrium(p);
  const mEq = grid.sample((x, y, z) => eq.mass * maxwellian(x * x + y * y + z * z, eq.temperature));
  const farField = new WeightedSpace(grid, m, p.rw);
  const c = maxwellianLowerConstant(grid);
  return async (t, state) => {
    const g = farField.restrict(state.map((f, i) => f - mEq[i]!));
    const lg = await linearised(op, m, g);
    const dissipation = farField.dissipation(farField.projectOffKernel(g));
    const e = explicitProfile(t, p);
    const T = e.temperature;
    // E underflows to 0 in the corners of the box for small T (e^{−|v|²/2T}, T ≲ 0.07 at L = 6), which made
    // L_E NaN; as the reference of L_E its logarithm must stay finite, so it is floored far below anything that counts.
    const profile = grid.sample((x, y, z) => Math.max(e.mass * maxwellian(x * x + y * y + z * z, T), PROFILE_FLOOR));
    const mu = grid.sample((x, y, z) => T ** 1.5 * Math.exp(-(x * x + y * y + z * z) / (2 * T)));
    const nearRadius = Math.min(p.rw, 3 * Math.sqrt(T));
    const nearField = new WeightedSpace(grid, mu, nearRadius);
    const h = nearField.restrict(state.map((f, i) => f - m[i]! - profile[i]!));
    let hMax = 0;
    let fMax = 0;
    for (const c of nearField.cells) {
      hMax = Math.max(hMax, Math.abs(h[c]!));
      fMax = Math.max(fMax, state[c]!);
    }
    const resolved = hMax > ROUND_OFF * fMax;
    const le = await linearised(op, profile, h);
    const qmh = await op.bilinear(m, h, m);
    const hNorm2 = nearField.inner(h, h);
    const lemma33: Lemma33Terms = {
      lhs: nearField.inner(qmh, h),
      gradient: nearField.gradientTerm(h),
      time_weight: 0.5 * C0 * nearField.integrate(h, (v2, hc) => (3 / T + v2 / (T * T)) * hc * hc),
      h_norm2: hNorm2,
      c,
      C_needed: null,
    };
    if (resolved) lemma33.C_needed = (lemma33.lhs + c * lemma33.gradient - lemma33.time_weight) / hNorm2;
    return {
      rayleigh_LM: dissipation > 0 ? -farField.inner(lg, g) / dissipation : null,
      near_radius: nearRadius,
      near_cells: nearField.cells.length,
      LE_form: nearField.inner(le, h),
      LE_form_rel: resolved ? nearField.inner(le, h) / (nearField.norm(le) * Math.sqrt(hNorm2)) : null,
      lemma33,
    };
  };
}

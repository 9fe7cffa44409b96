// Exact initial rates of the second moments for sums of Gaussians, the reference of the exact-rate
// tests. By the weak form of Q (φ = v_k v_l, K = Π/(8π|z|)),
//   d/dt ∫ v_k v_l F = 2Λ ∫∫ F(v) F(w) (δ_kl |z|² − 3 z_k z_l)/|z|³ dv dw,   z = v − w, Λ = 1/(8π).
// For F = Σ_i m_i N(u_i, Σ_i) the pair (i, j) contributes m_i m_j E[h(z)] with z ~ N(u_i − u_j,
// Σ_i + Σ_j) and h(z) = (δ_kl − 3 ẑ_k ẑ_l)/|z|. For a law axisymmetric about a unit vector e (mean
// along e, covariance T⊥ I + (T∥ − T⊥) e eᵀ) the expectation is I∥ e eᵀ + I⊥ (I − e eᵀ) with
//   I∥ = E[(1 − 3 cos²θ)/r],  I⊥ = E[(1 − (3/2) sin²θ)/r] = −I∥/2   (θ the angle to e),
// a 2D integral over (r, cos θ), done here by composite Gauss–Legendre rules.
// For the bi-Maxwellian this is the classical (Trubnikov / NRL) temperature-isotropization rate.

export const LANDAU_LAMBDA = 1 / (8 * Math.PI);

export interface AxisymmetricGaussian {
  /** Unit axis e. */
  axis: [number, number, number];
  /** Mean μ e along the axis. */
  shift: number;
  tPar: number;
  tPerp: number;
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n). */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = t;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * t * p1 - (k - 1) * p0) / k];
      const dp = (n * (t * p1 - p0)) / (t * t - 1);
      const dt = p1 / dp;
      t -= dt;
      if (Math.abs(dt) < 1e-16) {
        x[i] = t;
        w[i] = 2 / ((1 - t * t) * dp * dp);
        break;
      }
    }
  }
  return { x, w };
}

const RULE = gaussLegendre(32);

/** ∫_a^b g by `panels` panels of the 32-point rule. */
function integrate(g: (s: number) => number, a: number, b: number, panels: number): number {
  let sum = 0;
  const width = (b - a) / panels;
  for (let p = 0; p < panels; p++) {
    const mid = a + (p + 0.5) * width;
    for (let i = 0; i < RULE.x.length; i++) sum += RULE.w[i]! * g(mid + 0.5 * width * RULE.x[i]!);
  }
  return 0.5 * width * sum;
}

/** I∥ = E[(1 − 3cos²θ)/|z|] for the axisymmetric Gaussian z. */
export function axialExpectation(z: AxisymmetricGaussian): number {
  const { shift: mu, tPar, tPerp } = z;
  const norm = Math.pow(2 * Math.PI, -1.5) / (tPerp * Math.sqrt(tPar));
  const rMax = Math.abs(mu) + 14 * Math.sqrt(Math.max(tPar, tPerp));
  // In r: r² dr from the volume, 1/r from h; in c = cos θ: the Gaussian along and across e.
  const radial = (r: number) =>
    2 * Math.PI * r * integrate((c) => norm * Math.exp(-((r * c - mu) ** 2) / (2 * tPar) - (r * r * (1 - c * c)) / (2 * tPerp)) * (1 - 3 * c * c), -1, 1, 8);
  return integrate(radial, 0, rMax, 24);
}

/** The 3×3 tensor E[(δ_kl − 3ẑ_kẑ_l)/|z|] of an axisymmetric Gaussian. */
export function pairTensor(z: AxisymmetricGaussian): number[][] {
  const par = axialExpectation(z);
  const perp = -par / 2;
  const e = z.axis;
  return [0, 1, 2].map((k) => [0, 1, 2].map((l) => perp * (k === l ? 1 : 0) + (par - perp) * e[k]! * e[l]!));
}

/** d/dt ∫ v⊗v F for F = Σ pairs given as (weight m_i m_j counted over ordered pairs, law of z). */
export function secondMomentRate(pairs: { weight: number; z: AxisymmetricGaussian }[]): number[][] {
  const out = [0, 1, 2].map(() => [0, 0, 0]);
  for (const { weight, z } of pairs) {
    const t = pairTensor(z);
    for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) out[k]![l]! += 2 * LANDAU_LAMBDA * weight * t[k]![l]!;
  }
  return out;
}

// The linearised Boltzmann operator L_ε ψ of (2.3)/(3.4) and the linearised Landau operator at
// points v₁, in f64, on one shared quadrature in v₂ so that their difference is resolved (which is
// why both live in this one file of over 300 lines).
//
// L_ε ψ(v₁) = ∫ dv₂ M(v₂) |v₁ − v₂| ∫_{S¹_η} dη⊥ ∫₀¹ ρ dρ [ψ(v₁′) + ψ(v₂′) − ψ(v₁) − ψ(v₂)]   (3.4)
// (no factor ½: that is (1.2)/(2.3); which normalisation is right is decided numerically in
// convergence.ts). With w = |v₁ − v₂|, η = (v₁ − v₂)/w, c = (v₁ + v₂)/2 and F(n) = ψ(c + (w/2) n)
// on the collision sphere, v₁′ = c + (w/2) n(θ, α) and v₂′ = c − (w/2) n(θ, α), n at angle θ from η.
// Expanding the zonal (η⊥-averaged) part of F in Legendre polynomials, F ≈ Σ ã_l P_l(n·η),
//   ∫ dη⊥ [ … ] = 4π Σ_{l even} ã_l (P_l(cos θ) − 1),
// and the ρ integral only involves the cross-section moments m_l(κ) of cross-section.ts:
//   ∫ dη⊥ ∫ ρ dρ [ … ] = 4π Σ_{l even ≥ 2} ã_l m_l(κ),   κ = 2ε/w².
// The ã_l depend on ψ and v₁, v₂ only, the m_l on ε, φ and w only: ψ is sampled once per point and
// every ε, potential and s reuses the samples. The O(θ²) smallness of the bracket lives in m_l,
// computed without cancellation, so nothing is lost to round-off however small ε is.
//
// Landau side: K₀ψ(v₁) = (1/M(v₁)) ∇·∫ P⊥/|v₁ − v₂| (∇ψ(v₁) − ∇ψ(v₂)) M(v₁)M(v₂) dv₂, i.e. (1.3)
// WITHOUT its 2π, evaluated in the expanded form of Step 3 of the proof of Theorem 2.2,
//   K₀ψ(v₁) = ∫ [4η·(∇ψ(v₂) − ∇ψ(v₁))/w² + P⊥ : (∇²ψ(v₁) + ∇²ψ(v₂))/w] M(v₂) dv₂
//           = ∫ 4 Δ_S h(η)/w³ M(v₂) dv₂,   h(n) = F(n) + F(−n),
// (Δ_S the Laplacian on the unit sphere), from exact ∇ψ, ∇²ψ; the same integral from the Legendre
// coefficients, Δ_S h(η) = −2 Σ l(l+1) ã_l, is kept as a check of the sphere sampling.

import { maxwellian } from '../../core/math/closed-forms.js';
import { compositeRule, gaussLegendre, geometricBreaks, joinBreaks, uniformBreaks, type Rule } from './quadrature.js';
import { angularMoments } from './cross-section.js';
import { powerPotential, type RadialPotential } from './potentials.js';
import { deflectionAngle } from './scattering.js';
import type { TestFunction } from './test-functions.js';
import { drain } from '../../core/interrupt/interruptible-work.js';

export type Vec3 = readonly [number, number, number];

/** The unit Maxwellian at a point (src/core/math/closed-forms.ts). */
export function maxwellianAt(x: number, y: number, z: number): number {
  return maxwellian(x * x + y * y + z * z);
}

export interface OperatorQuadrature {
  /** smallest |v₁ − v₂| resolved (both integrands vanish on average over directions as w → 0) */
  wMin: number;
  /** ratio and Gauss nodes of the geometric w panels on [wMin, 1] (the ε → 0 transition sits at w ~ √ε) */
  wRatio: number;
  wNodesGeometric: number;
  /** width and Gauss nodes of the w panels on [1, max|v₁| + wTail] */
  wWidth: number;
  wNodesUniform: number;
  wTail: number;
  /** Gauss nodes in cos of the angle between v₁ − v₂ and v₁, trapezoid points around v₁ */
  nPolar: number;
  nAzimuth: number;
  /** Gauss nodes in n·η and trapezoid points in η⊥ for the Legendre analysis of ψ on collision spheres */
  nZonal: number;
  nCircle: number;
  /** highest Legendre degree kept (even) */
  lmax: number;
  /** Gauss nodes per ρ panel in the cross-section moments */
  rhoNodes: number;
}

export const QUADRATURES: Readonly<Record<'fast' | 'default' | 'fine', OperatorQuadrature>> = {
  fast: { wMin: 1e-4, wRatio: 2.5, wNodesGeometric: 6, wWidth: 1.5, wNodesUniform: 8, wTail: 8.5, nPolar: 16, nAzimuth: 12, nZonal: 20, nCircle: 16, lmax: 16, rhoNodes: 8 },
  default: { wMin: 1e-5, wRatio: 2, wNodesGeometric: 6, wWidth: 1, wNodesUniform: 8, wTail: 9, nPolar: 24, nAzimuth: 16, nZonal: 32, nCircle: 24, lmax: 24, rhoNodes: 8 },
  fine: { wMin: 1e-6, wRatio: 1.6, wNodesGeometric: 8, wWidth: 0.75, wNodesUniform: 10, wTail: 9.5, nPolar: 32, nAzimuth: 24, nZonal: 40, nCircle: 32, lmax: 32, rhoNodes: 10 },
};

/** Points v₁ where the operators are compared (the L^∞ norms are maxima over them). */
export const DEFAULT_POINTS: readonly Vec3[] = [
  [0, 0, 0],
  [0.6, 0, 0],
  [1.2, -0.4, 0.3],
  [-0.5, 1.1, -0.7],
  [0.3, 0.2, 1.8],
  [-1.6, -0.9, 0.5],
];

export interface PointData {
  v1: Vec3;
  /** B[iw·(lmax+1) + l] = Σ_directions weight · M(v₂) · w · 4π ã_l  (even l ≥ 2; zero otherwise) */
  B: Float64Array;
  /** K₀ψ(v₁) from exact derivatives of ψ */
  landau: number;
  /** K₀ψ(v₁) from the Legendre coefficients (quadrature check) */
  landauLegendre: number;
}

export interface OperatorData {
  quadrature: OperatorQuadrature;
  psi: TestFunction;
  /** radial nodes w and weights (without the w² of the volume element) */
  radial: Rule;
  points: PointData[];
}

export function radialRule(q: OperatorQuadrature, wMax: number): Rule {
  const geo = compositeRule(geometricBreaks(q.wMin, 1, q.wRatio), q.wNodesGeometric);
  const uni = compositeRule(uniformBreaks(1, wMax, q.wWidth), q.wNodesUniform);
  const x = new Float64Array(geo.x.length + uni.x.length);
  const w = new Float64Array(x.length);
  x.set(geo.x);
  x.set(uni.x, geo.x.length);
  w.set(geo.w);
  w.set(uni.w, geo.w.length);
  return { x, w };
}

/** Orthonormal e2, e3 completing the unit vector n. */
function completeFrame(n: Vec3): [Vec3, Vec3] {
  const a: Vec3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const d = a[0] * n[0] + a[1] * n[1] + a[2] * n[2];
  let e2: [number, number, number] = [a[0] - d * n[0], a[1] - d * n[1], a[2] - d * n[2]];
  const norm = Math.hypot(e2[0], e2[1], e2[2]);
  e2 = [e2[0] / norm, e2[1] / norm, e2[2] / norm];
  const e3: Vec3 = [n[1] * e2[2] - n[2] * e2[1], n[2] * e2[0] - n[0] * e2[2], n[0] * e2[1] - n[1] * e2[0]];
  return [e2, e3];
}

/** Samples ψ on the collision spheres around every point (the expensive, ε-independent part). */
export function prepareOperatorData(psi: TestFunction, points: readonly Vec3[], q: OperatorQuadrature): OperatorData {
  return drain(operatorDataSteps(psi, points, q));
}

/** prepareOperatorData, yielding after every radial node of every point (for a signal to stop it between them). */
export function* operatorDataSteps(psi: TestFunction, points: readonly Vec3[], q: OperatorQuadrature): Generator<void, OperatorData> {
  if (q.lmax % 2 !== 0 || q.lmax < 2) throw new RangeError(`lmax must be even and ≥ 2, got ${q.lmax}`);
  const wMax = Math.max(...points.map((p) => Math.hypot(p[0], p[1], p[2]))) + q.wTail;
  const radial = radialRule(q, wMax);
  const L = q.lmax;
  const polar = gaussLegendre(q.nPolar);
  const zonal = gaussLegendre(q.nZonal);
  // coef[l][i] = (2l+1)/2 · W_i · P_l(x_i): ã_l = Σ_i coef[l][i] Z(x_i)
  const coef: Float64Array[] = [];
  for (let l = 0; l <= L; l++) coef.push(new Float64Array(q.nZonal));
  for (let i = 0; i < q.nZonal; i++) {
    const x = zonal.x[i];
    let p0 = 1;
    let p1 = x;
    coef[0][i] = 0.5 * zonal.w[i];
    if (L >= 1) coef[1][i] = 1.5 * zonal.w[i] * x;
    for (let l = 1; l < L; l++) {
      const p2 = ((2 * l + 1) * x * p1 - l * p0) / (l + 1);
      p0 = p1;
      p1 = p2;
      coef[l + 1][i] = ((2 * (l + 1) + 1) / 2) * zonal.w[i] * p2;
    }
  }
  const sq = zonal.x.map((x) => Math.sqrt(1 - x * x));
  const ca = new Float64Array(q.nCircle);
  const sa = new Float64Array(q.nCircle);
  for (let m = 0; m < q.nCircle; m++) {
    ca[m] = Math.cos((2 * Math.PI * (m + 0.5)) / q.nCircle);
    sa[m] = Math.sin((2 * Math.PI * (m + 0.5)) / q.nCircle);
  }
  const Z = new Float64Array(q.nZonal);
  const g1 = new Float64Array(3);
  const h1 = new Float64Array(9);
  const g2 = new Float64Array(3);
  const h2 = new Float64Array(9);

  const out: PointData[] = [];
  for (const v1 of points) {
    const r1 = Math.hypot(v1[0], v1[1], v1[2]);
    const axis: Vec3 = r1 > 0 ? [v1[0] / r1, v1[1] / r1, v1[2] / r1] : [0, 0, 1];
    const [ax, ay] = completeFrame(axis);
    psi.gradient(v1[0], v1[1], v1[2], g1);
    psi.hessian(v1[0], v1[1], v1[2], h1);
    const B = new Float64Array(radial.x.length * (L + 1));
    let landau = 0;
    for (let iw = 0; iw < radial.x.length; iw++) {
      const w = radial.x[iw];
      const R = 0.5 * w;
      const base = iw * (L + 1);
      for (let ig = 0; ig < q.nPolar; ig++) {
        const cg = polar.x[ig];
        const sg = Math.sqrt(1 - cg * cg);
        for (let ib = 0; ib < q.nAzimuth; ib++) {
          const beta = (2 * Math.PI * (ib + 0.5)) / q.nAzimuth;
          const cb = Math.cos(beta) * sg;
          const sb = Math.sin(beta) * sg;
          const eta: Vec3 = [cg * axis[0] + cb * ax[0] + sb * ay[0], cg * axis[1] + cb * ax[1] + sb * ay[1], cg * axis[2] + cb * ax[2] + sb * ay[2]];
          const v2: Vec3 = [v1[0] - w * eta[0], v1[1] - w * eta[1], v1[2] - w * eta[2]];
          const m2 = maxwellianAt(v2[0], v2[1], v2[2]);
          if (m2 === 0) continue;
          const weight = radial.w[iw] * w * w * polar.w[ig] * ((2 * Math.PI) / q.nAzimuth) * m2;
          const c: Vec3 = [v1[0] - R * eta[0], v1[1] - R * eta[1], v1[2] - R * eta[2]];
          const [e2, e3] = completeFrame(eta);
          // zonal averages of F(n) = ψ(c + R n) at n·η = x_i
          for (let i = 0; i < q.nZonal; i++) {
            const px = c[0] + R * zonal.x[i] * eta[0];
            const py = c[1] + R * zonal.x[i] * eta[1];
            const pz = c[2] + R * zonal.x[i] * eta[2];
            const rs = R * sq[i];
            let acc = 0;
            for (let m = 0; m < q.nCircle; m++) {
              const u = rs * ca[m];
              const v = rs * sa[m];
              acc += psi.value(px + u * e2[0] + v * e3[0], py + u * e2[1] + v * e3[1], pz + u * e2[2] + v * e3[2]);
            }
            Z[i] = acc / q.nCircle;
          }
          const scale = weight * w * 4 * Math.PI;
          // Round-off in ψ puts a floor of ~(2l+1)·1e−16·|ψ| under every ã_l; on small spheres the true
          // ã_l ∝ (w/2)^l drop below it from some l on. Coefficients under 64× that floor are dropped, since
          // the Landau check weighs them by l(l+1)/w⁴ and would otherwise be noise-dominated.
          let zmax = 0;
          for (let i = 0; i < q.nZonal; i++) zmax = Math.max(zmax, Math.abs(Z[i]));
          for (let l = 2; l <= L; l += 2) {
            const cl = coef[l];
            let a = 0;
            for (let i = 0; i < q.nZonal; i++) a += cl[i] * Z[i];
            if (Math.abs(a) < 64 * (2 * l + 1) * 2.2e-16 * zmax) continue;
            B[base + l] += scale * a;
          }
          // Landau integrand 4 Δ_S h(η)/w³ with Δ_S h(η) = (w²/4) P⊥:(H₁ + H₂) + w η·(∇ψ₂ − ∇ψ₁)
          psi.gradient(v2[0], v2[1], v2[2], g2);
          psi.hessian(v2[0], v2[1], v2[2], h2);
          let trace = 0;
          let quad = 0;
          for (let a = 0; a < 3; a++) {
            trace += h1[4 * a] + h2[4 * a];
            for (let b = 0; b < 3; b++) quad += eta[a] * (h1[3 * a + b] + h2[3 * a + b]) * eta[b];
          }
          const drift = eta[0] * (g2[0] - g1[0]) + eta[1] * (g2[1] - g1[1]) + eta[2] * (g2[2] - g1[2]);
          const laplaceS = R * R * (trace - quad) + w * drift;
          landau += (weight * 4 * laplaceS) / (w * w * w);
        }
      }
      yield;
    }
    // [0, wMin] is left out: there Δ_S h(η) = (w²/2) tr∇²ψ₁ − (3/2) w² η·∇²ψ₁η + O(w³) averages to
    // zero over directions, so the omitted piece is O(wMin³)·‖∇³ψ‖ (and O(wMin⁶) for L_ε).
    let landauLegendre = 0;
    for (let iw = 0; iw < radial.x.length; iw++) {
      const w = radial.x[iw];
      for (let l = 2; l <= L; l += 2) landauLegendre += (B[iw * (L + 1) + l] * (-2 * l * (l + 1))) / (Math.PI * w * w * w * w);
    }
    out.push({ v1, B, landau, landauLegendre });
  }
  return { quadrature: q, psi, radial, points: out };
}

/** m_l(2ε/w²) at every radial node: the ε- and φ-dependent part of L_ε. */
export function momentTable(p: RadialPotential, eps: number, data: OperatorData): Float64Array[] {
  const { lmax, rhoNodes } = data.quadrature;
  return Array.from(data.radial.x, (w) => angularMoments(p, (2 * eps) / (w * w), lmax, rhoNodes));
}

/**
 * Moments of the limit potential f(0)/r^s (s > 1) at coupling 1: by scale invariance
 * m_l(κ) = κ^{2/s} m_l(1), so one evaluation serves every w. This is the non-cutoff operator
 * L_∞ = lim ε^{−2/s} L_ε of Theorem 2.4.
 */
export function nonCutoffMomentTable(s: number, f0: number, data: OperatorData): Float64Array[] {
  const { lmax, rhoNodes } = data.quadrature;
  const unit = angularMoments(powerPotential(s, f0), 1, lmax, rhoNodes);
  return Array.from(data.radial.x, (w) => unit.map((m) => m * Math.pow(2 / (w * w), 2 / s)));
}

/** Σ_w Σ_l B m_l: the operator at every point for one moment table. */
export function applyMoments(data: OperatorData, table: Float64Array[]): number[] {
  const L = data.quadrature.lmax;
  return data.points.map((pt) => {
    let sum = 0;
    for (let iw = 0; iw < table.length; iw++) {
      const m = table[iw];
      for (let l = 2; l <= L; l += 2) sum += pt.B[iw * (L + 1) + l] * m[l];
    }
    return sum;
  });
}

/** L_ε ψ at every point of data. */
export function linearizedBoltzmann(p: RadialPotential, eps: number, data: OperatorData): number[] {
  return applyMoments(data, momentTable(p, eps, data));
}

/** The geometry of a collision of v₁, v₂: relative speed w, its direction η completed to a frame
 *  (η, e₂, e₃), and the sphere of post-collisional velocities (centre c, radius R = w/2). */
function collisionFrame(v1: Vec3, v2: Vec3): { w: number; eta: Vec3; e2: Vec3; e3: Vec3; c: Vec3; R: number } {
  const V: Vec3 = [v1[0] - v2[0], v1[1] - v2[1], v1[2] - v2[2]];
  const w = Math.hypot(V[0], V[1], V[2]);
  const eta: Vec3 = [V[0] / w, V[1] / w, V[2] / w];
  const [e2, e3] = completeFrame(eta);
  const c: Vec3 = [(v1[0] + v2[0]) / 2, (v1[1] + v2[1]) / 2, (v1[2] + v2[2]) / 2];
  return { w, eta, e2, e3, c, R: w / 2 };
}

/**
 * The inner integral of (3.4) at one (v₁, v₂) by brute force: ρ by the moments' ρ rule, η⊥ by the
 * trapezoid rule, ψ evaluated at the post-collisional velocities. Used to check the Legendre route.
 */
export function collisionIntegralDirect(p: RadialPotential, psi: TestFunction, v1: Vec3, v2: Vec3, eps: number, nCircle = 64): number {
  const { w, eta, e2, e3, c, R } = collisionFrame(v1, v2);
  const kappa = (2 * eps) / (w * w);
  const before = psi.value(v1[0], v1[1], v1[2]) + psi.value(v2[0], v2[1], v2[2]);
  const bracket = (theta: number): number => {
    let acc = 0;
    for (let m = 0; m < nCircle; m++) {
      const al = (2 * Math.PI * (m + 0.5)) / nCircle;
      const n = [0, 1, 2].map((k) => Math.cos(theta) * eta[k] + Math.sin(theta) * (Math.cos(al) * e2[k] + Math.sin(al) * e3[k]));
      acc += psi.value(c[0] + R * n[0], c[1] + R * n[1], c[2] + R * n[2]) + psi.value(c[0] - R * n[0], c[1] - R * n[1], c[2] - R * n[2]) - before;
    }
    return (acc * 2 * Math.PI) / nCircle;
  };
  const rule = compositeRule(joinBreaks(geometricBreaks(1e-6, 0.5, 2), uniformBreaks(0.5, 1, 0.05)), 10);
  let sum = 0;
  for (let i = 0; i < rule.x.length; i++) {
    const rho = rule.x[i];
    sum += rule.w[i] * rho * bracket(deflectionAngle(p, rho, kappa));
  }
  return sum;
}

/** The same inner integral by the Legendre route: 4π Σ_{l even} ã_l m_l(κ). */
export function collisionIntegralLegendre(p: RadialPotential, psi: TestFunction, v1: Vec3, v2: Vec3, eps: number, nZonal = 40, nCircle = 48, lmax = 30): number {
  const { w, eta, e2, e3, c, R } = collisionFrame(v1, v2);
  const zonal = gaussLegendre(nZonal);
  const m = angularMoments(p, (2 * eps) / (w * w), lmax);
  let sum = 0;
  const Z = zonal.x.map((x) => {
    const s = Math.sqrt(1 - x * x);
    let acc = 0;
    for (let k = 0; k < nCircle; k++) {
      const al = (2 * Math.PI * (k + 0.5)) / nCircle;
      const n = [0, 1, 2].map((j) => x * eta[j] + s * (Math.cos(al) * e2[j] + Math.sin(al) * e3[j]));
      acc += psi.value(c[0] + R * n[0], c[1] + R * n[1], c[2] + R * n[2]);
    }
    return acc / nCircle;
  });
  for (let l = 2; l <= lmax; l += 2) {
    let a = 0;
    for (let i = 0; i < nZonal; i++) a += ((2 * l + 1) / 2) * zonal.w[i] * legendre(l, zonal.x[i]) * Z[i];
    sum += 4 * Math.PI * a * m[l];
  }
  return sum;
}

function legendre(l: number, x: number): number {
  let p0 = 1;
  let p1 = x;
  if (l === 0) return 1;
  for (let k = 1; k < l; k++) {
    const p2 = ((2 * k + 1) * x * p1 - k * p0) / (k + 1);
    p0 = p1;
    p1 = p2;
  }
  return p1;
}

/**
 * (1.3) without its 2π, in divergence form: (1/M(v₁)) ∇·J(v₁), J(v₁) = ∫ P⊥(z)/|z| (∇ψ(v₁) − ∇ψ(v₁ − z))
 * M(v₁) M(v₁ − z) dz, with the divergence by a fourth-order central difference of step h in v₁ (z fixed).
 * Independent of the expanded form used above; checks Step 3 of the proof of Theorem 2.2.
 */
export function landauDivergenceForm(psi: TestFunction, v1: Vec3, h = 1e-3, nW = 12, nPolar = 24, nAzimuth = 24): number {
  const radial = compositeRule(uniformBreaks(0, 12, 1), nW);
  const polar = gaussLegendre(nPolar);
  const g1 = new Float64Array(3);
  const g2 = new Float64Array(3);
  const flux = (x: Vec3, comp: number): number => {
    psi.gradient(x[0], x[1], x[2], g1);
    const m1 = maxwellianAt(x[0], x[1], x[2]);
    let J = 0;
    for (let iw = 0; iw < radial.x.length; iw++) {
      const w = radial.x[iw];
      for (let ig = 0; ig < nPolar; ig++) {
        const cg = polar.x[ig];
        const sg = Math.sqrt(1 - cg * cg);
        for (let ib = 0; ib < nAzimuth; ib++) {
          const beta = (2 * Math.PI * (ib + 0.5)) / nAzimuth;
          const eta = [sg * Math.cos(beta), sg * Math.sin(beta), cg];
          const y = [x[0] - w * eta[0], x[1] - w * eta[1], x[2] - w * eta[2]];
          psi.gradient(y[0], y[1], y[2], g2);
          const d = [g1[0] - g2[0], g1[1] - g2[1], g1[2] - g2[2]];
          const ed = eta[0] * d[0] + eta[1] * d[1] + eta[2] * d[2];
          // P⊥/|z| d · dz = (d − η(η·d)) w dw dη
          J += radial.w[iw] * polar.w[ig] * ((2 * Math.PI) / nAzimuth) * w * (d[comp] - eta[comp] * ed) * maxwellianAt(y[0], y[1], y[2]);
        }
      }
    }
    return J * m1;
  };
  let div = 0;
  for (let comp = 0; comp < 3; comp++) {
    const at = (t: number): number => {
      const x: [number, number, number] = [v1[0], v1[1], v1[2]];
      x[comp] += t;
      return flux(x, comp);
    };
    div += (at(-2 * h) - 8 * at(-h) + 8 * at(h) - at(2 * h)) / (12 * h);
  }
  return div / maxwellianAt(v1[0], v1[1], v1[2]);
}

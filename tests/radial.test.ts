// The radial f64 reference solver (src/radial): structure of the discrete operator, the
// A-coefficients of M against the closed forms, conservation / positivity / entropy over blow-down
// runs, stationarity of Maxwellians, self-convergence, and the small-time comparison with M + E.
import { describe, expect, it } from 'vitest';
import { C0, M0, erf, lambdaRadial, lambdaTangential, maxwellian, traceAOfMaxwellian } from '../src/core/math/closed-forms.js';
import { BandedMatrix } from '../src/reference/radial/banded.js';
import {
  ImplicitEulerSolver,
  RadialGrid,
  RadialOperator,
  RadialSolver,
  blowdownE,
  blowdownGridOptions,
  blowdownProfile,
  discreteEntropy,
  radialCoefficients,
} from '../src/reference/radial/index.js';
import { logMean, logMeanWithDerivatives } from '../src/reference/radial/log-mean.js';
import { blowdownNorms } from '../src/scenarios/blowdown-profile.js';
import { radialPoints, radialReferencePair, richardsonRecord } from '../src/diagnostics/radial-reference.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function sum(a: ArrayLike<number>, w?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * (w ? w[i]! : 1);
  return s;
}

describe('radial grid', () => {
  it('sinh grading hits the requested inner spacing; shells tile the ball exactly', () => {
    const g = new RadialGrid({ R: 10, cells: 400, innerSpacing: 1e-3 });
    expect(g.innerSpacing).toBeCloseTo(1e-3, 6);
    expect(g.faces[g.N]).toBe(10);
    expect(sum(g.volume)).toBeCloseTo(1000 / 3, 9);
    for (let i = 0; i < g.N; i++) {
      expect(g.nodes[i]!).toBeGreaterThan(g.faces[i]!);
      expect(g.nodes[i]!).toBeLessThan(g.faces[i + 1]!);
    }
    // Shell average of r² is exact: Σ V_i ⟨r²⟩_i = R⁵/5.
    expect(sum(g.volume, g.r2) / (1e5 / 5) - 1).toBeLessThan(1e-13);
    const u = new RadialGrid({ R: 10, cells: 100, grading: 'uniform' });
    expect(u.faces[1]).toBeCloseTo(0.1, 14);
  });
});

describe('logarithmic mean', () => {
  it('matches (a−b)/ln(a/b), tends to a as b → a, and has the right derivatives', () => {
    const out = new Float64Array(3);
    for (const [a, b] of [
      [1, 2],
      [3, 3 * (1 + 1e-9)],
      [1e-20, 1],
      [5, 4.99],
      [0.7, 0.71],
    ] as const) {
      const direct = Math.abs(a - b) / b > 1e-3 ? (a - b) / Math.log(a / b) : 0.5 * (a + b) - (a - b) ** 2 / (12 * (a + b));
      expect(Math.abs(logMean(a, b) / direct - 1)).toBeLessThan(1e-12);
      expect(logMean(a, b)).toBe(logMean(b, a));
      logMeanWithDerivatives(a, b, out);
      expect(out[0]).toBeCloseTo(logMean(a, b), 14);
      const ha = 1e-6 * a;
      const hb = 1e-6 * b;
      const da = (logMean(a + ha, b) - logMean(a - ha, b)) / (2 * ha);
      const db = (logMean(a, b + hb) - logMean(a, b - hb)) / (2 * hb);
      expect(Math.abs(out[1]! - da)).toBeLessThan(1e-7 * Math.max(1, Math.abs(da)));
      expect(Math.abs(out[2]! - db)).toBeLessThan(1e-7 * Math.max(1, Math.abs(db)));
    }
    expect(logMean(2, 2)).toBe(2);
  });
});

describe('banded LU with partial pivoting', () => {
  it('solves a random banded system (zero diagonal included) like dense elimination', () => {
    const n = 40;
    const kl = 3;
    const ku = 2;
    const r = rng(7);
    const A = new BandedMatrix(n, kl, ku);
    const dense = Array.from({ length: n }, () => new Float64Array(n));
    for (let i = 0; i < n; i++)
      for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) {
        const v = i === j && i % 5 === 0 ? 0 : r() - 0.5; // zero pivots force row interchanges
        A.add(i, j, v);
        dense[i]![j] = v;
      }
    const x = Float64Array.from({ length: n }, () => r() - 0.5);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i]! += dense[i]![j]! * x[j]!;
    A.factor();
    const y = A.solve(Float64Array.from(b));
    for (let i = 0; i < n; i++) expect(Math.abs(y[i]! - x[i]!)).toBeLessThan(1e-11);
  });
});

describe('discrete operator structure', () => {
  const grid = new RadialGrid({ R: 10, cells: 120, beta: 4 });
  const op = new RadialOperator(grid);
  const N = grid.N;
  // A rough positive profile: blow-down data times random factors in [0.5, 1.5].
  const r = rng(11);
  const f = grid.sample((x) => blowdownProfile(0.05, 0.4)(x) * (0.5 + r()));

  it('the O(N) fluxes equal the symmetric double-sum form Φ_k = Δu_k⁻¹ Σ_l S_kl F_k F_l (D_k − D_l)', () => {
    op.evaluate(f);
    const { faces: rho, du } = grid;
    const F = op.faceValue;
    const D = new Float64Array(N + 1);
    for (let k = 1; k < N; k++) D[k] = Math.log(f[k]! / f[k - 1]!) / du[k]!;
    let worst = 0;
    for (let k = 1; k < N; k++) {
      let s = 0;
      for (let l = 1; l < N; l++) {
        const lo = Math.min(rho[k]!, rho[l]!);
        const hi = Math.max(rho[k]!, rho[l]!);
        const S = rho[k]! * rho[l]! * ((lo * lo) / (3 * hi)) * du[k]! * du[l]!;
        s += S * F[k]! * F[l]! * (D[k]! - D[l]!);
      }
      const direct = s / du[k]!;
      worst = Math.max(worst, Math.abs(direct - op.flux[k]!) / (Math.abs(op.flux[k]!) + 1e-300));
    }
    // The two forms differ only by the truncation term ρ_k³ f_{N−1}/3, which is exact in both,
    // and by round-off in the summations.
    expect(worst).toBeLessThan(1e-9);
  });

  it('conserves mass and energy exactly and dissipates entropy, for any f > 0', () => {
    const rate = op.rate(f);
    let scale = 0;
    for (let i = 0; i < N; i++) scale += Math.abs(rate[i]!) * grid.r2[i]!;
    expect(Math.abs(sum(rate)) / scale).toBeLessThan(1e-14);
    expect(Math.abs(sum(rate, grid.r2)) / scale).toBeLessThan(1e-14);
    expect(op.entropyDissipation(f)).toBeGreaterThan(0);
  });

  it('sampled Maxwellians (any T, any density) are exact discrete equilibria', () => {
    for (const T of [0.5, 1, 2]) {
      const m = grid.sample((x) => 3 * maxwellian(x * x, T));
      const rate = op.rate(m);
      let worst = 0;
      for (let i = 0; i < N; i++) worst = Math.max(worst, Math.abs(rate[i]!) / (grid.volume[i]! * m[i]!));
      // Round-off of Φ = ΛX/Δu + F·M̃, two terms of size F·m that cancel.
      expect(worst).toBeLessThan(1e-10);
    }
  });

  it('a single (unconverged) Newton iterate of implicit Euler already conserves mass and energy', () => {
    const ie = new ImplicitEulerSolver(grid, { maxIterations: 1 });
    const out = new Float64Array(N);
    const res = ie.step(f, 5, out);
    expect(res.converged).toBe(false);
    const m0 = sum(f, grid.volume);
    const e0 = sum(f.map((v, i) => v * grid.r2[i]!), grid.volume);
    expect(Math.abs(sum(out, grid.volume) / m0 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(sum(out.map((v, i) => v * grid.r2[i]!), grid.volume) / e0 - 1)).toBeLessThan(1e-13);
  });
});

describe('A-coefficients of the unit Maxwellian vs the closed forms (docs/mathematics.md §2)', () => {
  it('λ1, λ2, a, a′ converge at second order', () => {
    const aPrime = (r: number) => Math.sqrt(2 / Math.PI) * Math.exp(-r * r / 2) / (4 * Math.PI * r) - erf(r / Math.SQRT2) / (4 * Math.PI * r * r);
    const errors: number[][] = [];
    for (const N of [50, 100, 200, 400]) {
      const grid = new RadialGrid({ R: 10, cells: N, beta: 3 });
      const c = radialCoefficients(grid, grid.sample((x) => maxwellian(x * x)));
      const e = [0, 0, 0, 0];
      for (let j = 0; j < c.r.length; j++) {
        const x = c.r[j]!;
        e[0] = Math.max(e[0]!, Math.abs(c.lambda1[j]! - lambdaRadial(x)));
        e[1] = Math.max(e[1]!, Math.abs(c.lambda2[j]! - lambdaTangential(x)));
        e[2] = Math.max(e[2]!, Math.abs(c.a[j]! - traceAOfMaxwellian(x)));
        e[3] = Math.max(e[3]!, Math.abs(c.aPrime[j]! - aPrime(x)));
      }
      errors.push(e);
    }
    const orders = errors.slice(1).map((e, k) => e.map((v, q) => Math.log2(errors[k]![q]! / v)));
    console.log(`relative max error of λ1 at N = 400: ${(errors[3]![0]! / C0).toExponential(2)}; max errors (λ1, λ2, a, a′) at N = 50…400: ${errors.map((e) => e.map((v) => v.toExponential(2)).join(' ')).join(' | ')}; orders ${orders.map((o) => o.map((v) => v.toFixed(3)).join(' ')).join(' | ')}`);
    for (const o of orders) for (const v of o) expect(v).toBeGreaterThan(1.95);
  });
});

/** Runs blow-down data to tEnd, checking every accepted step; returns the worst drifts. */
function blowdownRun(delta: number, cells: number, tEnd: number) {
  const s = new RadialSolver({ ...blowdownGridOptions(delta, cells) });
  s.setProfile(blowdownProfile(delta, 0.4));
  const start = s.diagnostics();
  let worstMass = 0;
  let worstEnergy = 0;
  let minF = Infinity;
  let entropyIncreases = 0;
  let largestIncrease = 0;
  let H = discreteEntropy(s.grid, s.f);
  const stats = s.advance(tEnd, {
    onStep: () => {
      const d = s.diagnostics();
      worstMass = Math.max(worstMass, Math.abs(d.mass / start.mass - 1));
      worstEnergy = Math.max(worstEnergy, Math.abs(d.energy / start.energy - 1));
      minF = Math.min(minF, d.minF);
      const h = discreteEntropy(s.grid, s.f);
      if (h > H) {
        entropyIncreases++;
        largestIncrease = Math.max(largestIncrease, h - H);
      }
      H = h;
    },
  });
  return { s, stats, worstMass, worstEnergy, minF, entropyIncreases, largestIncrease, start };
}

describe('blow-down runs (α = 0.4, t = 1)', () => {
  for (const [delta, cells] of [
    [0.3, 200],
    [1e-3, 300],
  ] as const) {
    it(`δ = ${delta}: mass and energy conserved to ≤ 1e-10, f > 0, entropy non-increasing at every step`, () => {
      const r = blowdownRun(delta, cells, 1);
      console.log(
        `δ = ${delta}, N = ${cells}: ${r.stats.steps} steps (${r.stats.rejected} rejected, ${r.stats.fallbacks} fallbacks), dt ${r.stats.dtMin.toExponential(2)}…${r.stats.dtMax.toExponential(2)}; ` +
          `worst |ΔM/M| = ${r.worstMass.toExponential(2)}, |ΔE/E| = ${r.worstEnergy.toExponential(2)}, min f = ${r.minF.toExponential(2)}, ` +
          `entropy increases: ${r.entropyIncreases} (largest ${r.largestIncrease.toExponential(2)}), f0: ${r.start.f0.toPrecision(6)} → ${r.s.diagnostics().f0.toPrecision(6)}`,
      );
      expect(r.worstMass).toBeLessThan(1e-10);
      expect(r.worstEnergy).toBeLessThan(1e-10);
      expect(r.minF).toBeGreaterThan(0);
      expect(r.entropyIncreases).toBe(0);
      expect(r.s.diagnostics().entropy).toBeLessThan(r.start.entropy);
    });
  }
});

describe('positivity under stress: compactly supported data f = max(0, 1 − r²) (1e-30 background)', () => {
  it('keeps f > 0, mass and energy to ≤ 1e-10 and entropy non-increasing at every step up to t = 5', () => {
    const s = new RadialSolver({ R: 10, cells: 200, beta: 3 });
    s.setProfile((x) => Math.max(0, 1 - x * x));
    const start = s.diagnostics();
    let minF = Infinity;
    let worst = 0;
    let increases = 0;
    let H = discreteEntropy(s.grid, s.f);
    const stats = s.advance(5, {
      onStep: () => {
        const d = s.diagnostics();
        minF = Math.min(minF, d.minF);
        worst = Math.max(worst, Math.abs(d.mass / start.mass - 1), Math.abs(d.energy / start.energy - 1));
        const h = discreteEntropy(s.grid, s.f);
        if (h > H) increases++;
        H = h;
      },
    });
    console.log(`compact data: ${stats.steps} steps (${stats.fallbacks} fallbacks to implicit Euler), min f = ${minF.toExponential(2)}, worst drift ${worst.toExponential(2)}, f0 ${start.f0.toFixed(4)} → ${s.diagnostics().f0.toFixed(4)}`);
    expect(minF).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-10);
    expect(increases).toBe(0);
  });
});

describe('Maxwellian data', () => {
  it('stays stationary to round-off up to t = 100 (outputs every 1)', () => {
    for (const [T, density] of [
      [1, 1],
      [0.6, 2.5],
    ] as const) {
      const s = new RadialSolver({ R: 10, cells: 200, beta: 3 });
      s.setScenario({ name: 'maxwellian', temperature: T, density });
      const f0 = Float64Array.from(s.f);
      let fMax = 0;
      for (const v of f0) fMax = Math.max(fMax, v);
      let worst = 0;
      const stats = s.advance(100, {
        dtOut: 1,
        onOutput: () => {
          for (let i = 0; i < s.grid.N; i++) worst = Math.max(worst, Math.abs(s.f[i]! - f0[i]!) / fMax);
        },
      });
      console.log(`Maxwellian T = ${T}, density ${density}, to t = 100: ${stats.steps} steps, max |f − f(0)|/max f = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-12);
    }
    // The sampled M has unit mass up to the O(h²) quadrature error of the nodal representation.
    const d = new RadialSolver({ R: 10, cells: 200, beta: 3 }).setScenario({ name: 'maxwellian' }).diagnostics();
    expect(Math.abs(d.mass - 1)).toBeLessThan(1e-3);
    expect(Math.abs(d.energy - 3)).toBeLessThan(3e-3);
  });

  it('blow-down data relax to the discrete Maxwellian with the same discrete mass and energy', () => {
    const s = new RadialSolver({ ...blowdownGridOptions(0.3, 200) });
    s.setProfile(blowdownProfile(0.3, 0.4));
    const d0 = s.diagnostics();
    s.advance(10000);
    const g = s.grid;
    // f_eq,i = c·exp(−e_i/(2T)) with 4π Σ V f_eq = mass, 4π Σ V e f_eq = energy (bisection on T).
    const ratio = d0.energy / d0.mass;
    const meanE = (T: number) => {
      let m = 0;
      let e = 0;
      for (let i = 0; i < g.N; i++) {
        const w = g.volume[i]! * Math.exp(-g.r2[i]! / (2 * T));
        m += w;
        e += w * g.r2[i]!;
      }
      return [m, e / m] as const;
    };
    let lo = 0.1;
    let hi = 10;
    for (let it = 0; it < 200; it++) {
      const mid = 0.5 * (lo + hi);
      if (meanE(mid)[1] < ratio) lo = mid;
      else hi = mid;
    }
    const T = 0.5 * (lo + hi);
    const c = d0.mass / (4 * Math.PI * meanE(T)[0]);
    let dev = 0;
    for (let i = 0; i < g.N; i++) dev = Math.max(dev, Math.abs(s.f[i]! - c * Math.exp(-g.r2[i]! / (2 * T))));
    console.log(`δ = 0.3 at t = 10000: max |f − f_eq|/f_eq(0) = ${(dev / c).toExponential(2)}, T_eq = ${T.toFixed(8)}`);
    expect(dev / c).toBeLessThan(1e-11);
  });
});

describe('self-convergence (blow-down δ = 1e-2, α = 0.4, t = 0.2; N = 100, 200, 400 at fixed β, same fixed dt)', () => {
  it('observed order ≥ 1.8 in max norm, entropy and f(0)', () => {
    const points = Array.from({ length: 161 }, (_, j) => j * 0.025);
    const runs = [100, 200, 400].map((N) => {
      const s = new RadialSolver({ R: 10, cells: N, beta: 5, time: { fixedDt: 0.002 } });
      s.setProfile(blowdownProfile(1e-2, 0.4));
      const stats = s.advance(0.2);
      expect(stats.fallbacks).toBe(0);
      return { values: s.evaluate(points), H: s.diagnostics().entropy, f0: s.evaluate(0) };
    });
    const maxDiff = (a: Float64Array, b: Float64Array) => {
      let d = 0;
      for (let j = 0; j < a.length; j++) d = Math.max(d, Math.abs(a[j]! - b[j]!));
      return d;
    };
    const [c, m, f] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    const orders = {
      max: Math.log2(maxDiff(c.values, m.values) / maxDiff(m.values, f.values)),
      entropy: Math.log2(Math.abs(c.H - m.H) / Math.abs(m.H - f.H)),
      f0: Math.log2(Math.abs(c.f0 - m.f0) / Math.abs(m.f0 - f.f0)),
    };
    console.log(`self-convergence orders: ${JSON.stringify(orders)}; max differences ${maxDiff(c.values, m.values).toExponential(2)}, ${maxDiff(m.values, f.values).toExponential(2)}`);
    expect(orders.max).toBeGreaterThan(1.8);
    expect(orders.entropy).toBeGreaterThan(1.8);
    expect(orders.f0).toBeGreaterThan(1.8);
  });
});

describe('small t: blow-down near r = 0 against M + E(t) ([GW24], (1.4)), δ = 1e-2, α = 0.4', () => {
  // At v = 0, ∂t(F − M − E)|_{t=0} = Q(M + E0)(0) − ∂tE(0) = A[E0](0):∇²M(0) = −3 c0 M(0) δ^{α−1/2} ≠ 0:
  // with Q(G,H) = A[G]:∇²H + GH, Q(M,M) = Q(E,E) = 0 and Q(M,E)(0) + E(0)M(0) = c0ΔE(0) + 2M(0)E(0)
  // = ∂tE(0) by (2.1), so the only mismatch is A[E0](0):∇²M(0) = λ1[E0](0)·ΔM(0). Hence the error
  // is D1·t + D2·t² + … with the small, explicitly known D1. The test checks that the computed error
  // has exactly this linear part and that what remains shrinks like t². Spatial error is removed by
  // Richardson extrapolation in h (N = 400 and 800 at fixed β; the scheme is second order).
  it('error = D1·t + O(t²) with D1 = −3c0M(0)δ^{α−1/2}; the remainder scales like t²', () => {
    const delta = 1e-2;
    const alpha = 0.4;
    const times = [5e-4, 1e-3, 2e-3, 4e-3];
    const D1 = -3 * C0 * M0 * Math.pow(delta, alpha - 0.5);
    const coarse = new RadialSolver({ R: 10, cells: 400, innerSpacing: Math.sqrt(delta) / 40, time: { rtol: 1e-7 } });
    const fine = new RadialSolver({ R: 10, cells: 800, beta: coarse.grid.beta, time: { rtol: 1e-7 } });
    const errors = [coarse, fine].map((s) => {
      s.setProfile(blowdownProfile(delta, alpha));
      const e: number[] = [];
      s.advance(times[times.length - 1]!, {
        outputTimes: times,
        includeStart: false,
        onOutput: (d, solver) => e.push(solver.evaluate(0) - M0 - blowdownE(d.t, 0, delta, alpha)),
      });
      return e;
    });
    const err = times.map((_, j) => (4 * errors[1]![j]! - errors[0]![j]!) / 3);
    const remainder = err.map((e, j) => e - D1 * times[j]!);
    const ratios = remainder.slice(1).map((v, j) => v / remainder[j]!);
    const rawRatios = err.slice(1).map((v, j) => v / err[j]!);
    const fittedD1 = (4 * err[0]! - err[1]!) / (2 * times[0]!);
    const E1 = blowdownE(1e-3, 0, delta, alpha);
    console.log(
      `F(0) − M(0) − E(t,0) at t = ${times.join(', ')}: ${err.map((v) => v.toExponential(3)).join(', ')} (E(1e-3, 0) = ${E1.toFixed(4)}); ` +
        `raw ratios ${rawRatios.map((v) => v.toFixed(3)).join(', ')}; after removing D1·t: ${remainder.map((v, j) => (v / times[j]! ** 2).toFixed(3)).join(', ')} × t², ratios ${ratios.map((v) => v.toFixed(3)).join(', ')}; ` +
        `fitted D1 = ${fittedD1.toExponential(4)} vs −3c0M(0)δ^(α−1/2) = ${D1.toExponential(4)}`,
    );
    expect(Math.abs(fittedD1 / D1 - 1)).toBeLessThan(0.03);
    // t² scaling of the remainder: ratio 4·(1 + O(t/δ)) per doubling of t.
    for (const q of ratios) {
      expect(q).toBeGreaterThan(3.7);
      expect(q).toBeLessThan(4.1);
    }
    // And M + E is accurate there: relative error ≤ 1e-6 at t = 1e-3.
    expect(Math.abs(err[1]!) / E1).toBeLessThan(1e-6);
  });
});

describe('interpolation', () => {
  it('is exact for Maxwellians and second order for blow-down data', () => {
    const s = new RadialSolver({ R: 10, cells: 100, beta: 3 });
    s.setScenario({ name: 'maxwellian', temperature: 0.8 });
    for (const x of [0, 0.013, 0.5, 2.2, 7.9]) expect(s.evaluate(x) / maxwellian(x * x, 0.8) - 1).toBeLessThan(1e-12);
    expect(s.evaluate(10.5)).toBe(0);
    const p = blowdownProfile(0.1, 0.4);
    const err = [100, 200].map((N) => {
      const t = new RadialSolver({ R: 10, cells: N, beta: 3 }).setProfile(p);
      let e = 0;
      for (let j = 0; j <= 200; j++) e = Math.max(e, Math.abs(t.evaluate(j * 0.02) - p(j * 0.02)));
      return e;
    });
    expect(Math.log2(err[0]! / err[1]!)).toBeGreaterThan(1.8);
  });
});

describe('the reference at its defaults (400 and 800 cells, extrapolated)', () => {
  // The defaults against the same extrapolation one refinement further on the same map (800 and
  // 1600 cells): f(0), ‖E + f‖_{L²_M} and ‖f‖_{L²_M} at t = 0.5 (α = 0.3) must agree to 1e-4.
  const values = (delta: number) => {
    const params = { ...DEFAULT_SCENARIO_PARAMS, delta, alpha: 0.3 };
    const { coarse, fine } = radialReferencePair('blowdown', params, { cells: 400, R: 10, rtol: 1e-5 });
    const finest = new RadialSolver({ R: 10, cells: 1600, grading: 'sinh', beta: coarse.grid.beta, time: { rtol: 1e-5 } }).setScenario({ name: 'blowdown', delta, alpha: 0.3 });
    const [c, f, ff] = [coarse, fine, finest].map((s) => {
      s.advance(0.5, { includeStart: false });
      const n = blowdownNorms(radialPoints(s), 0.5, { delta, alpha: 0.3, rw: 4 });
      return { f0: s.diagnostics().f0, Ef_L2M: n.Ef_L2M, f_L2M: n.f_L2M };
    });
    return { fine: f!, defaults: richardsonRecord(c!, f!), finer: richardsonRecord(f!, ff!) };
  };
  for (const delta of [0.1, 1e-3]) {
    it(`is converged to 1e-4 at δ = ${delta}`, () => {
      const { fine, defaults, finer } = values(delta);
      const rel = (x: Record<'f0' | 'Ef_L2M' | 'f_L2M', number>, k: 'f0' | 'Ef_L2M' | 'f_L2M') => Math.abs(x[k] - finer[k]) / Math.abs(finer[k]);
      const keys = ['f0', 'Ef_L2M', 'f_L2M'] as const;
      console.log(
        `δ = ${delta}: extrapolated (400, 800) against (800, 1600): ${keys.map((k) => `${k} ${rel(defaults, k).toExponential(1)}`).join(', ')}; ` +
          `800 cells alone: ${keys.map((k) => rel(fine, k).toExponential(1)).join(', ')}`,
      );
      for (const k of keys) expect(rel(defaults, k)).toBeLessThan(1e-4);
    }, 120_000);
  }
});

// The upwind-biased log F differences of the flux (--gradient-order 2, 4, 6, 8;
// src/equation/log-gradient.ts): the stencils themselves, the structural properties every order
// must keep — exact conservation, dH/dt ≤ 0, Maxwellians as exact equilibria, the 48 grid
// symmetries, positive runs — pointwise Q against the exact Q of sums of Maxwellians with its order,
// the exact-rate targets, and the GPU (both paths) equal to the f64 CPU operator.
import { afterAll, describe, expect, it } from 'vitest';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { gpuMemoryPlan } from '../src/backends/gpu/memory-plan.js';
import { pairTables } from '../src/backends/gpu/programs/shader-constants.js';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { collisionOfMaxwellians, type MaxwellianTerm } from '../src/core/math/gaussian-collision.js';
import { Equation } from '../src/equation/equation.js';
import { CENTRED_PAIR, CENTRED_ROW, chooseRow, DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS, NO_ROW, ONE_SIDED_ROW, pairOfHalfOrder, pairOfRow, ROW_IDS, ROW_JUMP_LIMITS, rowCoupling, TAIL_ABOVE, TAIL_BELOW, TAIL_BUDGET, type GradientOrder } from '../src/equation/log-gradient.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { simulate } from '../src/solver/simulate.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { maxRelativeError, randomPositiveField, shaders, testGpu } from './support/gpu.js';
import { RATE_CASES, rateError } from './support/rate-cases.js';
import { commutationError } from './support/symmetry.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('log-gradient');
const withOrder = (gradient: GradientOrder) => ({ conv: 'fft', equation: new Equation({ gradient }) }) as const;

/** Σ_o w_o p(o) for a stencil and a polynomial p of the offset (h = 1). */
const applyTo = (s: { offsets: readonly number[]; weights: readonly number[] }, p: (o: number) => number) =>
  s.offsets.reduce((sum, o, k) => sum + s.weights[k]! * p(o), 0);

describe('the stencils', () => {
  it('m = 1 is the pair of one-sided differences; m = 2 the third-order upwind-biased pair (−2, −3, 6, −1)/6', () => {
    expect(pairOfHalfOrder(1).plus).toEqual({ offsets: [0, 1], weights: [-1, 1] });
    expect(pairOfHalfOrder(1).minus).toEqual({ offsets: [-1, 0], weights: [-1, 1] });
    const plus = pairOfHalfOrder(2).plus;
    expect(plus.offsets).toEqual([-1, 0, 1, 2]);
    plus.weights.forEach((w, k) => expect(w).toBeCloseTo([-2 / 6, -3 / 6, 1, -1 / 6][k]!, 15));
  });

  it('every member is exact on polynomials of degree 2m − 1, the pair mean on degree 2m; the rows G·1 = 0, G·v = 1, G·v² = 2v for m ≥ 2', () => {
    for (let m = 1; m <= 4; m++) {
      const { plus, minus } = pairOfHalfOrder(m);
      for (const s of [plus, minus]) {
        for (let d = 0; d <= 2 * m - 1; d++) expect(applyTo(s, (o) => o ** d)).toBeCloseTo(d === 1 ? 1 : 0, 12);
        // The far point on the downwind side is removed: one-sided by one cell.
        expect(Math.max(...s.offsets) - Math.min(...s.offsets)).toBe(2 * m - 1);
      }
      const mean = (d: number) => (applyTo(plus, (o) => o ** d) + applyTo(minus, (o) => o ** d)) / 2;
      expect(mean(2 * m)).toBeCloseTo(0, 12);
      if (m >= 2) expect(applyTo(plus, (o) => (3 + o) ** 2)).toBeCloseTo(6, 12);
    }
  });

  it('rows take the highest order that fits the faces and the budget, else the tail pair reaching towards the larger F; order 2 is D± everywhere', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => chooseRow(i, 20, 0, 1, 8))).toEqual([NO_ROW, TAIL_ABOVE, 2, 3, 4, 4]);
    expect([0, 1, 10, 18, 19].map((i) => chooseRow(i, 20, 5, -1, 2))).toEqual([NO_ROW, ONE_SIDED_ROW, ONE_SIDED_ROW, ONE_SIDED_ROW, NO_ROW]);
    // The order falls as the tail steepens, and each chosen row is within the budget.
    const chosen = [0, 0.5, 1, 1.5, 2, 3, 5].map((jump) => chooseRow(10, 20, jump, -1, 8));
    expect(chosen).toEqual([4, 4, 4, 4, 3, 2, TAIL_BELOW]);
    [0, 0.5, 1, 1.5, 2, 3].forEach((jump, k) => {
      expect(rowCoupling(pairOfHalfOrder(chosen[k]!), Math.exp(jump))).toBeLessThanOrEqual(TAIL_BUDGET * 2 * (1 + Math.exp(jump)));
    });
    // The budget is a largest jump per order: coupling within budget exactly where J ≤ ROW_JUMP_LIMITS[m].
    for (let m = 2; m <= 4; m++)
      for (let jump = 0; jump < 6; jump += 0.01) {
        const within = rowCoupling(pairOfHalfOrder(m), Math.exp(jump)) <= TAIL_BUDGET * 2 * (1 + Math.exp(jump));
        expect(within).toBe(jump <= ROW_JUMP_LIMITS[m]!);
      }
    // A tail pair points towards the larger F, fits between the faces or gives way to C₂; a flat slope takes C₂.
    expect([chooseRow(10, 20, 5, 1, 8), chooseRow(18, 20, 5, 1, 8), chooseRow(1, 20, 5, -1, 8), chooseRow(10, 20, 5, 0, 8)]).toEqual([TAIL_ABOVE, CENTRED_ROW, CENTRED_ROW, CENTRED_ROW]);
  });

  it('the tail pairs are exact on quadratics, mirror images of each other, reach one cell towards the smaller F, and differ at the Nyquist frequency as D± do', () => {
    const below = pairOfRow(TAIL_BELOW)!;
    const above = pairOfRow(TAIL_ABOVE)!;
    for (const s of [below.plus, below.minus, above.plus, above.minus]) {
      expect(applyTo(s, () => 1)).toBeCloseTo(0, 14);
      expect(applyTo(s, (o) => o)).toBeCloseTo(1, 14);
      expect(applyTo(s, (o) => (2 + o) ** 2)).toBeCloseTo(4, 14);
    }
    // Reflection i → −i maps G⁺ of one to −(G⁻ of the other) mirrored.
    const mirror = (s: { offsets: readonly number[]; weights: readonly number[] }) => s.offsets.map((o, k) => [o === 0 ? 0 : -o, -s.weights[k]!]).sort((a, b) => a[0]! - b[0]!);
    expect(mirror(below.plus)).toEqual(above.minus.offsets.map((o, k) => [o, above.minus.weights[k]!]));
    expect(mirror(below.minus)).toEqual(above.plus.offsets.map((o, k) => [o, above.plus.weights[k]!]));
    expect(Math.max(...below.plus.offsets, ...below.minus.offsets)).toBe(1);
    const nyquist = (s: { offsets: readonly number[]; weights: readonly number[] }) => applyTo(s, (o) => (-1) ** Math.abs(o));
    expect(Math.abs(nyquist(below.plus) - nyquist(below.minus))).toBeCloseTo(Math.abs(nyquist(pairOfHalfOrder(1).plus) - nyquist(pairOfHalfOrder(1).minus)), 14);
    expect(applyTo(CENTRED_PAIR.plus, (o) => (2 + o) ** 2)).toBeCloseTo(4, 14);
  });

  it('the WGSL weight table is built from the same stencils', () => {
    const { weights, absSum } = pairTables();
    const width = 9;
    for (let id = 1; id < ROW_IDS; id++) {
      const pair = pairOfRow(id)!;
      for (const [sign, s] of [[0, pair.plus], [1, pair.minus]] as const) {
        const row = weights.slice((sign * ROW_IDS + id) * width, (sign * ROW_IDS + id + 1) * width);
        s.offsets.forEach((o, k) => expect(row[o + 4]).toBe(s.weights[k]));
        expect(row.filter((w) => w !== 0)).toHaveLength(s.offsets.length);
        expect(absSum[sign * ROW_IDS + id]).toBeCloseTo(s.weights.reduce((a, w) => a + Math.abs(w), 0), 15);
      }
    }
  });
});

describe('every order keeps the structure (CPU f64)', () => {
  for (const order of GRADIENT_ORDERS) {
    it(`order ${order}: conserves mass, momentum and energy, dissipates entropy (random data, N = 10, 13); Maxwellians are equilibria`, async () => {
      for (const n of [10, 13]) {
        const grid = new Grid({ n, L: 5 });
        const op = new CpuLandauOperator(grid, withOrder(order));
        op.setState(randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), n + order));
        const q = await op.collision();
        const m = await op.moments();
        const scale = Math.max(...q.map(Math.abs));
        const ax = grid.axis;
        let [mass, px, pz, energy] = [0, 0, 0, 0];
        grid.forEachCell((c, i, j, k) => {
          mass += q[c]!;
          px += ax[i]! * q[c]!;
          pz += ax[k]! * q[c]!;
          energy += (ax[i]! ** 2 + ax[j]! ** 2 + ax[k]! ** 2) * q[c]!;
        });
        for (const rate of [mass, px, pz, energy]) expect(Math.abs(rate) / scale).toBeLessThan(1e-12);
        expect(m.entropyRate).toBeLessThan(0);
      }
      const grid = new Grid({ n: 12, L: 6 });
      const op = new CpuLandauOperator(grid, withOrder(order));
      op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
      const scale = Math.max(...(await op.collision()).map(Math.abs));
      for (const [u, T] of [[0, 1], [0.7, 1.6]] as const) {
        op.setState(grid.sample((x, y, z) => maxwellian((x - u) ** 2 + y * y + z * z, T)));
        expect(Math.max(...(await op.collision()).map(Math.abs)) / scale).toBeLessThan(1e-11);
      }
    });
  }

  it('orders 4 and 8 commute with the 48 grid symmetries (N = 10)', async () => {
    for (const order of [4, 8] as const) {
      const err = await commutationError(new CpuLandauOperator(new Grid({ n: 10, L: 5 }), withOrder(order)), 5);
      expect(err).toBeLessThan(1e-13);
    }
  });

  it(`the default order ${DEFAULT_GRADIENT_ORDER} keeps a run positive where the tails are under-resolved: two Maxwellians, N = 12, L = 7, to t = 1`, async () => {
    const grid = new Grid({ n: 12, L: 7 });
    const op = new CpuLandauOperator(grid, withOrder(DEFAULT_GRADIENT_ORDER));
    op.setState(initialState(grid, 'two-maxwellians', { ...DEFAULT_SCENARIO_PARAMS, shift: 1.5 }));
    const series = await simulate(op, { tEnd: 1, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 });
    const last = series.at(-1)!;
    expect(last.minF).toBeGreaterThan(0);
    expect(Math.abs(last.massDrift)).toBeLessThan(1e-12);
    expect(Math.abs(last.energyDrift)).toBeLessThan(1e-12);
    for (let k = 1; k < series.length; k++) expect(series[k]!.entropy).toBeLessThan(series[k - 1]!.entropy);
  });
});

/** Relative L2 error of the CPU operator's Q against the exact Q of a sum of Maxwellians. */
async function pointwiseError(terms: MaxwellianTerm[], L: number, n: number, order: GradientOrder): Promise<number> {
  const grid = new Grid({ n, L });
  const exact = new Float64Array(grid.cells);
  const f = new Float64Array(grid.cells);
  for (let c = 0; c < grid.cells; c++) {
    const p = collisionOfMaxwellians(terms, grid.velocity(c));
    f[c] = p.f;
    exact[c] = p.q;
  }
  const op = new CpuLandauOperator(grid, withOrder(order));
  op.setState(f);
  const q = await op.collision();
  let [diff, norm] = [0, 0];
  for (let c = 0; c < grid.cells; c++) {
    diff += (q[c]! - exact[c]!) ** 2;
    norm += exact[c]! ** 2;
  }
  return Math.sqrt(diff / norm);
}

describe('pointwise Q against the exact Q = A[F]:∇²F + F² (CPU f64)', () => {
  const twoMaxwellians: MaxwellianTerm[] = [
    { weight: 0.5, centre: [1.5, 0, 0], temperature: 1 },
    { weight: 0.5, centre: [-1.5, 0, 0], temperature: 1 },
  ];

  it('the reference: Q of a Maxwellian vanishes, and A[M] at the origin is c0·I', () => {
    const m = collisionOfMaxwellians([{ weight: 1, centre: [0.3, 0, 0], temperature: 1.3 }], [0.3, 0, 0]);
    expect(m.q / (m.f * m.f)).toBeCloseTo(0, 12);
    const at = collisionOfMaxwellians([{ weight: 1, centre: [0, 0, 0], temperature: 1 }], [0.5, -0.2, 1.1]);
    expect(Math.abs(at.q) / at.f ** 2).toBeLessThan(1e-12);
  });

  it('two Maxwellians ±1.5 e_x, L = 7: the default order is ≥ 7× closer than order 2 at N = 32, of observed order ≥ 3.5 from N = 24', async () => {
    const e24 = await pointwiseError(twoMaxwellians, 7, 24, DEFAULT_GRADIENT_ORDER);
    const e32 = await pointwiseError(twoMaxwellians, 7, 32, DEFAULT_GRADIENT_ORDER);
    const second = await pointwiseError(twoMaxwellians, 7, 32, 2);
    const observed = Math.log(e24 / e32) / Math.log(32 / 24);
    console.log(`two Maxwellians, order ${DEFAULT_GRADIENT_ORDER}: ${(100 * e24).toFixed(3)} % (N = 24), ${(100 * e32).toFixed(3)} % (N = 32), observed order ${observed.toFixed(2)}; order 2 at N = 32: ${(100 * second).toFixed(3)} %`);
    expect(observed).toBeGreaterThan(3.5);
    expect(second / e32).toBeGreaterThan(7);
  });
});

describe('exact initial rates at the default order (CPU f64)', () => {
  const byName = (start: string) => RATE_CASES.find((c) => c.name.startsWith(start))!;
  it('two Maxwellians ≤ 0.5 % off at N = 24 (L = 7); bi-Maxwellians as accurate as with the one-sided differences', async () => {
    const at = async (start: string, n: number, order: GradientOrder = DEFAULT_GRADIENT_ORDER) => {
      const c = byName(start);
      return rateError(new CpuLandauOperator(new Grid({ n, L: c.L }), withOrder(order)), c);
    };
    const twoMax = await at('two Maxwellians', 24);
    const bimax = await at('bi-Maxwellian T∥ = 1.2, T⊥ = 0.9 along x', 24);
    const bimaxOne = await at('bi-Maxwellian T∥ = 1.2, T⊥ = 0.9 along x', 24, 2);
    console.log(`order ${DEFAULT_GRADIENT_ORDER}: two Maxwellians N=24 ${(100 * twoMax).toFixed(3)} %, bi-Maxwellian N=24 ${(100 * bimax).toFixed(4)} % (order 2: ${(100 * bimaxOne).toFixed(4)} %)`);
    expect(twoMax).toBeLessThan(0.005);
    expect(bimax).toBeLessThan(Math.max(2 * bimaxOne, 2e-4));
  });
});

describe.skipIf(!gpu)('GPU f32 against the f64 operator, orders 4 and 8', () => {
  it('Q, the bilinear Q(F,G) and the rate bound at N = 8 and 12, direct and FFT paths; buffers as planned', async () => {
    for (const order of [4, 8] as const)
      for (const conv of ['direct', 'fft'] as const)
        for (const n of [8, 12]) {
          const grid = new Grid({ n, L: 5 });
          const m = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
          const f = randomPositiveField(m, n + 1);
          const g = randomPositiveField(m, n + 2).map((x, c) => x - m[c]!);
          const cpu = new CpuLandauOperator(grid, withOrder(order));
          const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv, equation: new Equation({ gradient: order }) });
          try {
            expect(op.gpuStorageBytes).toBe(gpuMemoryPlan(n, conv, gpu!.device.limits, order).total);
            cpu.setState(f);
            op.setState(f);
            expect(maxRelativeError(await op.collision(), await cpu.collision())).toBeLessThan(2e-6);
            expect(maxRelativeError(await op.bilinear(f, g, m), await cpu.bilinear(f, g, m))).toBeLessThan(2e-6);
            const [a, b] = [await op.moments(), await cpu.moments()];
            expect(Math.abs(a.stiffness / b.stiffness - 1)).toBeLessThan(1e-5);
          } finally {
            op.dispose();
          }
        }
  });

  it('the default order commutes with the 48 grid symmetries on both GPU paths (N = 10)', async () => {
    for (const conv of ['direct', 'fft'] as const) {
      const op = await GpuLandauOperator.create(new Grid({ n: 10, L: 5 }), gpu!, shaders, { conv });
      const e = await commutationError(op, 5);
      op.dispose();
      expect(e).toBeLessThan(5e-6);
    }
  });
});

describe('--gradient-order on the command line', () => {
  it(`is refused in one line for anything but ${GRADIENT_ORDERS.join(', ')}; a non-default order is recorded in the run and announced`, async () => {
    const bad = await landau3d(['run', '--gradient-order', '3', '--n', '8', '--backend', 'cpu', '--out', `${workdir}/bad`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--gradient-order must be one of 2, 4, 6, 8, got '3'/);
    const out = `${workdir}/ok`;
    const ok = await landau3d(['run', '--scenario', 'two-maxwellians', '--L', '7', '--n', '12', '--allow-unresolved', '--gradient-order', '4', '--t-end', '0.1', '--dt-out', '0.1', '--backend', 'cpu', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/order-4 log F differences/);
  });
});

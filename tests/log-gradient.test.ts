// The fourth-order log F gradient (--gradient-order 4, src/equation/log-gradient.ts): the same
// structural properties as the default operator — exact conservation, dH/dt ≤ 0, Maxwellians as
// exact equilibria, the 48 grid symmetries, positive runs — the exact-rate targets of broad and
// narrow non-radial data, and the GPU (both paths) equal to the f64 CPU operator.
import { Equation } from '../src/equation/equation.js';
import { afterAll, describe, expect, it } from 'vitest';
import { correctionWeight, gradientSymbolFactor } from '../src/equation/log-gradient.js';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { gpuMemoryPlan } from '../src/backends/gpu/memory-plan.js';
import { DEFAULT_SCENARIO_PARAMS, initialState } from '../src/scenarios/scenarios.js';
import { simulate } from '../src/solver/simulate.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { maxRelativeError, randomPositiveField, shaders, testGpu } from './support/gpu.js';
import { RATE_CASES, rateError } from './support/rate-cases.js';
import { commutationError } from './support/symmetry.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('log-gradient');
const fourth = { conv: 'fft', equation: new Equation({ gradient: 4 }) } as const;

describe('fourth-order log F gradient: structure', () => {
  it('Θ is 1 on resolved data and falls like 6e^{−J} in tails; the symbol bound is (1 + 2Θ/3)²', () => {
    expect(correctionWeight(0)).toBe(1);
    expect(correctionWeight(Math.log(6))).toBeCloseTo(1, 15);
    expect(correctionWeight(4)).toBeCloseTo(6 * Math.exp(-4), 15);
    expect(gradientSymbolFactor(1)).toBeCloseTo(25 / 9, 15);
    expect(gradientSymbolFactor(0)).toBe(1);
  });

  it('conserves mass, momentum and energy and dissipates entropy on random positive data (CPU f64, N = 10, 12)', async () => {
    for (const n of [10, 12]) {
      const grid = new Grid({ n, L: 5 });
      const op = new CpuLandauOperator(grid, fourth);
      op.setState(randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), n));
      const q = await op.collision();
      const m = await op.moments();
      const scale = Math.max(...q.map(Math.abs));
      const ax = grid.axis;
      let [mass, px, energy] = [0, 0, 0];
      let c = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++)
          for (let k = 0; k < n; k++, c++) {
            mass += q[c]!;
            px += ax[i]! * q[c]!;
            energy += (ax[i]! ** 2 + ax[j]! ** 2 + ax[k]! ** 2) * q[c]!;
          }
      for (const rate of [mass, px, energy]) expect(Math.abs(rate) / scale).toBeLessThan(1e-12);
      expect(m.entropyRate).toBeLessThan(0);
    }
  });

  it('Maxwellians (also shifted and hot) are exact discrete equilibria (CPU f64, N = 12)', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = new CpuLandauOperator(grid, fourth);
    op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
    const scale = Math.max(...(await op.collision()).map(Math.abs));
    for (const [u, T] of [[0, 1], [0.7, 1.6]] as const) {
      op.setState(grid.sample((x, y, z) => maxwellian((x - u) ** 2 + y * y + z * z, T)));
      expect(Math.max(...(await op.collision()).map(Math.abs)) / scale).toBeLessThan(1e-11);
    }
  });

  it('commutes with the 48 grid symmetries (CPU f64 N = 10; GPU f32 N = 8, both paths)', async () => {
    const err = await commutationError(new CpuLandauOperator(new Grid({ n: 10, L: 5 }), fourth), 5);
    console.log(`order 4, CPU: largest commutation error ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-13);
    if (!gpu) return;
    for (const conv of ['direct', 'fft'] as const) {
      const op = await GpuLandauOperator.create(new Grid({ n: 8, L: 5 }), gpu, shaders, { conv, equation: new Equation({ gradient: 4 }) });
      const e = await commutationError(op, 5);
      op.dispose();
      console.log(`order 4, GPU ${conv}: largest commutation error ${e.toExponential(2)}`);
      expect(e).toBeLessThan(5e-6);
    }
  });

  it('a run stays positive where the tails are under-resolved: two Maxwellians, N = 12, L = 7, to t = 1 (CPU)', async () => {
    const grid = new Grid({ n: 12, L: 7 });
    const op = new CpuLandauOperator(grid, fourth);
    const f0 = initialState(grid, 'two-maxwellians', { ...DEFAULT_SCENARIO_PARAMS, shift: 1.5 });
    op.setState(f0);
    const series = await simulate(op, { tEnd: 1, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 });
    const last = series.at(-1)!;
    expect(last.minF).toBeGreaterThan(0);
    expect(Math.abs(last.massDrift)).toBeLessThan(1e-12);
    expect(Math.abs(last.energyDrift)).toBeLessThan(1e-12);
    for (let k = 1; k < series.length; k++) expect(series[k]!.entropy).toBeLessThan(series[k - 1]!.entropy);
  });
});

describe('fourth-order log F gradient: exact initial rates (CPU f64)', () => {
  const byName = (start: string) => RATE_CASES.find((c) => c.name.startsWith(start))!;
  it('two Maxwellians ≤ 0.5 % off at N = 24 (L = 7); the narrow off-centre bump ≤ 3 % at N = 32 (L = 6); bi-Maxwellians as with order 2', async () => {
    const at = async (start: string, n: number) => {
      const c = byName(start);
      return rateError(new CpuLandauOperator(new Grid({ n, L: c.L }), fourth), c);
    };
    const twoMax = await at('two Maxwellians', 24);
    const bump = await at('M + δ^α', 32);
    const bimax = [await at('bi-Maxwellian T∥ = 1.2, T⊥ = 0.9 along x', 24), await at('bi-Maxwellian T∥ = 1.2, T⊥ = 0.9 along x', 32)];
    console.log(`order 4: two Maxwellians N=24 ${(100 * twoMax).toFixed(3)} %, bump N=32 ${(100 * bump).toFixed(3)} %, bi-Maxwellian N=24/32 ${bimax.map((e) => (100 * e).toFixed(4)).join(' / ')} %`);
    expect(twoMax).toBeLessThan(0.005);
    expect(bump).toBeLessThan(0.03);
    expect(bimax[0]!).toBeLessThan(0.0012);
    expect(bimax[1]!).toBeLessThan(0.00064);
  });
});

describe.skipIf(!gpu)('fourth-order log F gradient: GPU f32 against the f64 operator', () => {
  it('Q, the bilinear Q(F,G) and the rate bound at N = 8 and 12, direct and FFT paths; buffers as planned', async () => {
    for (const conv of ['direct', 'fft'] as const)
      for (const n of [8, 12]) {
        const grid = new Grid({ n, L: 5 });
        const m = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
        const f = randomPositiveField(m, n + 1);
        const g = randomPositiveField(m, n + 2).map((x, c) => x - m[c]!);
        const cpu = new CpuLandauOperator(grid, fourth);
        const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv, equation: new Equation({ gradient: 4 }) });
        try {
          expect(op.gpuStorageBytes).toBe(gpuMemoryPlan(n, conv, gpu!.device.limits, 4).total);
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
});

describe('--gradient-order on the command line', () => {
  it('is refused in one line for anything but 2 and 4; 4 is recorded in the run and announced', async () => {
    const bad = await landau3d(['run', '--gradient-order', '3', '--n', '8', '--backend', 'cpu', '--out', `${workdir}/bad`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--gradient-order must be one of 2, 4, got '3'/);
    const out = `${workdir}/ok`;
    const ok = await landau3d(['run', '--scenario', 'two-maxwellians', '--L', '7', '--n', '12', '--allow-unresolved', '--gradient-order', '4', '--t-end', '0.1', '--dt-out', '0.1', '--backend', 'cpu', '--out', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/fourth-order log F gradient/);
  });
});

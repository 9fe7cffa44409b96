// SSP-RK3 on the WGSL backend: conservation, entropy decay and positivity step by step, and the
// relaxation of anisotropic data.
import { afterAll, describe, expect, it } from 'vitest';
import { seriesEntry } from '../src/diagnostics/series.js';
import { Grid } from '../src/core/grid/grid.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { simulate } from '../src/solver/simulate.js';
import { stepLimit } from '../src/equation/stability.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

describe.skipIf(!gpu)('blow-down data, 50 RK3 steps on the GPU (N = 12)', () => {
  it('conserves mass, momentum and energy to ≤ 1e-6, decreases entropy every step, keeps F > 0', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders);
    op.setState(initialState(grid, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3 }));
    const first = await op.moments();
    let moments = first;
    let previous = seriesEntry(0, 0, 0, first, null);
    let worst = { mass: 0, momentum: 0, energy: 0 };
    let t = 0;
    const steps: number[] = [];
    for (let step = 1; step <= 50; step++) {
      // The step the solver would take from this state (it re-plans per output; here every step is one).
      const dt = stepLimit(moments, { cfl: 0.5, rateTol: 0.02 });
      steps.push(dt);
      const health = await op.advance(dt, 1);
      t += dt;
      expect(health.invalid).toBe(false);
      expect(health.minF).toBeGreaterThan(0);
      expect(health.maxStabilityRatio).toBeLessThanOrEqual(1);
      moments = await op.moments();
      const entry = seriesEntry(t, step, dt, moments, first);
      expect(entry.entropy).toBeLessThanOrEqual(previous.entropy);
      expect(entry.minF).toBeGreaterThan(0);
      worst = {
        mass: Math.max(worst.mass, Math.abs(entry.massDrift)),
        momentum: Math.max(worst.momentum, entry.momentumDrift),
        energy: Math.max(worst.energy, Math.abs(entry.energyDrift)),
      };
      previous = entry;
    }
    const dt = steps[0]!;
    console.log(`t = ${t.toFixed(3)} after 50 steps, dt from ${dt.toExponential(3)} to ${steps[49]!.toExponential(3)}; worst drifts over 50 steps: ${JSON.stringify(worst)}; ΔH = ${(previous.entropy - seriesEntry(0, 0, dt, first, null).entropy).toExponential(3)}`);
    expect(worst.mass).toBeLessThan(1e-6);
    expect(worst.momentum).toBeLessThan(1e-6);
    expect(worst.energy).toBeLessThan(1e-6);
    op.dispose();
  });
});

describe.skipIf(!gpu)('bi-Maxwellian relaxation (N = 12, GPU)', () => {
  it('relaxes T∥ and T⊥ toward each other with rates of the right sign, momentum stays zero', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders);
    op.setState(initialState(grid, 'bimaxwellian', { ...DEFAULT_SCENARIO_PARAMS, tPar: 1.5, tPerp: 0.75 }));
    const series = await simulate(op, { tEnd: 20, dtOut: 5, cfl: 0.5, rateTol: 0.02 });
    const gap = series.map((e) => e.temperature[2]![2]! - e.temperature[0]![0]!);
    console.log(`T_zz − T_xx: ${gap.map((g) => g.toFixed(5)).join(' → ')}`);
    const first = series[0]!;
    expect(first.dTemperature_dt[2]![2]).toBeLessThan(0);
    expect(first.dTemperature_dt[0]![0]).toBeGreaterThan(0);
    expect(first.dTemperature_dt[1]![1]).toBeCloseTo(first.dTemperature_dt[0]![0]!, 8);
    for (let k = 1; k < gap.length; k++) {
      expect(gap[k]).toBeLessThan(gap[k - 1]!);
      expect(gap[k]).toBeGreaterThan(0);
    }
    for (const e of series) {
      expect(e.momentumDrift).toBeLessThan(1e-6);
      expect(Math.abs(e.energyDrift)).toBeLessThan(1e-6);
    }
    op.dispose();
  });
});

describe.skipIf(!gpu)('grid symmetry (N = 12, GPU)', () => {
  it('bi-Maxwellians along x, y and z relax identically up to round-off', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const along: number[][] = [];
    for (const axis of ['x', 'y', 'z'] as const) {
      const op = await GpuLandauOperator.create(grid, gpu!, shaders);
      op.setState(initialState(grid, 'bimaxwellian', { ...DEFAULT_SCENARIO_PARAMS, axis }));
      const series = await simulate(op, { tEnd: 4, dtOut: 2, cfl: 0.5, rateTol: 0.02 });
      const k = { x: 0, y: 1, z: 2 }[axis];
      // Temperature along and across the distinguished axis at each output.
      along.push(series.flatMap((e) => [e.temperature[k]![k]!, e.temperature[(k + 1) % 3]![(k + 1) % 3]!, e.step]));
      op.dispose();
    }
    console.log(`T∥, T⊥, step at t = 0, 2, 4 for axes x, y, z: ${along.map((a) => a.map((v) => v.toPrecision(9)).join(' ')).join(' | ')}`);
    for (const other of [along[1]!, along[2]!]) {
      other.forEach((v, i) => expect(Math.abs(v - along[0]![i]!)).toBeLessThan(1e-6 * Math.abs(along[0]![i]!) + 1e-12));
    }
  });
});

describe.skipIf(!gpu)('rotation invariance (GPU)', () => {
  it('a bi-Maxwellian along an oblique axis relaxes like one along z, to discretisation error', async () => {
    const axis = [1 / 3, 2 / 3, 2 / 3];
    const gap: Record<'aligned' | 'rotated', number[]> = { aligned: [], rotated: [] };
    for (const n of [12, 16]) {
      const grid = new Grid({ n, L: 6 });
      for (const kind of ['aligned', 'rotated'] as const) {
        const e = kind === 'aligned' ? [0, 0, 1] : axis;
        const tPar = 1.5;
        const tPerp = 0.75;
        const norm = Math.pow(2 * Math.PI, -1.5) / (tPerp * Math.sqrt(tPar));
        const f = grid.sample((x, y, z) => {
          const along = (x * e[0]! + y * e[1]! + z * e[2]!) ** 2;
          return norm * Math.exp(-(x * x + y * y + z * z - along) / (2 * tPerp) - along / (2 * tPar));
        });
        const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: n >= 16 ? 'fft' : 'direct' });
        op.setState(f);
        const series = await simulate(op, { tEnd: 2, dtOut: 2, cfl: 0.5, rateTol: 0.02 });
        const T = series[series.length - 1]!.temperature;
        let tParallel = 0;
        for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) tParallel += e[a]! * T[a]![b]! * e[b]!;
        gap[kind].push(tParallel - (T[0]![0]! + T[1]![1]! + T[2]![2]! - tParallel) / 2);
        op.dispose();
      }
    }
    const diff = gap.aligned.map((g, i) => Math.abs(g - gap.rotated[i]!));
    console.log(`T∥ − T⊥ at t = 2, aligned vs oblique: N = 12 ${gap.aligned[0]!.toFixed(5)} vs ${gap.rotated[0]!.toFixed(5)}, N = 16 ${gap.aligned[1]!.toFixed(5)} vs ${gap.rotated[1]!.toFixed(5)}`);
    expect(diff[1]).toBeLessThan(diff[0]!);
    expect(diff[1]! / gap.aligned[1]!).toBeLessThan(0.05);
  });
});

describe('CPU reference time stepping', () => {
  it('matches the GPU-independent invariants on the two-Maxwellian data', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = new CpuLandauOperator(grid);
    op.setState(initialState(grid, 'two-maxwellians', DEFAULT_SCENARIO_PARAMS));
    const series = await simulate(op, { tEnd: 4, dtOut: 1, cfl: 0.5, rateTol: 0.02 });
    const last = series[series.length - 1]!;
    expect(Math.abs(last.massDrift)).toBeLessThan(1e-12);
    expect(Math.abs(last.energyDrift)).toBeLessThan(1e-12);
    expect(last.momentumDrift).toBeLessThan(1e-12);
    for (let k = 1; k < series.length; k++) expect(series[k]!.entropy).toBeLessThan(series[k - 1]!.entropy);
  });
});

describe.skipIf(!gpu)('health checks (GPU, N = 8)', () => {
  it('a NaN injected into the state is caught at the next output, naming the steps, and the last good state is kept', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders);
    const f0 = initialState(grid, 'maxwellian', DEFAULT_SCENARIO_PARAMS);
    op.setState(f0);
    let injected = false;
    const run = simulate(op, { tEnd: 3, dtOut: 1, cfl: 0.5, rateTol: 0.02 }, {
      onOutput: (entry, state) => {
        if (entry.t === 1 && !injected) {
          injected = true;
          const corrupt = Float64Array.from(state);
          corrupt[grid.index(4, 4, 4)] = NaN;
          op.setState(corrupt);
        }
      },
    });
    await expect(run).rejects.toThrow(/F became non-finite or non-positive within steps \d+–\d+ \(from t = 1,.*last good state \(t = 1,/);
    const kept = await op.getState();
    expect(kept.every(Number.isFinite)).toBe(true);
    op.dispose();
  });

  it('a mass change beyond the limit stops the run with the quantity named', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders);
    op.setState(initialState(grid, 'maxwellian', DEFAULT_SCENARIO_PARAMS));
    const run = simulate(op, { tEnd: 2, dtOut: 1, cfl: 0.5, rateTol: 0.02 }, {
      onOutput: (entry, state) => {
        if (entry.t === 1) op.setState(state.map((x) => 1.001 * x));
      },
    });
    await expect(run).rejects.toThrow(/the mass changed by 1\.0\d*e-3 .*step \d+, t = 2/);
    op.dispose();
  });
});

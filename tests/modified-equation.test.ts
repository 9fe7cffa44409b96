// The modified equation ∂tF = Q(F,F) + εF² and the kernel family on both backends: the source's
// mass production, the mass balance and f-max stops of the time loop, and the WGSL backend with
// γ ≠ −3 and ε > 0 against the f64 reference.
import { Equation } from '../src/equation/equation.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import type { LandauOperator } from '../src/backends/landau-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { simulate, SimulationError } from '../src/solver/simulate.js';
import { squareIntegral } from '../src/equation/source-term.js';
import { maxRelativeError, randomPositiveField, shaders, testGpu } from './support/gpu.js';
import { cliMessage } from '../src/cli/option-flags.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

const unitMaxwellian = (x: number, y: number, z: number) => maxwellian(x * x + y * y + z * z);

/** |Δmass/dt − ε∫F²| / (ε∫F²) over one RK3 step of size dt from the Maxwellian. */
async function massRateError(op: LandauOperator, eps: number, dt: number): Promise<number> {
  const f0 = op.grid.sample(unitMaxwellian);
  op.setState(f0);
  const m0 = (await op.moments()).mass;
  await op.advance(dt, 1);
  const m1 = (await op.moments()).mass;
  const expected = eps * squareIntegral(f0, op.grid.cellVolume);
  return Math.abs((m1 - m0) / dt - expected) / expected;
}

/** State and step sizes after a short run to t = 0.4. */
async function shortRun(op: LandauOperator, f0: Float64Array) {
  op.setState(f0);
  const series = await simulate(op, { tEnd: 0.4, dtOut: 0.2, cfl: 0.5, rateTol: 0.02 });
  return { state: await op.getState(), dt: series.map((e) => e.dt) };
}

const identical = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('the source εF² on the f64 reference', () => {
  it('ε = 0 is the plain Landau run, bit for bit', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const f0 = initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS);
    const plain = await shortRun(new CpuLandauOperator(grid), f0);
    const zero = await shortRun(new CpuLandauOperator(grid, { equation: new Equation({ epsF2: 0 }) }), f0);
    expect(zero.dt).toEqual(plain.dt);
    expect(identical(zero.state, plain.state)).toBe(true);
  });

  it('the mass grows at the rate ε∫F² (Q conserves it exactly), the error falling like dt', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const errors = [];
    for (const dt of [1e-2, 1e-3]) errors.push(await massRateError(new CpuLandauOperator(grid, { equation: new Equation({ epsF2: 2 }) }), 2, dt));
    console.log(`CPU: relative error of dm/dt against ε∫F² at dt = 1e-2, 1e-3: ${errors.map((e) => e.toExponential(2)).join(', ')}`);
    expect(errors[0]).toBeLessThan(1e-2);
    expect(errors[1]! / errors[0]!).toBeLessThan(0.15);
  });

  it('the time loop checks the mass against the source: a run passes, a corrupted mass is caught', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = new CpuLandauOperator(grid, { equation: new Equation({ epsF2: 1 }) });
    op.setState(grid.sample(unitMaxwellian));
    const series = await simulate(op, { tEnd: 1, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 });
    expect(series.at(-1)!.massDrift).toBeGreaterThan(0.01);
    op.setState(grid.sample(unitMaxwellian));
    const corrupted = simulate(op, { tEnd: 1, dtOut: 0.25, cfl: 0.5, rateTol: 0.02 }, {
      onOutput: (entry, state) => {
        if (entry.t === 0.25) op.setState(state.map((x) => 1.001 * x));
      },
    });
    await expect(corrupted).rejects.toThrow(/the mass changed by .* but the source εF² \(ε = 1\) accounts for .*t = 0\.25 to 0\.5/);
  });

  it('a max F beyond fMax stops the run at that output, the entry recorded and its state kept', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = new CpuLandauOperator(grid, { equation: new Equation({ epsF2: 20 }) });
    const f0 = grid.sample(unitMaxwellian);
    op.setState(f0);
    const fMax = 1.5 * Math.max(...f0);
    const entries: { t: number; maxF: number; state: Float64Array }[] = [];
    const run = simulate(op, { tEnd: 2, dtOut: 0.1, cfl: 0.5, rateTol: 0.02, fMax }, {
      onOutput: (entry, state) => void entries.push({ t: entry.t, maxF: entry.maxF, state }),
    });
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationError);
    expect(cliMessage(err)).toMatch(/max F = .* exceeded --f-max .*blows up in finite time/);
    const last = entries.at(-1)!;
    expect(last.maxF).toBeGreaterThan(fMax);
    expect(entries.at(-2)!.maxF).toBeLessThanOrEqual(fMax);
    expect((err as SimulationError).lastGood.t).toBe(last.t);
    expect(identical((err as SimulationError).lastGood.state, last.state)).toBe(true);
  });
});

describe.skipIf(!gpu)('WGSL backend with γ ≠ −3 and ε > 0 against the f64 reference', () => {
  // f32 round-off of the FFT path follows the largest kernel weight, which for γ ≥ 0 sits at the far
  // corner of the table, ~(2√3 N)^{γ+2} times the near weights: those kernels get a looser bound.
  const bound = (conv: 'direct' | 'fft', gamma: number) => (conv === 'fft' && gamma >= 0 ? 1e-4 : 1e-5);
  for (const gamma of [0, -1.5, 1]) {
    for (const conv of ['direct', 'fft'] as const) {
      it(`γ = ${gamma}, ${conv}: A[F], Q(F,F), stiffness and two RK3 steps with ε = 0.5 agree (N = 8)`, async () => {
        const grid = new Grid({ n: 8, L: 5 });
        const f = randomPositiveField(grid.sample(unitMaxwellian), 11);
        const cpu = new CpuLandauOperator(grid, { equation: new Equation({ gamma, epsF2: 0.5 }) });
        const gop = await GpuLandauOperator.create(grid, gpu!, shaders, { conv, equation: new Equation({ gamma, epsF2: 0.5 }) });
        try {
          cpu.setState(f);
          gop.setState(f);
          const errA = maxRelativeError(await gop.diffusionMatrix(), await cpu.diffusionMatrix());
          const errQ = maxRelativeError(await gop.collision(), await cpu.collision());
          const [mg, mc] = [await gop.moments(), await cpu.moments()];
          await cpu.advance(1e-3, 2);
          await gop.advance(1e-3, 2);
          const errState = maxRelativeError(await gop.getState(), await cpu.getState());
          console.log(`γ = ${gamma}, ${conv}: A ${errA.toExponential(2)}, Q ${errQ.toExponential(2)}, state after 2 steps ${errState.toExponential(2)}`);
          expect(errA).toBeLessThan(bound(conv, gamma));
          expect(errQ).toBeLessThan(bound(conv, gamma));
          expect(Math.abs(mg.stiffness - mc.stiffness) / mc.stiffness).toBeLessThan(1e-5);
          expect(errState).toBeLessThan(1e-6);
        } finally {
          gop.dispose();
        }
      });
    }
  }

  it('ε = 0 and γ = −3 given explicitly are the plain operator, bit for bit (short run)', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const f0 = initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS);
    const runs = [];
    for (const options of [{ conv: 'direct' as const }, { conv: 'direct' as const, equation: new Equation({ gamma: -3, epsF2: 0 }) }]) {
      const op = await GpuLandauOperator.create(grid, gpu!, shaders, options);
      runs.push(await shortRun(op, f0));
      op.dispose();
    }
    expect(runs[1]!.dt).toEqual(runs[0]!.dt);
    expect(identical(runs[1]!.state, runs[0]!.state)).toBe(true);
  });

  it('a blowing-up run stops once the step collapses, the last good state restored on the device', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'direct', equation: new Equation({ epsF2: 50 }) });
    op.setState(grid.sample(unitMaxwellian));
    const outputs: number[] = [];
    const err = await simulate(op, { tEnd: 2, dtOut: 0.05, cfl: 0.5, rateTol: 0.02 }, {
      onOutput: (entry) => void outputs.push(entry.t),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as Error).message).toMatch(/blows up in finite time/);
    const good = (err as SimulationError).lastGood;
    expect(good.t).toBe(outputs.at(-1));
    expect(good.t).toBeLessThan(1);
    expect(good.state.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(maxRelativeError(await op.getState(), good.state)).toBeLessThan(1e-6);
    op.dispose();
  });

  it('the mass grows at the rate ε∫F²', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'direct', equation: new Equation({ epsF2: 2 }) });
    const err = await massRateError(op, 2, 1e-2);
    op.dispose();
    console.log(`GPU: relative error of dm/dt against ε∫F² at dt = 1e-2: ${err.toExponential(2)}`);
    expect(err).toBeLessThan(1e-2);
  });
});

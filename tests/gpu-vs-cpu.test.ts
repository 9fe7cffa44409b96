// The WGSL backend against the CPU f64 reference on random positive fields.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { maxRelativeError, randomPositiveField, shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

describe.skipIf(!gpu)('GPU (WGSL) vs CPU f64 reference', () => {
  for (const n of [8, 12]) {
    it(`A[F], Q(F,F) and moments agree at N = ${n} (max-norm error relative to max |reference|)`, async () => {
      const grid = new Grid({ n, L: 6 });
      const f = randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), 7 + n);
      const cpu = new CpuLandauOperator(grid);
      const gop = await GpuLandauOperator.create(grid, gpu!, shaders);
      cpu.setState(f);
      gop.setState(f);
      const errA = maxRelativeError(await gop.diffusionMatrix(), await cpu.diffusionMatrix());
      const errQ = maxRelativeError(await gop.collision(), await cpu.collision());
      console.log(`N=${n}: A[F] rel. error ${errA.toExponential(2)}, Q(F,F) rel. error ${errQ.toExponential(2)}`);
      expect(errA).toBeLessThan(1e-5);
      expect(errQ).toBeLessThan(1e-5);
      const [mg, mc] = [await gop.moments(), await cpu.moments()];
      expect(Math.abs(mg.mass - mc.mass) / mc.mass).toBeLessThan(1e-7);
      expect(Math.abs(mg.energy - mc.energy) / mc.energy).toBeLessThan(1e-7);
      expect(Math.abs(mg.entropy - mc.entropy) / Math.abs(mc.entropy)).toBeLessThan(1e-6);
      expect(Math.abs(mg.entropyRate - mc.entropyRate) / Math.abs(mc.entropyRate)).toBeLessThan(1e-4);
      expect(Math.abs(mg.stiffness - mc.stiffness) / mc.stiffness).toBeLessThan(1e-5);
      gop.dispose();
    });
  }

  it('Q(M,M) in f32 is small next to Q of the blow-down data and shrinks with N', async () => {
    const ratios: number[] = [];
    for (const n of [8, 12, 16]) {
      const grid = new Grid({ n, L: 6 });
      const op = await GpuLandauOperator.create(grid, gpu!, shaders);
      op.setState(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)));
      const qm = Math.max(...(await op.collision()).map(Math.abs));
      op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
      const qb = Math.max(...(await op.collision()).map(Math.abs));
      ratios.push(qm / qb);
      op.dispose();
    }
    console.log(`max|Q(M,M)| / max|Q(blow-down)| at N = 8, 12, 16: ${ratios.map((r) => r.toExponential(2)).join(', ')}`);
    expect(ratios[1]).toBeLessThan(ratios[0]!);
    expect(ratios[2]).toBeLessThan(ratios[1]!);
    expect(ratios[2]).toBeLessThan(1e-5);
  });
});

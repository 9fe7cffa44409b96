// The WGSL backend against the CPU f64 reference on random positive fields.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/grid/grid.js';
import { maxwellian } from '../src/math/closed-forms.js';
import { CpuLandauOperator } from '../src/operator/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/operator/gpu/gpu-operator.js';
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
});

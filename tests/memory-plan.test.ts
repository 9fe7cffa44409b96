// The GPU memory plan (src/operator/gpu/memory-plan.ts) against what the operator allocates, its
// verdict against the adapter's limits, and `run --dry-run`, which prints the plan and writes nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/grid/grid.js';
import { GpuLandauOperator } from '../src/operator/gpu/gpu-operator.js';
import { gpuMemoryPlan, largestFittingN, planSummary } from '../src/operator/gpu/memory-plan.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('memory-plan');
const GIB = 2 ** 30;

describe('GPU memory plan', () => {
  it('N = 256 on an adapter with 2 GiB per buffer: the FFT work buffers are over it, the plan says so and names the N that fits', () => {
    const limits = { maxBufferSize: 2 * GIB, maxStorageBufferBindingSize: 2 * GIB };
    const plan = gpuMemoryPlan(256, 'fft', limits);
    expect(plan.fits).toBe(false);
    expect(plan.largest.bytes).toBe(6 * 512 ** 3 * 8);
    expect(largestFittingN(256, 'fft', limits)).toBe(128);
    expect(planSummary(plan, limits)).toMatch(/largest N that fits is 128/);
    expect(gpuMemoryPlan(128, 'fft', limits).fits).toBe(true);
  });

  describe.skipIf(!gpu)('equals what the operator allocates', () => {
    for (const conv of ['direct', 'fft'] as const) {
      for (const n of [8, 12]) {
        it(`${conv}, N = ${n}`, async () => {
          const op = await GpuLandauOperator.create(new Grid({ n, L: 6 }), gpu!, shaders, { conv });
          try {
            expect(op.gpuStorageBytes).toBe(gpuMemoryPlan(n, conv, gpu!.device.limits).total);
          } finally {
            op.dispose();
          }
        });
      }
    }
  });
});

describe.skipIf(!gpu)('run --dry-run', () => {
  it('prints the plan for the chosen backend and path and writes nothing', async () => {
    const out = join(workdir, 'dry');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '256', '--backend', 'gpu', '--conv', 'fft', '--dry-run', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/FFT work A/);
    expect(r.stdout).toMatch(/N = 256 \(fft\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('prints the native CPU backend plan too', async () => {
    const out = join(workdir, 'dry-cpu');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '64', '--backend', 'cpu', '--dry-run', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/native CPU backend/);
    expect(r.stdout).toMatch(/fits/);
    expect(existsSync(out)).toBe(false);
  });
});

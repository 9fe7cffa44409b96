// The GPU memory plan (src/backends/gpu/memory-plan.ts) against what the operator allocates, its
// verdict against the adapter's limits, and `run --dry-run`, which prints the plan and writes nothing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { gpuMemoryPlan, largestFittingN, planSummary } from '../src/backends/gpu/memory-plan.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { shaders, testGpu } from './support/gpu.js';
import { word } from '../src/core/errors/user-input-error.js';
import { CLI_FLAGS } from '../src/cli/option-flags.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('memory-plan');
const GIB = 2 ** 30;

describe('GPU memory plan', () => {
  it('N = 256 on an adapter with 2 GiB per buffer: the FFT work sets are split into one 1 GiB buffer per field, and the plan fits', () => {
    const limits = { maxBufferSize: 2 * GIB, maxStorageBufferBindingSize: 2 * GIB };
    const plan = gpuMemoryPlan(256, 'fft', limits);
    expect(plan.split).toBe(true);
    expect(plan.fits).toBe(true);
    expect(plan.largest.bytes).toBe(512 ** 3 * 8);
    expect(gpuMemoryPlan(128, 'fft', limits).split).toBe(false);
    expect(word(planSummary(plan, limits), CLI_FLAGS)).toMatch(/one buffer per FFT field.*fits$/);
  });

  it('N = 96 pads to 192³, not 256³: the work sets, the octant of the kernel spectra and the twiddles', () => {
    const plan = gpuMemoryPlan(96, 'fft', { maxBufferSize: 2 * GIB, maxStorageBufferBindingSize: 2 * GIB });
    const bytes = (name: RegExp) => plan.buffers.find((b) => name.test(b.name))?.bytes;
    expect(bytes(/^FFT work A \(6 complex fields of 192³\)$/)).toBe(6 * 192 ** 3 * 8);
    expect(bytes(/^kernel spectra \(6 real fields on the octant 97³\)$/)).toBe(6 * 97 ** 3 * 4);
    expect(bytes(/^twiddles$/)).toBe(192 * 8);
  });

  it('a grid whose single fields exceed the limit is refused with the N that fits', () => {
    const limits = { maxBufferSize: 2 * GIB, maxStorageBufferBindingSize: 2 * GIB };
    // One complex field of 640³ is 1.95 GiB, of 648³ 2.03 GiB: N = 320 (m = 640) fits, N = 321 (m = 648) does not.
    const plan = gpuMemoryPlan(330, 'fft', limits);
    expect(plan.fits).toBe(false);
    expect(largestFittingN(330, 'fft', limits)).toBe(320);
    expect(word(planSummary(plan, limits), CLI_FLAGS)).toMatch(/largest N that fits is 320/);
    // A run's cap below one field of N = 16 (m = 32: 256 KiB); N = 12 pads to m = 24.
    const capped = { ...limits, maxBufferBytes: 32 ** 3 * 8 - 8 };
    expect(gpuMemoryPlan(16, 'fft', capped).fits).toBe(false);
    expect(word(planSummary(gpuMemoryPlan(16, 'fft', capped), capped), CLI_FLAGS)).toMatch(/per buffer --max-buffer-mib allows; the largest N that fits is 12/);
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
    expect(r.stdout).toMatch(/N = 256 \(fft/);
    expect(existsSync(out)).toBe(false);
  });

  it('prints the native CPU backend plan too, with the padded grid (N = 72: 144³)', async () => {
    const out = join(workdir, 'dry-cpu');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '72', '--backend', 'cpu', '--dry-run', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/native CPU backend/);
    expect(r.stdout).toMatch(/FFT workspace \(26 f64 fields of the padded 144³ grid\) +0\.\d+ GiB/);
    expect(r.stdout).toMatch(/fits/);
    expect(existsSync(out)).toBe(false);
  });
});

// Field sets larger than one buffer may hold (N = 256 on an adapter with a 2 GiB binding limit) are
// split into one buffer per complex field. A cap on the buffer size forces the split at small N, and
// every result must be bit for bit the batched one: the same arithmetic runs on other bindings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { fftSize } from '../src/core/grid/fft-size.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { gpuMemoryPlan, planLimits } from '../src/backends/gpu/memory-plan.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('split-buffers');

describe.skipIf(!gpu)('one buffer per FFT field gives the same bits', () => {
  for (const n of [8, 12]) {
    it(`N = ${n}: A[F], Q(F,F), the bilinear Q(F,G), moments and three RK3 steps`, async () => {
      const grid = new Grid({ n, L: 6 });
      const f = initialState(grid, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3 });
      const g = initialState(grid, 'two-maxwellians', DEFAULT_SCENARIO_PARAMS);
      // A cap of one field forces the split (a whole set is six).
      const cap = fftSize(n) ** 3 * 8;
      const run = async (maxBufferBytes?: number) => {
        const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'fft', maxBufferBytes });
        try {
          expect(op.gpuStorageBytes).toBe(gpuMemoryPlan(n, 'fft', planLimits(gpu!.device, maxBufferBytes)).total);
          op.setState(f);
          const a = await op.diffusionMatrix();
          const q = await op.collision();
          const bilinear = await op.bilinear(f, g, f);
          const m = await op.moments();
          await op.advance(1e-3, 3);
          return { a, q, bilinear, m, state: await op.getState() };
        } finally {
          op.dispose();
        }
      };
      const batched = await run();
      const split = await run(cap);
      expect(gpuMemoryPlan(n, 'fft', planLimits(gpu!.device, cap)).split).toBe(true);
      expect(Array.from(split.a)).toEqual(Array.from(batched.a));
      expect(Array.from(split.q)).toEqual(Array.from(batched.q));
      expect(Array.from(split.bilinear)).toEqual(Array.from(batched.bilinear));
      expect(split.m).toEqual(batched.m);
      expect(Array.from(split.state)).toEqual(Array.from(batched.state));
    });
  }
});

describe.skipIf(!gpu)('run --max-buffer-mib', () => {
  // N = 16 (m = 32): a field set is 1.5 MiB, one field 256 KiB; N = 24 (m = 48): 5.1 MiB and 0.84 MiB.
  for (const [n, mib] of [[16, 1], [24, 4]] as const) {
    it(`N = ${n}, FFT path, at most ${mib} MiB per buffer: final.npy byte for byte the uncapped one`, async () => {
      const args = ['run', '--scenario', 'two-maxwellians', '--n', String(n), '--t-end', '0.03', '--dt-out', '0.01', '--backend', 'gpu', '--conv', 'fft', '--quiet'];
      const plain = await landau3d([...args, '--out', join(workdir, `plain-${n}`)]);
      const capped = await landau3d([...args, '--max-buffer-mib', String(mib), '--out', join(workdir, `capped-${n}`)]);
      expect(plain.code).toBe(0);
      expect(capped.code).toBe(0);
      const dry = await landau3d([...args, '--max-buffer-mib', String(mib), '--dry-run', '--out', join(workdir, `dry-${n}`)]);
      expect(dry.stdout).toMatch(/one buffer per FFT field/);
      const final = (dir: string) => readFileSync(join(workdir, dir, 'final.npy'));
      expect(final(`capped-${n}`).equals(final(`plain-${n}`))).toBe(true);
    });
  }

  it('the direct path has no field sets to split: a cap below its largest buffer is refused, naming the N that fits', async () => {
    const r = await landau3d(['run', '--scenario', 'maxwellian', '--n', '16', '--backend', 'gpu', '--conv', 'direct', '--max-buffer-mib', '0.1', '--quiet', '--out', join(workdir, 'direct')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/grid too large for this GPU: .*--max-buffer-mib allows; the largest N that fits is 14/);
  });

  it('is refused for the CPU backend and for sizes that are not positive', async () => {
    for (const extra of [['--backend', 'cpu', '--max-buffer-mib', '4'], ['--max-buffer-mib', '0'], ['--max-buffer-mib', 'NaN']]) {
      const r = await landau3d(['run', '--n', '8', '--quiet', '--out', join(workdir, 'bad'), ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--max-buffer-mib/);
    }
  });
});

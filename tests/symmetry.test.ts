// The discrete Q commutes with all 48 symmetries of the cubic grid (permutations and reflections
// of the axes), on every backend: the flux is averaged over all eight sign patterns of one-sided
// differences. Data with a symmetry keep it along a run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { decodeNpy } from '../src/io/npy.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { shaders, testGpu } from './support/gpu.js';
import { commutationError, transform } from './support/symmetry.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('symmetry');

describe('Q commutes with the 48 symmetries of the grid', () => {
  it('CPU f64, direct reference and native FFT (N = 9, random positive data)', async () => {
    const grid = new Grid({ n: 9, L: 5 });
    for (const conv of ['direct', 'fft'] as const) {
      const err = await commutationError(new CpuLandauOperator(grid, { conv }), 3);
      console.log(`CPU ${conv}: largest commutation error ${err.toExponential(2)}`);
      expect(err).toBeLessThan(1e-13);
    }
  });

  it.skipIf(!gpu)('GPU f32, direct and FFT paths (N = 8)', async () => {
    const grid = new Grid({ n: 8, L: 5 });
    for (const conv of ['direct', 'fft'] as const) {
      const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv });
      const err = await commutationError(op, 5);
      op.dispose();
      console.log(`GPU ${conv}: largest commutation error ${err.toExponential(2)}`);
      expect(err).toBeLessThan(1e-5);
    }
  });
});

describe('data symmetric under v_x → −v_x stay so along a run (two Maxwellians at ±1.5 e_x, L = 7, N = 12, t = 1)', () => {
  const run = async (backend: 'cpu' | 'gpu') => {
    const out = join(workdir, backend);
    const r = await landau3d(['run', '--scenario', 'two-maxwellians', '--shift', '1.5', '--L', '7', '--n', '12', '--t-end', '1', '--dt-out', '1', '--backend', backend, '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const f = decodeNpy(readFileSync(join(out, 'final.npy'))).data;
    const norm = Math.hypot(...f);
    const reflected = (axis: number) => transform(f, 12, (i, j, k, n) => [i, j, k].map((x, a) => (a === axis ? n - 1 - x : x)) as [number, number, number]);
    const asymmetry = [0, 1, 2].map((a) => Math.hypot(...f.map((v, c) => v - reflected(a)[c]!)) / norm);
    const last = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8')).series.at(-1);
    const offDiagonal = Math.max(Math.abs(last.temperature[0][1]), Math.abs(last.temperature[0][2]), Math.abs(last.temperature[1][2]));
    return { asymmetry, offDiagonal, steps: last.step };
  };

  it('CPU f64: every reflection to 1e-12, off-diagonal temperatures to 1e-14', async () => {
    const { asymmetry, offDiagonal, steps } = await run('cpu');
    console.log(`CPU, ${steps} steps: ‖F − F(reflected)‖/‖F‖ = ${asymmetry.map((x) => x.toExponential(2)).join(', ')}; max |T_ab|, a ≠ b: ${offDiagonal.toExponential(2)}`);
    for (const a of asymmetry) expect(a).toBeLessThan(1e-12);
    expect(offDiagonal).toBeLessThan(1e-14);
  });

  it.skipIf(!gpu)('GPU f32: every reflection to 1e-6', async () => {
    const { asymmetry, offDiagonal, steps } = await run('gpu');
    console.log(`GPU, ${steps} steps: ‖F − F(reflected)‖/‖F‖ = ${asymmetry.map((x) => x.toExponential(2)).join(', ')}; max |T_ab|, a ≠ b: ${offDiagonal.toExponential(2)}`);
    for (const a of asymmetry) expect(a).toBeLessThan(1e-6);
  });
});

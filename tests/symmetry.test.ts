// The discrete Q commutes with all 48 symmetries of the cubic grid (permutations and reflections
// of the axes), on every backend: the flux is averaged over all eight sign patterns of one-sided
// differences. Data with a symmetry keep it along a run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/grid/grid.js';
import { decodeNpy } from '../src/io/npy.js';
import { maxwellian } from '../src/math/closed-forms.js';
import { CpuLandauOperator } from '../src/operator/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/operator/gpu/gpu-operator.js';
import type { LandauOperator } from '../src/operator/landau-operator.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { randomPositiveField, shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('symmetry');

type CellMap = (i: number, j: number, k: number, n: number) => [number, number, number];

/** The 48 maps: an axis permutation, then a reflection of each axis or not. */
function cubicGroup(): { name: string; map: CellMap }[] {
  const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  const out: { name: string; map: CellMap }[] = [];
  for (const p of perms)
    for (let flips = 0; flips < 8; flips++) {
      out.push({
        name: `perm ${p.join('')} flips ${flips.toString(2).padStart(3, '0')}`,
        map: (i, j, k, n) => {
          const c = [i, j, k];
          const q = [c[p[0]!]!, c[p[1]!]!, c[p[2]!]!];
          return q.map((x, a) => ((flips >> a) & 1 ? n - 1 - x : x)) as [number, number, number];
        },
      });
    }
  return out;
}

function transform(f: Float64Array, n: number, map: CellMap): Float64Array {
  const out = new Float64Array(f.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        const [a, b, c] = map(i, j, k, n);
        out[(a * n + b) * n + c] = f[(i * n + j) * n + k]!;
      }
  return out;
}

/** Largest ‖Q(gF) − g Q(F)‖∞ / ‖Q(F)‖∞ over the group, for a random positive F. */
async function commutationError(op: LandauOperator, seed: number): Promise<number> {
  const { grid } = op;
  const f = randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), seed);
  op.setState(f);
  const q = await op.collision();
  const scale = Math.max(...q.map(Math.abs));
  let worst = 0;
  for (const { map } of cubicGroup()) {
    op.setState(transform(f, grid.n, map));
    const qg = await op.collision();
    const gq = transform(q, grid.n, map);
    for (let c = 0; c < q.length; c++) worst = Math.max(worst, Math.abs(qg[c]! - gq[c]!) / scale);
  }
  return worst;
}

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

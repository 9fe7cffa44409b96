// Dispatches beyond the per-dimension workgroup limit (65,535; N = 256 needs more on both paths) are
// folded into 2D or 3D grids of workgroups. A small limit forces the folding at N = 8 — with groups
// past the end of the work in every folded dispatch — and every result must be bit for bit the
// unfolded one.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { foldGroups } from '../src/backends/gpu/gpu-resources.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

describe('folding of 1D work into a 3D grid of workgroups', () => {
  it('covers every group once and refuses what no grid under the limit holds', () => {
    expect(foldGroups(10, 65535)).toEqual([10, 1, 1]);
    expect(foldGroups(65536, 65535)).toEqual([65535, 2, 1]);
    expect(foldGroups(64, 6)).toEqual([6, 6, 2]);
    for (const [groups, limit] of [[1, 1], [7, 2], [100, 5], [216, 6]] as const) {
      const [x, y, z] = foldGroups(groups, limit);
      expect(Math.max(x, y, z)).toBeLessThanOrEqual(limit);
      expect(x * y * z).toBeGreaterThanOrEqual(groups);
      expect(x * y * (z - 1)).toBeLessThan(groups);
    }
    expect(() => foldGroups(217, 6)).toThrow(/exceed 6³/);
  });
});

describe.skipIf(!gpu)('folded dispatches give the same bits (N = 8, at most 6 workgroups per dimension)', () => {
  for (const conv of ['direct', 'fft'] as const) {
    it(`${conv}: A[F], Q(F,F), moments and three RK3 steps`, async () => {
      const grid = new Grid({ n: 8, L: 6 });
      const f = initialState(grid, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3 });
      const run = async (maxGroupsPerDimension?: number) => {
        const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv, maxGroupsPerDimension });
        try {
          op.setState(f);
          const a = await op.diffusionMatrix();
          const q = await op.collision();
          const m = await op.moments();
          await op.advance(1e-3, 3);
          return { a, q, m, state: await op.getState() };
        } finally {
          op.dispose();
        }
      };
      const plain = await run();
      const folded = await run(6);
      expect(Array.from(folded.a)).toEqual(Array.from(plain.a));
      expect(Array.from(folded.q)).toEqual(Array.from(plain.q));
      expect(folded.m).toEqual(plain.m);
      expect(Array.from(folded.state)).toEqual(Array.from(plain.state));
    });
  }
});

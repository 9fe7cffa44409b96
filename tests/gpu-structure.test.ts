// Structural performance regression test: what the GPU layer does per RK3 step, counted, against
// bench/baselines/structure.json. Holds on any machine, however slow or noisy.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { shaders, testGpu } from './support/gpu.js';

const baseline = JSON.parse(readFileSync(new URL('../bench/baselines/structure.json', import.meta.url), 'utf8'));
const gpu = await testGpu();
afterAll(() => gpu?.release());

describe.skipIf(!gpu)('GPU work per time step', () => {
  for (const conv of ['direct', 'fft'] as const) {
    it(`${conv}: no allocations, pipeline creations or extra read-backs in the time loop`, async () => {
      const grid = new Grid({ n: baseline.n, L: 6 });
      const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv });
      op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
      await op.advance(1e-3, 1); // warm-up: first use of every path
      const before = { ...op.counters };
      await op.advance(1e-3, baseline.steps);
      const after = op.counters;
      const expected = baseline.paths[conv];
      const measured = {
        dispatchesPerStep: (after.dispatches - before.dispatches) / baseline.steps,
        submitsPerAdvance: after.submits - before.submits,
        readbacksPerAdvance: after.readbacks - before.readbacks,
        bufferCreations: after.bufferCreations - before.bufferCreations,
        pipelineCreations: after.pipelineCreations - before.pipelineCreations,
      };
      expect(measured).toEqual(expected);
      op.dispose();
    });
  }
});

// The full 3D solver on radial data against the radial reference solver (WGSL path).
import { afterAll, describe, expect, it } from 'vitest';
import { outputDiagnostics } from '../src/diagnostics/output-diagnostics.js';
import { Grid } from '../src/core/grid/grid.js';
import { resolveConv } from '../src/backends/node/create-operator-node.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { simulate } from '../src/solver/simulate.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const params = { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3, alpha: 0.4 };

async function run(n: number, tEnd: number) {
  const grid = new Grid({ n, L: 6 });
  const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: resolveConv('auto', n) });
  op.setState(initialState(grid, 'blowdown', params));
  const diagnose = outputDiagnostics(grid, { scenario: 'blowdown', params, rw: 4, compareRadial: true });
  const series = await simulate(op, { tEnd, dtOut: tEnd / 2, cfl: 0.5, rateTol: 0.02 }, {}, diagnose);
  op.dispose();
  return series;
}

describe.skipIf(!gpu)('3D blow-down (δ = 0.3) against the radial reference', () => {
  it('radial_error decreases as N grows (N = 12, 16, 24 at t = 0.5), anisotropy stays at discretisation level', async () => {
    const results = [];
    for (const n of [12, 16, 24]) results.push({ n, series: await run(n, 0.5) });
    const errors = results.map((r) => r.series[r.series.length - 1]!.radial_error as number);
    const anisotropy = results.map((r) => Math.max(...r.series.map((e) => e.anisotropy as number)));
    console.log(`radial_error at t = 0.5: ${errors.map((e) => e.toExponential(3)).join(', ')}; max anisotropy ${anisotropy.map((a) => a.toExponential(2)).join(', ')}`);
    expect(errors[1]).toBeLessThan(errors[0]!);
    expect(errors[2]).toBeLessThan(errors[1]!);
    for (const r of results) {
      // Exactly radial data: the spherical average reproduces them (the radial reference itself is
      // a 400-shell f64 solution, interpolated).
      expect(r.series[0]!.anisotropy as number).toBeLessThan(1e-4);
      expect(r.series[0]!.radial_error as number).toBeLessThan(1e-3);
    }
    // The cubic grid's imprint on the radial dynamics: well below the change of F over the run.
    for (const a of anisotropy) expect(a).toBeLessThan(2e-3);
  });
});

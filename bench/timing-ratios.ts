// Time ratios measured in one process, which survive a slow or noisy machine better than times:
// Q(F,F) on each path against a calibration copy kernel over the same grid, and FFT against direct.
// Used by `npm run bench:check` (against bench/baselines/ratios.json) and by the test suite.
import { Grid } from '../src/core/grid/grid.js';
import type { GpuHandle } from '../src/backends/gpu/device/gpu-handle.js';
import type { ShaderLibrary } from '../src/backends/gpu/programs/shader-library.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { GpuResources } from '../src/backends/gpu/gpu-resources.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';

export interface TimingRatios {
  n: number;
  copySeconds: number;
  directOverCopy: number;
  fftOverCopy: number;
  fftOverDirect: number;
}

/** The fastest of several timed calls after a warm-up: the least disturbed by other load. */
async function fastest(repeats: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await f();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

export async function measureTimingRatios(handle: GpuHandle, shaders: ShaderLibrary, n: number, repeats = 7): Promise<TimingRatios> {
  const grid = new Grid({ n, L: 6 });
  const device = handle.device;
  const res = new GpuResources(device, shaders);
  // A copy large enough to measure memory traffic rather than dispatch latency.
  const words = Math.max(grid.cells, 1 << 20);
  const input = res.storage(words * 4);
  const output = res.storage(words * 4);
  const copy = res.pipeline('calibration_copy');
  const group = res.bind(copy, { input, output });
  // Enough copies per timed call that the call is not dominated by submission latency.
  const copies = 16;
  const copySeconds =
    (await fastest(repeats, async () => {
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      for (let k = 0; k < copies; k++) res.dispatch(pass, copy, group, words);
      pass.end();
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    })) / copies;
  res.destroyAll();

  const qSeconds: Record<'direct' | 'fft', number> = { direct: 0, fft: 0 };
  for (const conv of ['direct', 'fft'] as const) {
    const op = await GpuLandauOperator.create(grid, handle, shaders, { conv });
    op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
    qSeconds[conv] = await fastest(repeats, () => op.collision());
    op.dispose();
  }
  return {
    n,
    copySeconds,
    directOverCopy: qSeconds.direct / copySeconds,
    fftOverCopy: qSeconds.fft / copySeconds,
    fftOverDirect: qSeconds.fft / qSeconds.direct,
  };
}

export interface RatioComparison {
  /** Ratios grown beyond baseline × tolerance: regressions. */
  regressions: string[];
  /** Ratios fallen below baseline / tolerance: faster than recorded, the baseline is stale. */
  improvements: string[];
}

export function compareWithBaseline(measured: TimingRatios, baseline: TimingRatios, tolerance: number): RatioComparison {
  const out: RatioComparison = { regressions: [], improvements: [] };
  for (const key of ['directOverCopy', 'fftOverCopy', 'fftOverDirect'] as const) {
    const ratio = measured[key] / baseline[key];
    const line = `${key} = ${measured[key].toFixed(3)} is ${ratio.toFixed(2)}× its baseline ${baseline[key].toFixed(3)}`;
    if (ratio > tolerance) out.regressions.push(line);
    if (ratio < 1 / tolerance) out.improvements.push(`${line}; record a new baseline (npm run bench:check -- --update)`);
  }
  return out;
}

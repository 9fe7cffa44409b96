// GPU timing for the benchmark: timestamp queries around a submission's pass, or around each of its
// dispatches, labelled by pipeline. Off unless asked for, so the time loop is unchanged.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { KernelTimer } from '../src/backends/gpu/kernel-timer.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const timestamps = gpu !== null && KernelTimer.supported(gpu.device);

describe.skipIf(!timestamps)('GPU time from timestamp queries', () => {
  it('times a whole Q(F,F) evaluation, and each of its kernels by pipeline label', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'fft' });
    op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
    const untimed = await op.collision();

    const passTimer = op.timeSubmissions('pass')!;
    expect(passTimer).not.toBeNull();
    const timed = await op.collision();
    const whole = await passTimer.read();
    expect(Object.keys(whole.kernels)).toEqual(['pass']);
    expect(whole.kernels.pass!.count).toBe(1);
    expect(whole.total).toBeGreaterThan(0);
    // Nothing is left over for the next read.
    expect((await passTimer.read()).total).toBe(0);
    // Several submissions between reads: each one counted.
    await op.collision();
    await op.collision();
    const two = await passTimer.read();
    expect(two.kernels.pass!.count).toBe(2);
    expect(two.total).toBeGreaterThan(0);

    const kernelTimer = op.timeSubmissions('kernel')!;
    const before = op.counters.dispatches;
    const split = await op.collision();
    const dispatches = op.counters.dispatches - before;
    const byKernel = await kernelTimer.read();
    const counted = Object.values(byKernel.kernels).reduce((sum, k) => sum + k.count, 0);
    const ms = (seconds: number) => `${(seconds * 1e3).toFixed(2)} ms`;
    console.log(`N = 8, FFT path: Q ${ms(whole.total)} on the GPU; by kernel: ${Object.entries(byKernel.kernels).map(([label, k]) => `${label} ${ms(k.seconds)} (${k.count})`).join(', ')}`);
    expect(counted).toBe(dispatches);
    // m = 16: one radix-16 step per axis, 3 axes, forward and inverse.
    expect(byKernel.kernels['fft_stage:RADIX16']?.count).toBe(6);
    expect(byKernel.kernels['fft_multiply:A_OUTPUTS:B_OUTPUTS']?.count).toBe(1);
    expect(byKernel.total).toBeGreaterThan(0);

    // Timing changes how the work is submitted, not what it computes.
    op.timeSubmissions(null);
    expect(Array.from(timed)).toEqual(Array.from(untimed));
    expect(Array.from(split)).toEqual(Array.from(untimed));
    op.dispose();
  });
});

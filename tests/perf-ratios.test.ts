// Timing-ratio regression test, small-N version of `npm run bench:check`: ratios measured in this
// process against bench/baselines/ratios.json for this adapter, with a generous tolerance.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithBaseline, measureTimingRatios, type TimingRatios } from '../bench/timing-ratios.js';
import { shaders, testGpu } from './support/gpu.js';

const N = 12;
const TOLERANCE = 4;
const baselines: Record<string, Record<string, TimingRatios>> = JSON.parse(readFileSync(new URL('../bench/baselines/ratios.json', import.meta.url), 'utf8'));
const gpu = await testGpu();
afterAll(() => gpu?.release());

describe.skipIf(!gpu)('timing ratios against the committed baseline', () => {
  it(`Q direct/copy, Q fft/copy and fft/direct at N = ${N} within ×${TOLERANCE}`, async () => {
    const key = gpu!.description.split(' (')[0]!;
    const baseline = baselines[key]?.[String(N)];
    const measured = await measureTimingRatios(gpu!, shaders, N);
    console.log(`${key}: ${JSON.stringify(measured)}`);
    if (!baseline) {
      // A new kind of adapter: nothing to compare with yet, said loudly rather than skipped silently.
      console.warn(`NO TIMING BASELINE for '${key}' at N = ${N}; record one with npm run bench:check -- --n ${N} --update`);
      expect(process.env.CI, 'CI runs on an adapter with a committed baseline').toBeFalsy();
      return;
    }
    const { regressions, improvements } = compareWithBaseline(measured, baseline, TOLERANCE);
    for (const line of improvements) console.warn(`faster than the baseline: ${line}`);
    expect(regressions).toEqual([]);
  });
});

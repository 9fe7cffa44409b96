// `npm run bench:check`: the timing-ratio regression check against bench/baselines/ratios.json for
// the adapter in use (baselines are per adapter architecture; `--update` records this machine's).
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { acquireNodeGpu } from '../src/backends/gpu/device/node-gpu.js';
import { ShaderLibrary } from '../src/backends/gpu/programs/shader-library.js';
import { loadShaderSources } from '../src/backends/gpu/programs/shader-sources-node.js';
import { compareWithBaseline, measureTimingRatios, type TimingRatios } from './timing-ratios.js';

const opts = new Command('bench:check')
  .option('--n <N>', 'grid size', '16')
  .option('--tolerance <x>', 'allowed factor between measured and baseline ratios', '3')
  .option('--update', 'record the measured ratios as the baseline of this adapter')
  .parse(process.argv)
  .opts<{ n: string; tolerance: string; update?: boolean }>();

const file = new URL('./baselines/ratios.json', import.meta.url);
const baselines: Record<string, Record<string, TimingRatios>> = JSON.parse(readFileSync(file, 'utf8'));
const gpu = await acquireNodeGpu();
const key = gpu.description.split(' (')[0]!;
const measured = await measureTimingRatios(gpu, new ShaderLibrary(loadShaderSources()), Number(opts.n));
console.log(`${key}, N = ${measured.n}: copy ${(measured.copySeconds * 1e3).toFixed(3)} ms; Q direct/copy ${measured.directOverCopy.toFixed(1)}, Q fft/copy ${measured.fftOverCopy.toFixed(1)}, fft/direct ${measured.fftOverDirect.toFixed(3)}`);
if (opts.update) {
  baselines[key] = { ...baselines[key], [opts.n]: measured };
  writeFileSync(file, JSON.stringify(baselines, null, 1) + '\n');
  console.log('baseline updated');
  process.exit(0);
}
const baseline = baselines[key]?.[opts.n];
if (!baseline) {
  console.error(`no baseline for '${key}' at N = ${opts.n}; record one with npm run bench:check -- --n ${opts.n} --update`);
  process.exit(1);
}
const { regressions, improvements } = compareWithBaseline(measured, baseline, Number(opts.tolerance));
for (const line of improvements) console.log(`faster than the baseline: ${line}`);
for (const line of regressions) console.error(`REGRESSION: ${line}`);
console.log(regressions.length === 0 ? 'no timing-ratio regression' : `${regressions.length} timing ratio(s) regressed`);
process.exit(regressions.length === 0 ? 0 : 1);

// Headless timing of the operator on the Node backends: wall time per A[F], per Q(F,F) and per
// SSP-RK3 step (median and spread over repeats after one warm-up), for each N and convolution path.
//   npm run bench -- [--n 8,12,16,24,32] [--conv direct,fft] [--backend gpu|cpu] [--repeats 3]
// Writes bench/results/<backend>-<device-slug>.json with the device description.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Grid } from '../src/grid/grid.js';
import { createNodeOperator, type BackendChoice, type ConvChoice } from '../src/operator/create-operator-node.js';
import { fftSize } from '../src/operator/gpu/fft-convolution.js';
import { DEFAULT_SCENARIO_PARAMS, initialState } from '../src/scenarios/scenarios.js';
import { GpuLandauOperator } from '../src/operator/gpu/gpu-operator.js';
import { directFlops, fftBytes, fftFlops } from './roofline.js';

const opts = new Command('bench')
  .option('--n <list>', 'grid sizes', '8,12,16,24,32')
  .option('--conv <list>', 'GPU convolution paths', 'direct,fft')
  .option('--backend <b>', 'gpu or cpu', 'gpu')
  .option('--repeats <k>', 'timed repeats per quantity', '3')
  .option('--max-seconds <s>', 'skip a path at larger N once one Q evaluation takes longer than this', '30')
  .parse(process.argv)
  .opts<{ n: string; conv: string; backend: BackendChoice; repeats: string; maxSeconds: string }>();

interface Spread {
  median: number;
  min: number;
  max: number;
}

async function timed(repeats: number, f: () => Promise<unknown>): Promise<Spread> {
  await f();
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await f();
    samples.push((performance.now() - t0) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]!, max: samples[samples.length - 1]! };
}

const paths = opts.backend === 'cpu' ? ['direct'] : opts.conv.split(',');
const rows = [];
let device = '';
const tooSlow = new Set<string>();
for (const n of opts.n.split(',').map(Number)) {
  for (const conv of paths) {
    if (tooSlow.has(conv)) continue;
    const grid = new Grid({ n, L: 6 });
    const { operator, release } = await createNodeOperator(grid, opts.backend, conv as ConvChoice);
    device = operator.description.device;
    operator.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
    const repeats = Number(opts.repeats);
    const q = await timed(repeats, () => operator.collision());
    const a = await timed(repeats, () => operator.diffusionMatrix());
    const step = await timed(repeats, () => operator.advance(1e-3, 1));
    // Direct summation visits (N−2)⁶ interior pairs per flux sweep; the flop and byte models are in roofline.ts.
    const gpuPath = opts.backend !== 'cpu';
    const flops = gpuPath ? (conv === 'fft' ? fftFlops(n) : directFlops(n)) : directFlops(n);
    const bytes = gpuPath && conv === 'fft' ? fftBytes(n) : null;
    const memory = operator instanceof GpuLandauOperator ? operator.gpuMemoryBytes : null;
    const row = {
      n,
      conv: gpuPath ? conv : 'cpu-f64',
      fftSize: gpuPath && conv === 'fft' ? fftSize(n) : null,
      aSeconds: a,
      qSeconds: q,
      stepSeconds: step,
      directPairsPerSecond: conv === 'direct' ? (n - 2) ** 6 / q.median : null,
      qGflops: flops / q.median / 1e9,
      qGBps: bytes === null ? null : bytes / q.median / 1e9,
      gpuMemoryMiB: memory === null ? null : memory / 2 ** 20,
    };
    rows.push(row);
    console.log(
      `N=${String(n).padStart(3)} ${row.conv.padEnd(7)}  A[F] ${a.median.toFixed(4)} s  Q ${q.median.toFixed(4)} s (±${((q.max - q.min) / 2).toFixed(4)})  RK3 step ${step.median.toFixed(4)} s` +
        `  ${row.qGflops.toFixed(2)} GFLOP/s` +
        (row.qGBps !== null ? `  ${row.qGBps.toFixed(2)} GB/s` : '') +
        (row.directPairsPerSecond ? `  ${(row.directPairsPerSecond / 1e9).toFixed(3)}e9 pairs/s` : '') +
        (row.gpuMemoryMiB !== null ? `  ${row.gpuMemoryMiB.toFixed(1)} MiB` : ''),
    );
    release();
    if (q.median > Number(opts.maxSeconds)) tooSlow.add(conv);
  }
}
const slug = `${opts.backend}-${device}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${slug}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ device, backend: opts.backend, date: new Date().toISOString(), rows }, null, 1) + '\n');
console.log(`wrote ${out}`);
process.exit(0);

// Headless timing of the operator on the Node backends: wall time per A[F], per Q(F,F) and per
// SSP-RK3 step (median and spread over repeats after one warm-up), for each N and convolution path;
// on adapters with `timestamp-query`, also the GPU time of the same calls and a per-kernel breakdown
// of one Q and one step.
//   npm run bench -- [--n 8,12,16,24,32] [--conv direct,fft] [--backend gpu|cpu] [--threads k] [--repeats 3] [--max-buffer-mib M] [--gradient-order 2|4|6|8] [--merge]
// On --backend cpu, `fft` is the native CPU backend (f64, worker threads) and `direct` the N⁶ reference.
// Writes <backend>-<device-slug>.json with the device description into --results-dir, by default the
// git-ignored bench/results/local/ (--merge keeps the file's rows for the grid sizes and paths not
// measured in this run).
import { Equation } from '../src/equation/equation.js';
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS } from '../src/equation/log-gradient.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import type { KernelTimer, KernelTimes } from '../src/backends/gpu/kernel-timer.js';
import { Grid } from '../src/core/grid/grid.js';
import { createNodeOperator, type BackendChoice, type ConvChoice } from '../src/backends/node/create-operator-node.js';
import { fftSize } from '../src/core/grid/fft-size.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { mibToBytes } from '../src/backends/gpu/memory-plan.js';
import { parseGradientOrder } from '../src/cli/run-options.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { directFlops, fftBytes, fftFlops } from './roofline.js';
import { resultsFile } from './results-path.js';

const opts = new Command('bench')
  .option('--n <list>', 'grid sizes', '8,12,16,24,32')
  .option('--conv <list>', 'convolution paths (cpu: fft is the native backend, direct the N⁶ reference)', 'direct,fft')
  .option('--backend <b>', 'gpu or cpu', 'gpu')
  .option('--threads <k>', 'threads of the native CPU backend (default: every core)')
  .option('--repeats <k>', 'timed repeats per quantity', '3')
  .option('--max-seconds <s>', 'skip a path at larger N once one Q evaluation takes longer than this', '30')
  .option('--max-buffer-mib <M>', 'GPU: the most one buffer may hold (forces one buffer per FFT field where a work set is larger)')
  .option('--gradient-order <k>', `order of the flux's log F differences, ${GRADIENT_ORDERS.join(', ')} (src/equation/log-gradient.ts)`, String(DEFAULT_GRADIENT_ORDER))
  .option('--merge', "keep the results file's rows for what this run does not measure")
  .option('--results-dir <dir>', 'folder of the results file (default: results/local/ beside this script, ignored by git)')
  .parse(process.argv)
  .opts<{ n: string; conv: string; backend: BackendChoice; threads?: string; repeats: string; maxSeconds: string; maxBufferMib?: string; gradientOrder: string; merge?: boolean; resultsDir?: string }>();
const gradient = parseGradientOrder({ gradientOrder: opts.gradientOrder });

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

interface Timing {
  wall: Spread;
  /** GPU time of the same calls from timestamp queries; null without `timestamp-query`. */
  gpu: Spread | null;
}

/** Wall time of `repeats` calls after a warm-up, and, with a timer in 'pass' mode, their GPU time. */
async function timed(repeats: number, f: () => Promise<unknown>, timer: KernelTimer | null): Promise<Timing> {
  await f();
  await timer?.read();
  const wall: number[] = [];
  const gpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await f();
    wall.push((performance.now() - t0) / 1000);
    if (timer) gpu.push((await timer.read()).total);
  }
  return { wall: spread(wall), gpu: timer ? spread(gpu) : null };
}

/** GPU seconds per kernel (pipeline label) of one call, the median over repeats; dispatches per call. */
async function kernelBreakdown(repeats: number, f: () => Promise<unknown>, timer: KernelTimer): Promise<Record<string, { seconds: number; count: number }>> {
  const runs: KernelTimes[] = [];
  for (let r = 0; r < repeats; r++) {
    await f();
    runs.push(await timer.read());
  }
  const out: Record<string, { seconds: number; count: number }> = {};
  for (const label of Object.keys(runs[0]!.kernels)) {
    out[label] = { seconds: spread(runs.map((t) => t.kernels[label]?.seconds ?? 0)).median, count: runs[0]!.kernels[label]!.count };
  }
  return out;
}

const seconds = (s: number) => s.toFixed(4);
const paths = opts.conv.split(',');
const cpu = opts.backend === 'cpu';
const rows: { n: number; conv: string }[] = [];
let device = '';
const tooSlow = new Set<string>();
for (const n of opts.n.split(',').map(Number)) {
  for (const conv of paths) {
    if (tooSlow.has(conv)) continue;
    const grid = new Grid({ n, L: 6 });
    const threads = opts.threads === undefined ? undefined : Number(opts.threads);
    const maxBufferBytes = mibToBytes(opts.maxBufferMib === undefined ? undefined : Number(opts.maxBufferMib));
    const { operator, release } = await createNodeOperator(grid, opts.backend, { conv: conv as ConvChoice, threads, maxBufferBytes, equation: new Equation({ gradient }) });
    // The device line without the grid-dependent part (the FFT size) names the results file.
    device = operator.description.device.replace(/ on \d+³/, '');
    operator.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
    const repeats = Number(opts.repeats);
    const gpuOperator = operator instanceof GpuLandauOperator ? operator : null;
    const timer = gpuOperator?.timeSubmissions('pass') ?? null;
    const q = await timed(repeats, () => operator.collision(), timer);
    const a = await timed(repeats, () => operator.diffusionMatrix(), timer);
    const step = await timed(repeats, () => operator.advance(1e-3, 1), timer);
    const kernelTimer = gpuOperator?.timeSubmissions('kernel') ?? null;
    const qKernels = kernelTimer ? await kernelBreakdown(repeats, () => operator.collision(), kernelTimer) : null;
    const stepKernels = kernelTimer ? await kernelBreakdown(repeats, () => operator.advance(1e-3, 1), kernelTimer) : null;
    gpuOperator?.timeSubmissions(null);
    // Direct summation visits (N−2)⁶ interior pairs per flux sweep; the flop and byte models are in roofline.ts.
    const flops = conv === 'fft' ? fftFlops(n) : directFlops(n);
    const bytes = !cpu && conv === 'fft' ? fftBytes(n) : null;
    const memory = gpuOperator ? gpuOperator.gpuMemoryBytes : null;
    const row = {
      n,
      conv: cpu ? `cpu-${conv}` : conv,
      threads: cpu && conv === 'fft' ? Number(/(\d+) threads?/.exec(operator.description.device)?.[1] ?? 1) : null,
      date: new Date().toISOString(),
      fftSize: conv === 'fft' ? fftSize(n) : null,
      fftSplit: gpuOperator && conv === 'fft' ? gpuOperator.splitFftFields : null,
      gradientOrder: gradient,
      aSeconds: a.wall,
      qSeconds: q.wall,
      stepSeconds: step.wall,
      aGpuSeconds: a.gpu,
      qGpuSeconds: q.gpu,
      stepGpuSeconds: step.gpu,
      qKernelSeconds: qKernels,
      stepKernelSeconds: stepKernels,
      directPairsPerSecond: conv === 'direct' ? (n - 2) ** 6 / q.wall.median : null,
      qGflops: flops / q.wall.median / 1e9,
      qGBps: bytes === null ? null : bytes / q.wall.median / 1e9,
      gpuMemoryMiB: memory === null ? null : memory / 2 ** 20,
    };
    rows.push(row);
    const gpuNote = (t: Timing) => (t.gpu ? ` (GPU ${seconds(t.gpu.median)})` : '');
    console.log(
      `N=${String(n).padStart(3)} ${row.conv.padEnd(10)}${row.threads ? ` ${row.threads} thr` : ''}  A[F] ${seconds(a.wall.median)} s${gpuNote(a)}  Q ${seconds(q.wall.median)} s (±${seconds((q.wall.max - q.wall.min) / 2)})${gpuNote(q)}` +
        `  RK3 step ${seconds(step.wall.median)} s${gpuNote(step)}` +
        `  ${row.qGflops.toFixed(2)} GFLOP/s` +
        (row.qGBps !== null ? `  ${row.qGBps.toFixed(2)} GB/s` : '') +
        (row.directPairsPerSecond ? `  ${(row.directPairsPerSecond / 1e9).toFixed(3)}e9 pairs/s` : '') +
        (row.gpuMemoryMiB !== null ? `  ${row.gpuMemoryMiB.toFixed(1)} MiB` : '') +
        (row.fftSplit ? '  (one buffer per FFT field)' : ''),
    );
    if (qKernels) {
      const parts = Object.entries(qKernels).map(([label, k]) => `${label} ${(k.seconds * 1e3).toFixed(1)} ms (${k.count})`);
      console.log(`      Q by kernel: ${parts.join(', ')}`);
    }
    release();
    if (q.wall.median > Number(opts.maxSeconds)) tooSlow.add(conv);
  }
}
const slug = `${opts.backend}-${device}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const out = resultsFile(slug, opts.resultsDir);
mkdirSync(dirname(out), { recursive: true });
const kept: { n: number; conv: string }[] =
  opts.merge && existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).rows.filter((old: { n: number; conv: string }) => !rows.some((r) => r.n === old.n && r.conv === old.conv)) : [];
const allRows = [...kept, ...rows].sort((a, b) => a.n - b.n || a.conv.localeCompare(b.conv));
writeFileSync(out, JSON.stringify({ device, backend: opts.backend, date: new Date().toISOString(), rows: allRows }, null, 1) + '\n');
console.log(`wrote ${out}`);
process.exit(0);

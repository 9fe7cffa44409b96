// Headless timing of the operator on the Node backends: wall time per A[F], per Q(F,F) and per
// SSP-RK3 step (median and spread over repeats after one warm-up), for a list of N.
//   npm run bench -- [--n 8,12,16] [--backend gpu|cpu] [--repeats 3]
// Writes bench/results/<device-slug>.json with the device description.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Grid } from '../src/grid/grid.js';
import { createNodeOperator, type BackendChoice } from '../src/operator/create-operator-node.js';
import { DEFAULT_SCENARIO_PARAMS, initialState } from '../src/scenarios/scenarios.js';

const opts = new Command('bench')
  .option('--n <list>', 'grid sizes', '8,12,16')
  .option('--backend <b>', 'gpu or cpu', 'gpu')
  .option('--conv <list>', 'GPU convolution paths to time', 'direct,fft')
  .option('--repeats <k>', 'timed repeats per quantity', '3')
  .parse(process.argv)
  .opts<{ n: string; backend: BackendChoice; repeats: string }>();

async function timed(repeats: number, f: () => Promise<unknown>) {
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

const rows = [];
let device = '';
for (const n of opts.n.split(',').map(Number)) {
  const grid = new Grid({ n, L: 6 });
  const { operator, release } = await createNodeOperator(grid, opts.backend);
  device = operator.description.device;
  operator.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
  const repeats = Number(opts.repeats);
  const a = await timed(repeats, () => operator.diffusionMatrix());
  const q = await timed(repeats, () => operator.collision());
  const step = await timed(repeats, () => operator.advance(1e-3, 1));
  // Pair interactions of one convolution sweep: every target cell against every source cell.
  const pairs = grid.cells ** 2;
  const row = { n, aSeconds: a, qSeconds: q, stepSeconds: step, qPairsPerSecond: pairs / q.median };
  rows.push(row);
  console.log(
    `N=${String(n).padStart(3)}  A[F] ${a.median.toFixed(4)} s  Q ${q.median.toFixed(4)} s  RK3 step ${step.median.toFixed(4)} s  ` +
      `(${(row.qPairsPerSecond / 1e9).toFixed(3)}e9 pairs/s in Q)`,
  );
  release();
}
const slug = `${opts.backend}-${device}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', `${slug}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ device, backend: opts.backend, date: new Date().toISOString(), rows }, null, 1) + '\n');
console.log(`wrote ${out}`);
process.exit(0);

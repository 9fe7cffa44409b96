// The native CPU backend against a NumPy/SciPy implementation of the same discrete Q(F,F)
// (bench/numpy_peer.py), on the same grid, data and cores, in one run: Q per evaluation for both,
// the native RK3 step (three Q evaluations and the updates), the ratio step / (3 × peer Q), and
// the distance between the two Q fields (they compute the same sums, so it is f64 round-off).
//   npx tsx bench/cpu-peer.ts [--n 32,64,128] [--repeats 3] [--threads k]
// Skipped with a notice when python3 with numpy and scipy is not there. Writes cpu-peer.json into --results-dir
// (default: the git-ignored bench/results/local/).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { Grid } from '../src/core/grid/grid.js';
import { fftSize } from '../src/core/grid/fft-size.js';
import { decodeNpy, encodeNpy } from '../src/io/npy.js';
import { kernelScale, kernelTable } from '../src/core/kernel/kernel-table.js';
import { createNodeOperator } from '../src/backends/node/create-operator-node.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { resultsFile } from './results-path.js';

const opts = new Command('cpu-peer')
  .option('--n <list>', 'grid sizes', '32,64,128')
  .option('--repeats <k>', 'timed repeats (median)', '3')
  .option('--threads <k>', 'threads for both (default: every core)')
  .option('--results-dir <dir>', 'folder of cpu-peer.json (default: results/local/ beside this script, ignored by git)')
  .parse(process.argv)
  .opts<{ n: string; repeats: string; threads?: string; resultsDir?: string }>();

const here = dirname(fileURLToPath(import.meta.url));
const peer = join(here, 'numpy_peer.py');
const probe = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('cpu-peer: skipped — python3 with numpy and scipy is not available (apt-get install python3-numpy python3-scipy)');
  process.exit(0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const repeats = Number(opts.repeats);
const rows = [];
for (const n of opts.n.split(',').map(Number)) {
  const grid = new Grid({ n, L: 6 });
  const f = initialState(grid, 'maxwellian', DEFAULT_SCENARIO_PARAMS).map((v, c) => v * (1 + 0.2 * Math.sin(0.37 * c)));
  const { operator, release } = await createNodeOperator(grid, 'cpu', { conv: 'fft', threads: opts.threads ? Number(opts.threads) : undefined });
  operator.setState(f);
  const q = await operator.collision();
  const qTimes: number[] = [];
  const stepTimes: number[] = [];
  for (let r = 0; r < repeats; r++) {
    let t0 = performance.now();
    await operator.collision();
    qTimes.push((performance.now() - t0) / 1000);
    operator.setState(f);
    t0 = performance.now();
    await operator.advance(1e-4, 1);
    stepTimes.push((performance.now() - t0) / 1000);
  }
  const device = operator.description.device;
  const threads = Number(/(\d+) threads?/.exec(device)?.[1] ?? 1);
  release();

  const dir = mkdtempSync(join(tmpdir(), 'landau3d-peer-'));
  writeFileSync(join(dir, 'F.npy'), encodeNpy(f, [n, n, n]));
  writeFileSync(join(dir, 'table.npy'), encodeNpy(kernelTable(n).weights, [n, n, n, 6]));
  writeFileSync(join(dir, 'grid.json'), JSON.stringify({ n, h: grid.h, m: fftSize(n), scale: kernelScale(grid.h) }));
  execFileSync('python3', [peer, dir, '--workers', String(threads), '--repeats', String(repeats)], { stdio: 'inherit' });
  const peerTimes = JSON.parse(readFileSync(join(dir, 'peer.json'), 'utf8')) as { q_seconds: number[]; numpy: string; scipy: string };
  const qPeer = decodeNpy(readFileSync(join(dir, 'Q.npy'))).data;
  rmSync(dir, { recursive: true });
  let err = 0;
  let scale = 0;
  for (let c = 0; c < q.length; c++) {
    err = Math.max(err, Math.abs(q[c]! - qPeer[c]!));
    scale = Math.max(scale, Math.abs(q[c]!));
  }
  const row = {
    n,
    m: fftSize(n),
    threads,
    nativeQSeconds: median(qTimes),
    nativeStepSeconds: median(stepTimes),
    peerQSeconds: median(peerTimes.q_seconds),
    stepOverThreePeerQ: median(stepTimes) / (3 * median(peerTimes.q_seconds)),
    qDifference: err / scale,
    peer: `numpy ${peerTimes.numpy}, scipy ${peerTimes.scipy} (scipy.fft.rfftn, ${threads} workers)`,
  };
  rows.push(row);
  console.log(
    `N=${String(n).padStart(3)} (m = ${row.m}, ${threads} threads): native Q ${row.nativeQSeconds.toFixed(3)} s, RK3 step ${row.nativeStepSeconds.toFixed(3)} s; ` +
      `NumPy/SciPy Q ${row.peerQSeconds.toFixed(3)} s; step / (3 peer Q) = ${row.stepOverThreePeerQ.toFixed(2)}; |ΔQ|/max|Q| = ${row.qDifference.toExponential(1)}`,
  );
}
const out = resultsFile('cpu-peer', opts.resultsDir);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rows }, null, 1) + '\n');
console.log(`wrote ${out}`);
process.exit(0);

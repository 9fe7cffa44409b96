// `landau3d run`: set up the grid and initial data, pick the backend, integrate, write the run folder.
import { existsSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Grid } from '../grid/grid.js';
import { readNpyFile } from '../io/npy.js';
import { prepareRunFolder, writeDiagnostics, writeFinalState, writeSnapshot, type RunRecord, type SnapshotEntry } from '../io/run-output.js';
import { createNodeOperator } from '../operator/create-operator-node.js';
import { blowdownRangeNote, initialState } from '../scenarios/scenarios.js';
import { simulate, SimulationError } from '../solver/simulate.js';
import { outputDiagnostics } from '../diagnostics/output-diagnostics.js';
import { RADIAL_SCENARIOS } from '../diagnostics/radial-reference.js';
import { summaryTable } from './summary.js';
import { UsageError } from './option-values.js';
import type { RunOptions } from './run-options.js';

const DEFAULT_N = 16;
/** Smallest positive normal f32: the WGSL path cannot hold F below it (log F must stay finite). */
const F32_MIN_NORMAL = 1.1754943508222875e-38;

export async function runCommand(opts: RunOptions, log: (line: string) => void): Promise<number> {
  const { grid, f0 } = await initialData(opts);
  if (opts.compareRadial && !(RADIAL_SCENARIOS as readonly string[]).includes(opts.scenario)) {
    throw new UsageError(`--compare-radial needs a radial scenario (${RADIAL_SCENARIOS.join(', ')}), not '${opts.scenario}'`);
  }
  if (opts.scenario === 'blowdown') {
    const note = blowdownRangeNote(opts.params);
    if (note) log(`note: ${note}`);
  }
  const { operator, notice, release } = await createNodeOperator(grid, opts.backend, opts.conv);
  try {
    if (notice) log(`notice: ${notice}`);
    checkInitialData(f0, operator.description.precision === 'f32');
    const conv = operator.description.conv ? `, ${operator.description.conv} convolution` : '';
    log(`backend: ${operator.description.kind}${conv} — ${operator.description.device}`);
    log(`grid: N = ${grid.n}, L = ${grid.L}, h = ${grid.h.toPrecision(4)}; t-end ${opts.tEnd}, output every ${opts.dtOut}`);
    operator.setState(f0);

    const record: RunRecord = {
      config: { ...opts, n: grid.n, h: grid.h, quiet: undefined },
      device: { ...operator.description },
      series: [],
      status: 'running',
    };
    await prepareRunFolder(opts.out);
    const bar = !opts.quiet && process.stderr.isTTY && opts.tEnd > 0
      ? new SingleBar({ format: 'integrating |{bar}| t = {t} / {tEnd}  step {step}  {eta_formatted} left', stream: process.stderr, hideCursor: true })
      : null;
    bar?.start(opts.tEnd, 0, { t: '0', tEnd: opts.tEnd, step: 0 });
    const started = performance.now();
    let lastState: Float64Array | null = null;
    const snapshots: SnapshotEntry[] = [];
    try {
      await simulate(operator, { tEnd: opts.tEnd, dtOut: opts.dtOut, cfl: opts.cfl, rateTol: opts.rateTol }, {
        onProgress: (t, step) => bar?.update(t, { t: t.toPrecision(4), step }),
        onOutput: async (entry, state) => {
          record.series.push(entry);
          lastState = state;
          await writeDiagnostics(opts.out, record);
          if (opts.snapshots) await writeSnapshot(opts.out, grid, state, entry, snapshots);
          if (!bar && !opts.quiet && opts.tEnd > 0) {
            log(`t = ${entry.t.toPrecision(6)}  step ${entry.step}  dt ${entry.dt.toExponential(3)}  mass drift ${entry.massDrift.toExponential(2)}  H ${entry.entropy.toPrecision(8)}`);
          }
        },
      }, outputDiagnostics(grid, {
        scenario: opts.scenario,
        params: opts.params,
        rw: opts.rw,
        compareRadial: opts.compareRadial,
        onReference: (profile) => (record.radialReference = profile),
      }));
    } catch (err) {
      bar?.stop();
      if (!(err instanceof SimulationError)) throw err;
      record.status = 'failed';
      record.error = err.message;
      await writeDiagnostics(opts.out, record);
      await writeFinalState(opts.out, err.lastGood.state, grid.n);
      log(`error: ${err.message}`);
      return 1;
    }
    bar?.stop();
    record.status = 'completed';
    await writeDiagnostics(opts.out, record);
    await writeFinalState(opts.out, lastState!, grid.n);
    log('');
    log(summaryTable(record.series, (performance.now() - started) / 1000));
    log(`\nwrote ${opts.out}/diagnostics.json, diagnostics.csv, final.npy`);
    return 0;
  } finally {
    release();
  }
}

async function initialData(opts: RunOptions): Promise<{ grid: Grid; f0: Float64Array }> {
  if (opts.init === undefined) {
    const grid = new Grid({ n: opts.n ?? DEFAULT_N, L: opts.L });
    return { grid, f0: initialState(grid, opts.scenario as Exclude<RunOptions['scenario'], 'file'>, opts.params) };
  }
  if (!existsSync(opts.init)) throw new UsageError(`--init ${opts.init}: no such file`);
  const { data, shape } = await readNpyFile(opts.init).catch((err: Error) => {
    throw new UsageError(`--init ${err.message}`);
  });
  const n = shape[0]!;
  if (shape.length !== 3 || shape[1] !== n || shape[2] !== n) {
    throw new UsageError(`--init ${opts.init}: shape (${shape.join(', ')}) is not a cube (N, N, N)`);
  }
  if (opts.n !== undefined && opts.n !== n) throw new UsageError(`--init ${opts.init} has N = ${n} but --n ${opts.n} was given`);
  if (n < 4 || n > 512) throw new UsageError(`--init ${opts.init}: N = ${n} is outside 4..512`);
  return { grid: new Grid({ n, L: opts.L }), f0: data };
}

function checkInitialData(f: Float64Array, f32: boolean): void {
  let bad = 0;
  let min = Infinity;
  for (const x of f) {
    if (!Number.isFinite(x) || x <= 0) bad++;
    else min = Math.min(min, x);
  }
  if (bad > 0) throw new UsageError(`initial data has ${bad} cells that are not finite and positive; F must be > 0 everywhere (the scheme evolves log F)`);
  if (f32 && min < F32_MIN_NORMAL) {
    throw new UsageError(`initial data falls to ${min.toExponential(2)}, below f32's range, in the tails; reduce --L or raise the temperatures`);
  }
}

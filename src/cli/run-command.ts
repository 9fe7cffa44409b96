// `landau3d run`: set up the grid and initial data, pick the backend, integrate, write the run folder.
import { existsSync } from 'node:fs';
import { Grid } from '../grid/grid.js';
import { readNpyFile } from '../io/npy.js';
import type { RunRecord } from '../io/run-output.js';
import { createNodeOperator, type NodeOperator } from '../operator/create-operator-node.js';
import { mibToBytes } from '../operator/gpu/memory-plan.js';
import { writeGridJson } from '../io/field-output.js';
import { blowdownRangeNote, initialState, type ScenarioName } from '../scenarios/scenarios.js';
import { defaultN, guardField, guardScenario, resolutionLine, type ResolutionRecord } from './resolution-guard.js';
import { RADIAL_SCENARIOS } from '../diagnostics/radial-reference.js';
import { integrateRun } from './integrate-run.js';
import { equationLabel } from './summary.js';
import { memoryPlanReport } from './dry-run.js';
import { createOutputFolder } from '../io/output-folder.js';
import { endStartup, onStartupAbort } from './startup-signals.js';
import { checkRunFolder, lockFolder, replaceRunFiles, type FolderLock, type RunFolderClaim } from '../io/run-folder-claim.js';
import { oneLine, shown, UsageError } from './option-values.js';
import { N_MAX, type RunOptions } from './run-options.js';

/** Smallest positive normal f32: the WGSL path cannot hold F below it (log F must stay finite). */
const F32_MIN_NORMAL = 1.1754943508222875e-38;
/** Largest finite f32. */
const F32_MAX = 3.4028234663852886e38;

export async function runCommand(opts: RunOptions, log: (line: string) => void, error: (line: string) => void = console.error): Promise<number> {
  const { grid, initial, resolution, chosenN } = await initialData(opts);
  // --quiet keeps notes, results and errors; it drops the header, progress and summary table.
  const say = opts.quiet ? () => {} : log;
  if (opts.compareRadial && !(RADIAL_SCENARIOS as readonly string[]).includes(opts.scenario)) {
    throw new UsageError(`--compare-radial needs a radial scenario (${RADIAL_SCENARIOS.join(', ')}), not '${opts.scenario}'`);
  }
  if (opts.scenario === 'blowdown') {
    const note = blowdownRangeNote(opts.params);
    if (note) log(`note: ${note}`);
    if (opts.epsF2 > 0) log('note: the blow-down profile E(t) and M_eq in the diagnostics solve the Landau equation (ε = 0); with --eps-f2 they are a reference, not the solution');
  }
  if (opts.dryRun) {
    for (const line of await memoryPlanReport(grid, opts)) log(line);
    return 0;
  }
  // The folder is made, tested and locked before the backend starts; a run refused before its
  // first output removes what it made.
  const folder = await createOutputFolder(opts.out);
  let lock: FolderLock | undefined;
  onStartupAbort(() => {
    lock?.releaseSync();
    folder.abandonSync();
  });
  let claim: RunFolderClaim;
  let made: NodeOperator;
  const giveUp = async () => {
    await lock?.release();
    await folder.abandon();
  };
  try {
    lock = await lockFolder(folder.path);
    if (lock.note) log(`note: ${opts.out}: ${lock.note}`);
    claim = await checkRunFolder(opts.out, opts.force);
    made = await createRunOperator(grid, opts);
  } catch (err) {
    await giveUp();
    throw err;
  }
  const { operator, selection, release } = made;
  let started = false;
  try {
    // Sampled once the backend exists: a grid it refuses (memory, device limits) costs nothing.
    const f0 = initial();
    checkInitialData(f0, operator.description.precision === 'f32');
    const conv = operator.description.conv ? `, ${operator.description.conv} convolution` : '';
    say(`backend: ${operator.description.kind}${conv} — ${operator.description.device}`);
    say(`  chosen because: ${selection}`);
    say(`grid: N = ${grid.n}, L = ${grid.L}, h = ${grid.h.toPrecision(4)}; t-end ${opts.tEnd}, output every ${opts.dtOut}`);
    const resolutionText = resolutionLine(resolution, grid, chosenN);
    say(resolutionText);
    say(`equation: ${equationLabel(opts.gamma, opts.epsF2)}`);
    operator.setState(f0);
    started = true;
    await replaceRunFiles(opts.out, claim);
    await writeGridJson(opts.out, grid);
    if (claim.earlier.length > 0) log(`--force: removed the earlier run's ${claim.earlier.join(', ')}`);

    const record: RunRecord = {
      config: { ...opts, n: grid.n, h: grid.h, quiet: undefined, resolution },
      device: { ...operator.description, selection },
      series: [],
      status: 'running',
    };
    endStartup();
    return await integrateRun({ opts, grid, operator, record, snapshots: [], summaryNotes: [resolutionText] }, { log, error });
  } catch (err) {
    if (!started) await giveUp();
    throw err;
  } finally {
    release();
    await lock.release();
  }
}

/** The backend of a run (also of its resumption, which passes the backend and convolution it used). */
export function createRunOperator(grid: Grid, opts: RunOptions): Promise<NodeOperator> {
  return createNodeOperator(grid, opts.backend, { conv: opts.conv, threads: opts.threads, gamma: opts.gamma, epsF2: opts.epsF2, maxBufferBytes: mibToBytes(opts.maxBufferMib) });
}

interface InitialData {
  grid: Grid;
  initial: () => Float64Array;
  resolution: ResolutionRecord;
  /** True when N was not given and the resolution guard chose it. */
  chosenN: boolean;
}

async function initialData(opts: RunOptions): Promise<InitialData> {
  if (opts.init === undefined) {
    const scenario = opts.scenario as ScenarioName;
    const grid = new Grid({ n: opts.n ?? defaultN(scenario, opts.params, opts.L), L: opts.L });
    const resolution = guardScenario(grid, scenario, opts.params, opts.allowUnresolved);
    return { grid, initial: () => initialState(grid, scenario, opts.params), resolution, chosenN: opts.n === undefined };
  }
  if (!existsSync(opts.init)) throw new UsageError(`--init ${shown(opts.init)}: no such file`);
  // The largest grid (N_MAX³ float64) and its header bound what is read.
  const { data, shape } = await readNpyFile(opts.init, 8 * N_MAX ** 3 + 2 ** 20).catch((err: Error) => {
    // NpyError messages start with the path: quote it as the other --init messages do.
    const detail = err.message.startsWith(`${opts.init}: `) ? err.message.slice(opts.init!.length + 2) : err.message;
    throw new UsageError(`--init ${shown(opts.init)}: ${oneLine(detail)}`);
  });
  const n = shape[0]!;
  if (shape.length !== 3 || shape[1] !== n || shape[2] !== n) {
    throw new UsageError(`--init ${shown(opts.init)}: shape (${shape.join(', ')}) is not a cube (N, N, N)`);
  }
  if (opts.n !== undefined && opts.n !== n) throw new UsageError(`--init ${shown(opts.init)} has N = ${n} but --n ${opts.n} was given`);
  if (n < 4 || n > 512) throw new UsageError(`--init ${shown(opts.init)}: N = ${n} is outside 4..512`);
  checkInitialData(data, false);
  const resolution = guardField(n, data, opts.allowUnresolved, `--init ${shown(opts.init)}`);
  return { grid: new Grid({ n, L: opts.L }), initial: () => data, resolution, chosenN: false };
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
  const max = f.reduce((a, b) => Math.max(a, b), 0);
  if (f32 && max > F32_MAX) {
    throw new UsageError(`initial data reaches ${max.toExponential(2)}, above f32's range (${F32_MAX.toExponential(2)}), which the WGSL backend cannot hold; scale the data or use --backend cpu`);
  }
}

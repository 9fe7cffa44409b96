// `landau3d run`: set up the grid and initial data, pick the backend, integrate, write the run folder.
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS } from '../equation/log-gradient.js';
import { DEFAULT_STEP_LIMITS } from '../equation/stability.js';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { removePartialsSync } from '../io/atomic-write.js';
import { Grid } from '../core/grid/grid.js';
import { readNpyFile } from '../io/npy.js';
import type { RunRecord } from '../io/run-output.js';
import { createNodeOperator, type NodeOperator } from '../backends/node/create-operator-node.js';
import { mibToBytes } from '../backends/gpu/memory-plan.js';
import { writeGridJson } from '../io/field-output.js';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_PARAMS, SCENARIOS, type ScenarioName } from '../scenarios/scenario-params.js';
import { initialState } from '../scenarios/catalogue.js';
import { findScenario } from '../scenarios/catalogue.js';
import { explainChosenGrid } from './grid-advice.js';
import { checkInitField, INIT_LAYOUT, INIT_MASS_MAX, INIT_MASS_MIN, INIT_UNITS } from './init-field.js';
import { defaultN, guardField, guardScenario, resolutionLine, type ResolutionRecord } from './resolution-guard.js';
import { RADIAL_SCENARIOS } from '../diagnostics/radial-reference.js';
import { integrateRun } from './integrate-run.js';
import { memoryPlanReport } from './dry-run.js';
import { createOutputFolder } from '../io/output-folder.js';
import { endStartup, onStartupAbort } from './startup-signals.js';
import { checkRunFolder, lockFolder, MANIFEST_FILE, replaceRunFiles, type FolderLock, type RunFolderClaim } from '../io/run-folder-claim.js';
import { oneLine, shown, UsageError } from './option-values.js';
import { N_MAX, parseRunOptions, runEquation, type RawRunOptions, type RunOptions } from './run-options.js';
import { Option, type Command } from 'commander';
import { word } from '../core/errors/user-input-error.js';
import { CLI_FLAGS } from './option-flags.js';

/** Removes the files NAMES of DIR, where they exist (from a signal handler: synchronously). */
function removeFilesSync(dir: string, names: string[]): void {
  for (const name of names) rmSync(join(dir, name), { force: true });
}

/** Smallest positive normal f32: the WGSL path cannot hold F below it (log F must stay finite). */
const F32_MIN_NORMAL = 1.1754943508222875e-38;
/** Largest finite f32. */
const F32_MAX = 3.4028234663852886e38;

export async function runCommand(opts: RunOptions, log: (line: string) => void, error: (line: string) => void = console.error): Promise<number> {
  const { grid, initial, resolution, chosenN, notes } = await initialData(opts);
  for (const note of notes) log(`note: ${note}`);
  // --quiet keeps notes, results and errors; it drops the header, progress and summary table.
  const say = opts.quiet ? () => {} : log;
  if (opts.compareRadial && !(RADIAL_SCENARIOS as readonly string[]).includes(opts.scenario)) {
    throw new UsageError(`--compare-radial needs a radial scenario (${RADIAL_SCENARIOS.join(', ')}), not '${opts.scenario}'`);
  }
  for (const note of findScenario(opts.scenario)?.runNotes?.(opts.params, runEquation(opts)) ?? []) log(`note: ${word(note, CLI_FLAGS)}`);
  if (opts.dryRun) {
    const plan = await memoryPlanReport(grid, opts);
    for (const line of plan.lines) log(line);
    // A script reads the verdict from the exit status: 2, as the run itself would be refused.
    if (!plan.fits) error(`landau3d: N = ${grid.n} does not fit (see the plan above): a run would be refused`);
    return plan.fits ? 0 : 2;
  }
  // The folder is made, tested and locked before the backend starts; a run refused before its
  // first output removes what it made.
  const folder = await createOutputFolder(opts.out);
  let lock: FolderLock | undefined;
  let started = false;
  onStartupAbort(() => {
    // What the start has written (the manifest, grid.json) and any write it cut off go too.
    if (started) removeFilesSync(folder.path, [MANIFEST_FILE, 'grid.json']);
    removePartialsSync(folder.path);
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
    made = await createRunOperator(grid, opts).catch((err: unknown) => {
      // A grid the guard chose is too large for the backend: say why N is that large and what else there is.
      throw chosenN && opts.init === undefined ? explainChosenGrid(err, grid, opts.scenario as ScenarioName, opts.params, resolution) : err;
    });
  } catch (err) {
    await giveUp();
    throw err;
  }
  const { operator, release } = made;
  const selection = word(made.selection, CLI_FLAGS);
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
    say(`equation: ${operator.equation.label()}`);
    operator.setState(f0);
    started = true;
    await replaceRunFiles(opts.out, claim, CLI_FLAGS);
    await writeGridJson(opts.out, grid);
    if (claim.earlier.length > 0) log(`--force: removed the earlier run's ${claim.earlier.join(', ')}`);

    const record: RunRecord = {
      config: { ...opts, n: grid.n, h: grid.h, quiet: undefined, resolution },
      device: { ...operator.description, selection, backendKey: made.backendKey },
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

/**
 * The backend of a run (also of its resumption, which passes the backend and convolution it used),
 * built for the run's equation (runEquation), which every later layer reads from the operator.
 */
export function createRunOperator(grid: Grid, opts: RunOptions): Promise<NodeOperator> {
  return createNodeOperator(grid, opts.backend, { equation: runEquation(opts), conv: opts.conv, threads: opts.threads, maxBufferBytes: mibToBytes(opts.maxBufferMib) });
}

interface InitialData {
  grid: Grid;
  initial: () => Float64Array;
  resolution: ResolutionRecord;
  /** True when N was not given and the resolution guard chose it. */
  chosenN: boolean;
  /** Notes on the data for the run to print first (an --init field's mass). */
  notes: string[];
}

async function initialData(opts: RunOptions): Promise<InitialData> {
  if (opts.init === undefined) {
    const scenario = opts.scenario as ScenarioName;
    const grid = new Grid({ n: opts.n ?? defaultN(scenario, opts.params, opts.L), L: opts.L });
    const resolution = guardScenario(grid, scenario, opts.params, opts.allowUnresolved);
    return { grid, initial: () => initialState(grid, scenario, opts.params), resolution, chosenN: opts.n === undefined, notes: [] };
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
    throw new UsageError(`--init ${shown(opts.init)}: shape (${shape.join(', ')}) is not a cube (N, N, N); it must hold ${INIT_LAYOUT}`);
  }
  if (opts.n !== undefined && opts.n !== n) throw new UsageError(`--init ${shown(opts.init)} has N = ${n} but --n ${opts.n} was given; leave out --n (the file sets the grid)`);
  if (n < 4 || n > 512) throw new UsageError(`--init ${shown(opts.init)}: N = ${n} is outside 4..512`);
  const grid = new Grid({ n, L: opts.L });
  const notes = checkInitField(grid, data, `--init ${shown(opts.init)}`);
  const resolution = guardField(n, data, opts.allowUnresolved, `--init ${shown(opts.init)}`);
  return { grid, initial: () => data, resolution, chosenN: false, notes };
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

/** `landau3d run`: its options (validated by run-options.ts) and the action. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('integrate ∂tF = Q(F,F) from a scenario or a .npy field and write diagnostics')
    .addOption(new Option('--scenario <name>', `initial data: ${SCENARIOS.join(', ')}`).default(DEFAULT_SCENARIO))
    .option('--init <file.npy>', `initial field instead of a scenario: a float32/64 array of shape (N, N, N) holding ${INIT_LAYOUT}; units: ${INIT_UNITS} (mass ${INIT_MASS_MIN} … ${INIT_MASS_MAX} accepted); F > 0 in every cell`)
    .option('--n <N>', 'cells per axis (4..512; default: the smallest multiple of 8, at least 16, that resolves the data; the size of --init)')
    .option('--L <L>', 'half-width of the velocity box [−L, L]³', '6')
    .option('--t-end <T>', 'final time (0 writes the t = 0 entry only)', '1')
    .option('--dt-out <T>', 'time between outputs (default t-end/10)')
    .option('--cfl <c>', 'step as a fraction of the stability estimate, in (0, 1]', String(DEFAULT_STEP_LIMITS.cfl))
    .option('--rate-tol <r>', 'accuracy limit: largest relative change of F per step, ∫|Q|dt/∫F', String(DEFAULT_STEP_LIMITS.rateTol))
    .addOption(new Option('--backend <b>', 'auto: a hardware GPU, else the native CPU backend (f64, FFT, all cores); gpu: WGSL on any adapter (SwiftShader too), fail without one; cpu: the native CPU backend').choices(['auto', 'gpu', 'cpu']).default('auto'))
    .addOption(new Option('--conv <path>', 'convolutions: direct summation, zero-padded FFT, or auto (GPU: FFT from N = 11; CPU: FFT). --backend cpu --conv direct is the N⁶ f64 reference').choices(['auto', 'direct', 'fft']).default('auto'))
    .option('--threads <k>', 'threads of the native CPU backend (default: every core)')
    .option('--max-buffer-mib <M>', "GPU: the most one buffer may hold, in MiB (default: the adapter's limit); larger FFT work sets are split into one buffer per field, with the same results")
    .option('--allow-unresolved', 'run initial data the grid does not resolve (mass or second moments off by more than 1e-4), recording the error, instead of refusing')
    .option('--force', 'replace the Landau3D run already in --out: first remove exactly the files it wrote (its folder has landau3d-run.json), nothing else')
    .option('--dry-run', 'print the memory plan of the chosen backend and convolution path (every buffer, the total, the device limits, the verdict) and stop; nothing is written')
    .option('--delta <d>', 'blowdown: width² δ of the bump M_δ, 0 < δ < 1', String(DEFAULT_SCENARIO_PARAMS.delta))
    .option('--alpha <a>', 'blowdown: bump mass δ^α (theorem: 1/4 < α < 1/2)', String(DEFAULT_SCENARIO_PARAMS.alpha))
    .option('--t-par <T>', 'bimaxwellian: temperature along the axis', '1.5')
    .option('--t-perp <T>', 'bimaxwellian: temperature across the axis', '0.75')
    .addOption(new Option('--axis <a>', 'bimaxwellian: the axis of T∥').choices(['x', 'y', 'z']).default('z'))
    .option('--shift <u>', 'two-maxwellians: the pair sits at ±u along v_x', '1.5')
    // No commander defaults for these two: given, they must fit the scenario (run-options.ts), so the parser must see whether they were.
    .option('--bump-center <ux,uy,uz>', 'blowdown: centre u of the bump, |u_k| ≤ 10 (off the origin the data are not radial) (default: "0,0,0")')
    .option('--bump-temps <a,b,c>', 'blowdown: the bump\'s covariance is δ·diag(a, b, c), 0.01 ≤ a ≤ 100 (the resolution guard takes its smallest width) (default: "1,1,1")')
    .option('--t0 <t>', 'bkw: time shift of the BKW solution, K(0) = 1 − e^{−t0/(2π)} > 3/5 (t0 > 5.757)', '8')
    .option('--gamma <g>', 'kernel K_γ(z) = |z|^{γ+2}Π(z)/(8π), −3 ≤ γ ≤ 1: −3 Coulomb, 0 Maxwell molecules', '-3')
    .option('--eps-f2 <e>', 'solve the modified equation ∂tF = Q(F,F) + εF², ε ≥ 0 (blows up in finite time for ε > 0)', '0')
    .option('--gradient-order <k>', `order of Q through the flux's upwind-biased log F differences: ${GRADIENT_ORDERS.join(', ')} (2: the one-sided differences; 8: compact differences where F is within e^-8 of its peak, pointwise Q 14× closer to exact than 2 at N = 32); every order conserves exactly and dissipates entropy`, String(DEFAULT_GRADIENT_ORDER))
    .option('--f-max <F>', 'stop (exit status 1, last state kept) when max F exceeds F (default 1000 × the initial max F)')
    .option('--checkpoint-every <T>', 'write DIR/checkpoint.json at the first output after every T of time, at the end and when stopped; landau3d resume DIR goes on from it')
    .option('--snapshots', 'write F at every output as DIR/snapshots/F_<k>.npy and .vti (k = 0000, 0001, …), listed in manifest.json and in F.pvd (ParaView, with the times)')
    .option('--export-fields <list>', 'with --snapshots: also write A[F] (A_<k>.npy, shape N×N×N×6), Q(F,F) and log F (Q_<k>.npy, logF_<k>.npy), all in the .vti too; a comma-separated subset of A,Q,logF')
    .option('--compare-radial', 'run the radial reference solver alongside (blowdown, maxwellian) and report radial_error')
    .option('--rw <R>', 'blowdown: radius of the ball |v| ≤ R_w for the M⁻¹-weighted norms', '4')
    .requiredOption('--out <dir>', 'output folder (required): grid.json, diagnostics.json, diagnostics.csv, final.npy, final.vti')
    .option('--quiet', 'print only notes, errors and the closing "wrote …" line')
    .action(async (raw: RawRunOptions, command: Command) => {
      // --scenario has a default, so only the parser knows whether it was given beside --init.
      if (raw.init !== undefined && command.getOptionValueSource('scenario') === 'cli') {
        throw new UsageError(`--init gives the initial data, so --scenario ${shown(String(raw.scenario))} would be ignored: give one of them`);
      }
      const code = await runCommand(parseRunOptions(raw), (line) => console.log(line));
      process.exit(code);
    });
}

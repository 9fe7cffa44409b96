// Validation of `landau3d run` options (numeric parsing in option-values.ts).
import { parseBackend } from './option-groups.js';
import { findScenario } from '../scenarios/catalogue.js';
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS, type GradientOrder } from '../equation/log-gradient.js';
import { DEFAULT_STEP_LIMITS } from '../equation/stability.js';
import { Equation, EPS_F2_MAX } from '../equation/equation.js';
import { BACKENDS, CONV_CHOICES, type BackendChoice, type ConvChoice } from '../backends/node/create-operator-node.js';
import { fields, isBoolean, isInteger, isNumber, isString, listOf, optional, type Check } from '../io/read-back.js';
import { alphaOption, deltaOption, number, numberList, outputFolder, shown, UsageError, type RawOptions } from './option-values.js';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_PARAMS, SCENARIOS, type ScenarioName, type ScenarioParams } from '../scenarios/scenario-params.js';
import { COULOMB_GAMMA, GAMMA_MAX, GAMMA_MIN } from '../core/kernel/kernel-table.js';
import { BKW_K_MIN, BKW_T0_MIN, bkwK } from '../core/math/maxwell-molecules.js';
import { EXPORT_FIELDS, type ExportField } from '../io/field-output.js';
import { word } from '../core/errors/user-input-error.js';
import { CLI_FLAGS } from './option-flags.js';


export interface RunOptions {
  scenario: ScenarioName | 'file';
  init?: string;
  n?: number;
  L: number;
  tEnd: number;
  dtOut: number;
  cfl: number;
  rateTol: number;
  /** Radius of the ball for the weighted blow-down norms. */
  rw: number;
  backend: BackendChoice;
  conv: ConvChoice;
  /** Threads of the native CPU backend (default: every core). */
  threads?: number;
  /** The most one GPU buffer may hold, in MiB (--max-buffer-mib; default: the adapter's limit). */
  maxBufferMib?: number;
  /** Run data the grid does not resolve (the guard's error is recorded instead of refusing). */
  allowUnresolved: boolean;
  /** Print the memory plan of the chosen backend and stop: nothing is allocated or written. */
  dryRun: boolean;
  /** Replace the Landau3D run already in --out (only the files it wrote). */
  force: boolean;
  out: string;
  params: ScenarioParams;
  quiet: boolean;
  /** Run the radial reference solver alongside and report radial_error. */
  compareRadial: boolean;
  /** Write F at every output as .npy and .vti under DIR/snapshots. */
  snapshots: boolean;
  /** Fields written beside F at the snapshots: A[F], Q(F,F), log F. */
  exportFields: ExportField[];
  /** Checkpoint at the first output at or after every multiple of this time (and at the end); none if absent. */
  checkpointEvery?: number;
  /** Kernel exponent γ of K_γ(z) = |z|^{γ+2}Π(z)/(8π): −3 Coulomb (default), 0 Maxwell molecules. */
  gamma: number;
  /** ε of the modified equation ∂tF = Q(F,F) + εF² (default 0). */
  epsF2: number;
  /** Order of the log F gradient in the flux (src/equation/log-gradient.ts). */
  gradient: GradientOrder;
  /** Stop when max F exceeds this (default: 1000 × the initial max F). */
  fMax?: number;
}

export const N_MIN = 4;
export const N_MAX = 512;

export type RawRunOptions = RawOptions;


export function parseRunOptions(raw: RawRunOptions): RunOptions {
  const scenario = String(raw.scenario ?? DEFAULT_SCENARIO);
  if (raw.init === undefined && !(SCENARIOS as readonly string[]).includes(scenario)) {
    const lower = SCENARIOS.find((s) => s === scenario.toLowerCase());
    const hint = lower ? `names are lower-case: --scenario ${lower}` : `choose one of ${SCENARIOS.join(', ')} (or give --init FILE.npy)`;
    throw new UsageError(`unknown --scenario ${shown(scenario)}; ${hint}`);
  }
  const backend = parseBackend(raw);
  const conv = String(raw.conv ?? 'auto');
  if (!(CONV_CHOICES as readonly string[]).includes(conv)) throw new UsageError(`--conv must be one of ${CONV_CHOICES.join(', ')}, got ${shown(conv)}`);
  const n =
    raw.n === undefined
      ? undefined
      : number(raw, 'n', '--n', 0, (x) => Number.isInteger(x) && x >= N_MIN && x <= N_MAX, `an integer from ${N_MIN} to ${N_MAX}`);
  const tEnd = number(raw, 'tEnd', '--t-end', 1, (x) => x >= 0 && x <= 1e6, '0 ≤ T ≤ 1e6');
  const dtOut = number(raw, 'dtOut', '--dt-out', Math.max(tEnd / 10, 1e-12), (x) => x > 0, 'a positive time');
  const outputs = tEnd / dtOut;
  if (outputs > 100000) throw new UsageError(`--t-end/--dt-out asks for ${Math.ceil(outputs)} outputs; at most 100000`);
  const defaults = DEFAULT_SCENARIO_PARAMS;
  const params: ScenarioParams = {
    delta: deltaOption(raw),
    alpha: alphaOption(raw),
    tPar: number(raw, 'tPar', '--t-par', defaults.tPar, (x) => x >= 0.05 && x <= 20, '0.05 ≤ T∥ ≤ 20'),
    tPerp: number(raw, 'tPerp', '--t-perp', defaults.tPerp, (x) => x >= 0.05 && x <= 20, '0.05 ≤ T⊥ ≤ 20'),
    axis: parseAxis(raw.axis),
    shift: number(raw, 'shift', '--shift', defaults.shift, (x) => x >= 0 && x <= 10, '0 ≤ shift ≤ 10'),
    bumpCenter: vectorOption(raw, 'bumpCenter', '--bump-center', defaults.bumpCenter, (x) => Math.abs(x) <= 10, '|u_k| ≤ 10'),
    bumpTemps: vectorOption(raw, 'bumpTemps', '--bump-temps', defaults.bumpTemps, (x) => x >= 0.01 && x <= 100, '0.01 ≤ a ≤ 100'),
    t0: parseBkwShift(raw),
  };
  checkBumpOptions(raw, raw.init !== undefined ? null : scenario);
  const gamma = number(raw, 'gamma', '--gamma', COULOMB_GAMMA, (x) => x >= GAMMA_MIN && x <= GAMMA_MAX, `${GAMMA_MIN} ≤ γ ≤ ${GAMMA_MAX}`);
  const epsF2 = number(raw, 'epsF2', '--eps-f2', 0, (x) => x >= 0 && x <= EPS_F2_MAX, `0 ≤ ε ≤ ${EPS_F2_MAX.toExponential().replace('e+', 'e')}`);
  const gradient = parseGradientOrder(raw);
  checkEquationChoices(raw.init !== undefined ? 'file' : scenario, runEquation({ gamma, epsF2, gradient }), raw.compareRadial === true);
  const notRadial = raw.compareRadial === true ? findScenario(scenario)?.radial?.unless?.(params) : null;
  if (notRadial) throw new UsageError(`--compare-radial follows radial data, but ${notRadial}; leave out --bump-center and --bump-temps`);
  const out = outputFolder(raw, 'diagnostics.json, diagnostics.csv and final.npy');
  return {
    scenario: raw.init !== undefined ? 'file' : (scenario as ScenarioName),
    init: raw.init === undefined ? undefined : String(raw.init),
    n,
    L: number(raw, 'L', '--L', 6, (x) => x >= 1 && x <= 100, '1 ≤ L ≤ 100'),
    tEnd,
    dtOut,
    cfl: number(raw, 'cfl', '--cfl', DEFAULT_STEP_LIMITS.cfl, (x) => x > 0 && x <= 1, '0 < cfl ≤ 1'),
    rateTol: number(raw, 'rateTol', '--rate-tol', DEFAULT_STEP_LIMITS.rateTol, (x) => x > 0 && x <= 1, '0 < tol ≤ 1'),
    rw: number(raw, 'rw', '--rw', 4, (x) => x > 0 && x <= 100, '0 < R_w ≤ 100'),
    backend,
    conv: conv as ConvChoice,
    threads: parseThreads(raw),
    maxBufferMib: parseMaxBufferMib(raw, backend),
    allowUnresolved: raw.allowUnresolved === true,
    dryRun: raw.dryRun === true,
    force: raw.force === true,
    out,
    params,
    quiet: raw.quiet === true,
    compareRadial: raw.compareRadial === true,
    snapshots: raw.snapshots === true,
    exportFields: parseExportFields(raw),
    checkpointEvery:
      raw.checkpointEvery === undefined ? undefined : number(raw, 'checkpointEvery', '--checkpoint-every', 0, (x) => x > 0 && x <= 1e6, '0 < T ≤ 1e6'),
    gamma,
    epsF2,
    gradient,
    fMax: raw.fMax === undefined ? undefined : number(raw, 'fMax', '--f-max', 0, (x) => x > 0, 'a positive value of F'),
  };
}

/** --max-buffer-mib: a positive size in MiB (fractions allowed), for the WGSL backend only. */
function parseMaxBufferMib(raw: RawRunOptions, backend: BackendChoice): number | undefined {
  if (raw.maxBufferMib === undefined) return undefined;
  const mib = number(raw, 'maxBufferMib', '--max-buffer-mib', 0, (x) => x >= 1 / 1024 && x <= 2 ** 30, 'a size from 1/1024 (1 KiB) to 2^30 MiB');
  if (backend === 'cpu') throw new UsageError('--max-buffer-mib caps the buffers of the WGSL backend; it does not apply to --backend cpu');
  return mib;
}

/** --export-fields A,Q,logF: a subset, written at the snapshot times (so it needs --snapshots). */
function parseExportFields(raw: RawRunOptions): ExportField[] {
  if (raw.exportFields === undefined) return [];
  const names = String(raw.exportFields).split(',').map((s) => s.trim());
  const unknown = names.filter((f) => !(EXPORT_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--export-fields takes a comma-separated list of ${EXPORT_FIELDS.join(', ')}; got ${shown(String(raw.exportFields))}`);
  if (raw.snapshots !== true) throw new UsageError('--export-fields writes the fields at the snapshot times: give --snapshots too');
  return [...new Set(names)] as ExportField[];
}

/** --bump-center and --bump-temps shape a scenario's bump: refused where there is none, rather than ignored. */
function checkBumpOptions(raw: RawRunOptions, scenario: string | null): void {
  const params: readonly string[] = (scenario === null ? undefined : findScenario(scenario)?.params) ?? [];
  for (const [key, flag] of [['bumpCenter', '--bump-center'], ['bumpTemps', '--bump-temps']] as const) {
    if (raw[key] === undefined || params.includes(key)) continue;
    const which = scenario === null ? 'data from --init' : `the ${scenario} scenario`;
    const takers = SCENARIOS.filter((name) => (findScenario(name)?.params as readonly string[] | undefined)?.includes(key));
    throw new UsageError(`${flag} shapes a bump, and ${which} has none; leave it out, or choose --scenario ${takers.join(' or ')}`);
  }
}

/** Three comma-separated numbers (--bump-center ux,uy,uz, --bump-temps a,b,c), each in range. */
function vectorOption(raw: RawRunOptions, key: string, flag: string, fallback: [number, number, number], check: (x: number) => boolean, range: string): [number, number, number] {
  const value = raw[key];
  if (value === undefined) return [...fallback];
  const values = numberList(String(value), flag, check, range);
  if (values.length !== 3) throw new UsageError(`${flag} takes three numbers: give the components separated by commas, e.g. ${flag} ${fallback.join(',')}; got ${shown(String(value))}`);
  return values as [number, number, number];
}

/** --gradient-order: the order of the flux's log F differences (run, coercivity). */
export function parseGradientOrder(raw: RawRunOptions): GradientOrder {
  if (raw.gradientOrder === undefined) return DEFAULT_GRADIENT_ORDER;
  const order = Number(raw.gradientOrder);
  if (!(GRADIENT_ORDERS as readonly number[]).includes(order)) {
    throw new UsageError(`--gradient-order must be one of ${GRADIENT_ORDERS.join(', ')}, got ${shown(String(raw.gradientOrder))}`);
  }
  return order as GradientOrder;
}

export const THREADS_MAX = 256;

/** --threads: a positive integer, at most THREADS_MAX; undefined for every core. */
export function parseThreads(raw: RawRunOptions): number | undefined {
  if (raw.threads === undefined) return undefined;
  return number(raw, 'threads', '--threads', 1, (x) => Number.isInteger(x) && x >= 1 && x <= THREADS_MAX, `an integer from 1 to ${THREADS_MAX}`);
}

/** The BKW time shift: K(0) = 1 − e^{−t0/(2π)} must exceed 3/5, where the profile stops being positive. */
function parseBkwShift(raw: RawRunOptions): number {
  const t0 = number(raw, 't0', '--t0', DEFAULT_SCENARIO_PARAMS.t0, Number.isFinite, 'a finite time');
  if (!(t0 > BKW_T0_MIN && t0 <= 1e4)) {
    throw new UsageError(
      `--t0 = ${t0} gives K(0) = ${bkwK(0, t0).toFixed(4)}; the BKW profile is positive only for K(0) > ${BKW_K_MIN}, ` +
        `i.e. ${BKW_T0_MIN.toFixed(4)} (= 2π ln(5/2)) < t0 ≤ 1e4`,
    );
  }
  return t0;
}

/** The equation a run integrates, from its options (these stay plain numbers: they are the run's record). */
export function runEquation(opts: Pick<RunOptions, 'gamma' | 'epsF2' | 'gradient'>): Equation {
  return new Equation({ gamma: opts.gamma, epsF2: opts.epsF2, gradient: opts.gradient });
}

/** Closed forms tied to one equation are refused for the others rather than reported as if valid. */
function checkEquationChoices(name: string, equation: Equation, compareRadial: boolean): void {
  const needs = findScenario(name)?.requires;
  const unmet = needs ? equation.unmet(needs) : null;
  if (unmet) throw new UsageError(`--scenario ${name} is ${needs!.reason}; it needs ${word(unmet, CLI_FLAGS)}`);
  if (compareRadial && !equation.isLandauCoulomb) {
    throw new UsageError(`--compare-radial runs the radial Landau–Coulomb solver; it needs --gamma -3 and --eps-f2 0 (got γ = ${equation.gamma}, ε = ${equation.epsF2})`);
  }
}

function parseAxis(value: RawRunOptions[string]): ScenarioParams['axis'] {
  const axis = String(value ?? 'z');
  if (axis !== 'x' && axis !== 'y' && axis !== 'z') throw new UsageError(`--axis must be x, y or z, got ${shown(axis)}`);
  return axis;
}

const oneOf = (choices: readonly unknown[]): Check => (x, at) => (choices.includes(x) ? null : `${at} is ${JSON.stringify(x) ?? 'missing'}, not one of ${choices.join(', ')}`);
const vector = listOf(isNumber, 3, 3);

/** RunOptions as `landau3d run` stores them in checkpoint.json (quiet left out), field by field. */
const STORED_RUN_OPTIONS: Check = fields({
  scenario: oneOf([...SCENARIOS, 'file']),
  init: optional(isString),
  n: isInteger,
  ...Object.fromEntries(['L', 'tEnd', 'dtOut', 'cfl', 'rateTol', 'rw', 'gamma', 'epsF2'].map((key) => [key, isNumber])),
  backend: oneOf(BACKENDS),
  conv: oneOf(CONV_CHOICES),
  ...Object.fromEntries(['threads', 'maxBufferMib', 'checkpointEvery', 'fMax'].map((key) => [key, optional(isNumber)])),
  ...Object.fromEntries(['allowUnresolved', 'dryRun', 'force', 'compareRadial', 'snapshots'].map((key) => [key, isBoolean])),
  quiet: optional(isBoolean),
  out: isString,
  exportFields: listOf(oneOf(EXPORT_FIELDS)),
  gradient: oneOf(GRADIENT_ORDERS),
  params: fields({
    ...Object.fromEntries(['delta', 'alpha', 'tPar', 'tPerp', 'shift', 't0'].map((key) => [key, isNumber])),
    axis: oneOf(['x', 'y', 'z']),
    bumpCenter: vector,
    bumpTemps: vector,
  }),
});

const isStoredRunOptions = (x: Record<string, unknown>): x is Record<string, unknown> & RunOptions => STORED_RUN_OPTIONS(x, 'options') === null;

/** The run options a checkpoint stores, checked field by field; `corrupt` makes the error naming the first field that is not as written. */
export function storedRunOptions(stored: Record<string, unknown>, corrupt: (what: string) => Error): RunOptions {
  if (!isStoredRunOptions(stored)) throw corrupt(STORED_RUN_OPTIONS(stored, 'options')!);
  return stored;
}

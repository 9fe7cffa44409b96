// Validation of `landau3d run` options (numeric parsing in option-values.ts).
import { BACKENDS, CONV_CHOICES, type BackendChoice, type ConvChoice } from '../operator/create-operator-node.js';
import { number, UsageError, type RawOptions } from './option-values.js';
import { DEFAULT_SCENARIO_PARAMS, SCENARIOS, type ScenarioName, type ScenarioParams } from '../scenarios/scenarios.js';


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
  out: string;
  params: ScenarioParams;
  quiet: boolean;
  /** Run the radial reference solver alongside and report radial_error. */
  compareRadial: boolean;
  /** Write F at every output as .npy and .vti under DIR/snapshots. */
  snapshots: boolean;
}

export const N_MIN = 4;
export const N_MAX = 512;

export type RawRunOptions = RawOptions;


export function parseRunOptions(raw: RawRunOptions): RunOptions {
  const scenario = String(raw.scenario ?? 'blowdown');
  if (raw.init === undefined && !(SCENARIOS as readonly string[]).includes(scenario)) {
    throw new UsageError(`unknown --scenario '${scenario}'; choose one of ${SCENARIOS.join(', ')} (or give --init FILE.npy)`);
  }
  const backend = String(raw.backend ?? 'auto');
  if (!(BACKENDS as readonly string[]).includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
  const conv = String(raw.conv ?? 'auto');
  if (!(CONV_CHOICES as readonly string[]).includes(conv)) throw new UsageError(`--conv must be one of ${CONV_CHOICES.join(', ')}, got '${conv}'`);
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
    delta: number(raw, 'delta', '--delta', defaults.delta, (x) => x > 0 && x < 1, '0 < δ < 1'),
    alpha: number(raw, 'alpha', '--alpha', defaults.alpha, (x) => x > 0 && x <= 10, '0 < α ≤ 10'),
    tPar: number(raw, 'tPar', '--t-par', defaults.tPar, (x) => x >= 0.05 && x <= 20, '0.05 ≤ T∥ ≤ 20'),
    tPerp: number(raw, 'tPerp', '--t-perp', defaults.tPerp, (x) => x >= 0.05 && x <= 20, '0.05 ≤ T⊥ ≤ 20'),
    axis: parseAxis(raw.axis),
    shift: number(raw, 'shift', '--shift', defaults.shift, (x) => x >= 0 && x <= 10, '0 ≤ shift ≤ 10'),
  };
  const out = raw.out;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError('--out DIR is required: the folder that receives diagnostics.json, diagnostics.csv and final.npy');
  return {
    scenario: raw.init !== undefined ? 'file' : (scenario as ScenarioName),
    init: raw.init === undefined ? undefined : String(raw.init),
    n,
    L: number(raw, 'L', '--L', 6, (x) => x >= 1 && x <= 100, '1 ≤ L ≤ 100'),
    tEnd,
    dtOut,
    cfl: number(raw, 'cfl', '--cfl', 0.5, (x) => x > 0 && x <= 1, '0 < cfl ≤ 1'),
    rateTol: number(raw, 'rateTol', '--rate-tol', 0.02, (x) => x > 0 && x <= 1, '0 < tol ≤ 1'),
    rw: number(raw, 'rw', '--rw', 4, (x) => x > 0 && x <= 100, '0 < R_w ≤ 100'),
    backend: backend as BackendChoice,
    conv: conv as ConvChoice,
    out,
    params,
    quiet: raw.quiet === true,
    compareRadial: raw.compareRadial === true,
    snapshots: raw.snapshots === true,
  };
}

function parseAxis(value: RawRunOptions[string]): ScenarioParams['axis'] {
  const axis = String(value ?? 'z');
  if (axis !== 'x' && axis !== 'y' && axis !== 'z') throw new UsageError(`--axis must be x, y or z, got '${axis}'`);
  return axis;
}

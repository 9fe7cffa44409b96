// The time loop: SSP-RK3 on the backend between output times, which are hit exactly. Each output
// interval takes the step allowed at its start by the stability estimate (cfl / rate bound) and the
// accuracy limit (rateTol · mass / ∫|Q|), rounded down so that a whole number of steps fills the
// interval, through advanceChecked (redone smaller if the state stiffened inside the interval).
// At each output the mass is checked before the entry is recorded (with the source εF² of the
// modified equation: against the mass the source produced), and a max F beyond config.fMax stops
// the run once the entry is recorded. Output times lie on one grid
// k·dtOut whatever tEnd is, so a run continued from one of its outputs (ResumePoint) takes the very
// steps of a run that went straight through.
import { seriesEntry, type SeriesEntry, type StateDiagnostics } from '../diagnostics/series.js';
import type { LandauOperator, Moments } from '../backends/landau-operator.js';
import { stepLimit } from '../equation/stability.js';
import { advanceChecked, SimulationError, type GoodState, type StepPlan } from './checked-advance.js';
import type { Wording } from '../core/errors/user-input-error.js';
import {
  blowUpHint, DEFAULT_F_MAX_FACTOR, fMaxMessage, massBalanceProblem, squareIntegral, STEP_COLLAPSE_FRACTION, stepCollapseMessage,
} from '../equation/source-term.js';

export { SimulationError };

/** More steps than this for one output interval means the step limit has collapsed. */
const MAX_STEPS_PER_OUTPUT = 1e9;

export interface SimulationConfig {
  tEnd: number;
  dtOut: number;
  /** Fraction of the stability estimate used as step, in (0, 1]. */
  cfl: number;
  /** Largest relative change of F per step (accuracy limit), ∫|Q| dt / ∫F. */
  rateTol: number;
  /** Most steps per device batch between two progress reports. */
  batchSteps?: number;
  /** Largest relative mass change tolerated at an output before the run is stopped (default 1e-5). */
  massDriftLimit?: number;
  /** Stops the run between two batches of steps, with signal.reason as the error. */
  signal?: AbortSignal;
  /** Stop with the state kept when max F exceeds this at an output (default 1000 × the initial max F). */
  fMax?: number;
}

/** What the time loop carries from one output to the next: with the state, all it needs to go on. */
export interface ResumePoint {
  t: number;
  step: number;
  /** Moments of the state at t: they set the next interval's step. */
  moments: Moments;
  /** Moments at t = 0: the reference of the drift checks. */
  initial: Moments;
}

/** Further diagnostics of the state at an output (computed on the host from the read-back state). */
export type { StateDiagnostics } from '../diagnostics/series.js';

export interface SimulationObserver {
  onOutput?(entry: SeriesEntry, state: Float64Array, carry: ResumePoint): void | Promise<void>;
  onProgress?(t: number, step: number): void;
}

/**
 * Integrates to config.tEnd from the operator's state: from t = 0 (recording that entry too), or,
 * given `from`, from that output of an earlier run, the operator holding its state.
 */
export async function simulate(
  op: LandauOperator,
  config: SimulationConfig,
  observer: SimulationObserver = {},
  diagnose?: StateDiagnostics,
  from?: ResumePoint,
): Promise<SeriesEntry[]> {
  const series: SeriesEntry[] = [];
  let moments = from?.moments ?? (await op.moments());
  const initial = from?.initial ?? moments;
  let state = await op.getState();
  let t = from?.t ?? 0;
  let step = from?.step ?? 0;
  if (!(moments.minF > 0 && Number.isFinite(moments.mass) && Number.isFinite(moments.maxF))) {
    throw new SimulationError(`the state at t = ${t} is not finite and positive (min F = ${moments.minF}, max F = ${moments.maxF}): set F > 0 everywhere before integrating (the scheme evolves log F)`, { t, step, state });
  }
  // The source εF² the operator adds: with ε > 0 the mass check follows ε∫F² and the step rule the growth of max F.
  const equation = op.equation;
  const eps = equation.epsF2;
  const limits = equation.stepLimits(config);
  const fMax = config.fMax ?? DEFAULT_F_MAX_FACTOR * initial.maxF;
  const stopBeyondFMax = () => {
    if (moments.maxF > fMax) throw new SimulationError(fMaxMessage(moments.maxF, fMax, t, step, eps), { t, step, state });
  };
  let square = equation.hasSource ? squareIntegral(state, op.grid.cellVolume) : 0;
  const dtFloor = equation.hasSource ? STEP_COLLAPSE_FRACTION * stepLimit(initial, limits) : 0;
  if (!from) {
    const first: SeriesEntry = { ...seriesEntry(0, 0, stepLimit(moments, limits), moments, null), ...(await diagnose?.(0, state)) };
    series.push(first);
    await observer.onOutput?.(first, state, { t, step, moments, initial });
    stopBeyondFMax();
  }
  const times = outputTimes(config.tEnd, config.dtOut).filter((target) => target > t);
  for (const target of times) {
    const good = { t, step, state };
    const { dt, steps } = await advanceChecked(
      op,
      good,
      stepLimit(moments, limits),
      (dtMax) => intervalPlan(good, target, dtMax, dtFloor),
      { cfl: config.cfl, batchSteps: config.batchSteps ?? 16, onProgress: observer.onProgress, signal: config.signal },
    ).catch((err: unknown) => {
      throw equation.hasSource && err instanceof SimulationError ? new SimulationError([...err.text, ...blowUpHint(eps, moments.maxF, t)], err.lastGood) : err;
    });
    const candidate = await op.moments();
    const limit = config.massDriftLimit ?? 1e-5;
    const next = await op.getState();
    if (equation.hasSource) {
      const nextSquare = squareIntegral(next, op.grid.cellVolume);
      const problem = massBalanceProblem({ eps, dt: target - t, massBefore: moments.mass, massAfter: candidate.mass, squareBefore: square, squareAfter: nextSquare, limit });
      if (problem) {
        op.setState(state);
        throw new SimulationError([...problem, ` Steps ${step + 1}–${step + steps}, t = ${t} to ${target}; the last good state (t = ${t}, step ${step}) is kept.`], good);
      }
      square = nextSquare;
    }
    const drift = Math.abs(candidate.mass - initial.mass) / initial.mass;
    if (!equation.hasSource && !(drift <= limit)) {
      op.setState(state);
      throw new SimulationError(massDriftText(drift, limit, good, step + steps, target), good);
    }
    t = target;
    step += steps;
    moments = candidate;
    state = next;
    const entry: SeriesEntry = { ...seriesEntry(t, step, dt, moments, initial), ...(await diagnose?.(t, state)) };
    series.push(entry);
    await observer.onOutput?.(entry, state, { t, step, moments, initial });
    stopBeyondFMax();
  }
  return series;
}

/**
 * The steps from `good` to the output at `target`: the most of size dtMax that fill the interval.
 * Refused when the step has collapsed below dtFloor, or when the interval would take too many.
 */
function intervalPlan(good: GoodState, target: number, dtMax: number, dtFloor: number): StepPlan {
  const { t, step } = good;
  if (dtMax < dtFloor) throw new SimulationError(`${stepCollapseMessage(dtMax, dtFloor, t)} The last good state (t = ${t}, step ${step}) is kept.`, good);
  const n = Math.max(1, Math.ceil((target - t) / dtMax - 1e-9));
  if (!(n <= MAX_STEPS_PER_OUTPUT)) {
    const text: Wording = [
      `the step allowed at t = ${t} is ${dtMax.toExponential(3)}: reaching the next output (t = ${target}) would take ${n.toExponential(2)} steps; `,
      { option: 'cfl' },
      ' or ',
      { option: 'rateTol' },
      ' is too small, or the state is too stiff for the grid',
    ];
    throw new SimulationError(text, good);
  }
  return { dt: (target - t) / n, steps: n };
}

/** The mass drifted beyond what the scheme keeps (without a source), from `good` to `step` at `target`. */
function massDriftText(drift: number, limit: number, good: GoodState, step: number, target: number): Wording {
  return [
    `the mass changed by ${drift.toExponential(3)} (relative) by step ${step}, t = ${target}, beyond the ` +
      `${limit.toExponential(0)} the scheme keeps: F is leaving the box (`,
    { option: 'L', change: 'raise' },
    `) or a value is corrupt. The last good state (t = ${good.t}, step ${good.step}) is kept.`,
  ];
}

/**
 * The output grid k·dtOut, k = 1, 2, …, up to tEnd (none when tEnd = 0). Grid times are rounded to
 * 15 significant digits, so 3 × 0.1 gives 0.3; tEnd is the last output, replaced by the grid time
 * it lies on (to 1e-9·dtOut), so that a run to tEnd stops exactly where a longer run passes.
 */
export function outputTimes(tEnd: number, dtOut: number): number[] {
  const count = Math.ceil(tEnd / dtOut - 1e-9);
  return Array.from({ length: count }, (_, k) => {
    const grid = gridTime(k + 1, dtOut);
    return k === count - 1 && Math.abs(grid - tEnd) > 1e-9 * dtOut ? tEnd : grid;
  });
}

function gridTime(k: number, dtOut: number): number {
  return Number((k * dtOut).toPrecision(15));
}

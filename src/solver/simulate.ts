// The time loop: SSP-RK3 on the backend between output times, which are hit exactly. Each output
// interval takes the step allowed at its start by the stability estimate (cfl / stiffness) and the
// accuracy limit (rateTol · mass / ∫|Q|), rounded down so that a whole number of steps fills the
// interval, through advanceChecked (redone smaller if the state stiffened inside the interval).
// At each output the mass is checked before the entry is recorded.
import { seriesEntry, type SeriesEntry } from '../diagnostics/series.js';
import type { LandauOperator } from '../operator/landau-operator.js';
import { stepLimit } from './stability.js';
import { advanceChecked, SimulationError } from './checked-advance.js';

export { SimulationError };

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
}

/** Further diagnostics of the state at an output (computed on the host from the read-back state). */
export type StateDiagnostics = (t: number, state: Float64Array) => Record<string, unknown>;

export interface SimulationObserver {
  onOutput?(entry: SeriesEntry, state: Float64Array): void | Promise<void>;
  onProgress?(t: number, step: number): void;
}

export async function simulate(
  op: LandauOperator,
  config: SimulationConfig,
  observer: SimulationObserver = {},
  diagnose?: StateDiagnostics,
): Promise<SeriesEntry[]> {
  const series: SeriesEntry[] = [];
  let moments = await op.moments();
  const initial = moments;
  let state = await op.getState();
  let t = 0;
  let step = 0;
  const first: SeriesEntry = { ...seriesEntry(0, 0, stepLimit(moments, config), moments, null), ...diagnose?.(0, state) };
  series.push(first);
  await observer.onOutput?.(first, state);
  const times = outputTimes(config.tEnd, config.dtOut);
  for (const target of times) {
    const good = { t, step, state };
    const { dt, steps } = await advanceChecked(
      op,
      good,
      stepLimit(moments, config),
      (dtMax) => {
        const n = Math.max(1, Math.ceil((target - t) / dtMax - 1e-9));
        return { dt: (target - t) / n, steps: n };
      },
      { cfl: config.cfl, batchSteps: config.batchSteps ?? 16, onProgress: observer.onProgress },
    );
    const candidate = await op.moments();
    const limit = config.massDriftLimit ?? 1e-5;
    const drift = Math.abs(candidate.mass - initial.mass) / initial.mass;
    if (!(drift <= limit)) {
      op.setState(state);
      throw new SimulationError(
        `the mass changed by ${drift.toExponential(3)} (relative) by step ${step + steps}, t = ${target}, beyond the ` +
          `${limit.toExponential(0)} the scheme keeps: F is leaving the box (raise --L) or a value is corrupt. ` +
          `The last good state (t = ${t}, step ${step}) is kept.`,
        good,
      );
    }
    t = target;
    step += steps;
    moments = candidate;
    state = await op.getState();
    const entry: SeriesEntry = { ...seriesEntry(t, step, dt, moments, initial), ...diagnose?.(t, state) };
    series.push(entry);
    await observer.onOutput?.(entry, state);
  }
  return series;
}

/** k·dtOut for k = 1, 2, … up to tEnd, which is always the last output (none when tEnd = 0). */
export function outputTimes(tEnd: number, dtOut: number): number[] {
  const count = Math.ceil(tEnd / dtOut - 1e-9);
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? tEnd : (k + 1) * dtOut));
}

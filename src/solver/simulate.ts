// The time loop: SSP-RK3 on the backend between output times, which are hit exactly. Each output
// interval takes the step allowed at its start by the stability estimate (cfl / stiffness) and the
// accuracy limit (rateTol · mass / ∫|Q|), rounded down so that a whole number of steps fills the interval. The device reports the largest
// dt·stiffness it met; if a step left the estimate (the state stiffened inside the interval) the
// interval is redone from the last output with the step that the device measured.
import { seriesEntry, type SeriesEntry } from '../diagnostics/series.js';
import type { LandauOperator } from '../operator/landau-operator.js';
import { stepLimit } from './stability.js';

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

export class SimulationError extends Error {
  override name = 'SimulationError';
  constructor(
    message: string,
    readonly lastGood: { t: number; step: number; state: Float64Array },
  ) {
    super(message);
  }
}

const MAX_RETRIES = 6;

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
    let dtMax = stepLimit(moments, config);
    for (let attempt = 0; ; attempt++) {
      const steps = Math.max(1, Math.ceil((target - t) / dtMax - 1e-9));
      const dt = (target - t) / steps;
      const result = await advanceInBatches(op, dt, steps, config.batchSteps ?? 16, (done) => observer.onProgress?.(t + done * dt, step + done));
      if (result.invalid || !Number.isFinite(result.maxStabilityRatio)) {
        op.setState(state);
        throw new SimulationError(
          `F became non-finite or non-positive within steps ${step + 1}–${step + steps} (t = ${t} to ${target}, ` +
            `dt = ${dt.toExponential(3)}, min F = ${result.minF.toExponential(3)}): the grid does not resolve the data, ` +
            `dt is too large, or the input holds NaN/Inf; lower --cfl or raise --n. The last good state (t = ${t}, step ${step}) is kept.`,
          { t, step, state },
        );
      }
      if (result.maxStabilityRatio <= 1) {
        const candidate = await op.moments();
        const drift = Math.abs(candidate.mass - initial.mass) / initial.mass;
        if (!(drift <= (config.massDriftLimit ?? 1e-5))) {
          op.setState(state);
          throw new SimulationError(
            `the mass changed by ${drift.toExponential(3)} (relative) by step ${step + steps}, t = ${target}, beyond the ` +
              `${(config.massDriftLimit ?? 1e-5).toExponential(0)} the scheme keeps: F is leaving the box (raise --L) or a value is corrupt. ` +
              `The last good state (t = ${t}, step ${step}) is kept.`,
            { t, step, state },
          );
        }
        t = target;
        step += steps;
        moments = candidate;
        state = await op.getState();
        const entry: SeriesEntry = { ...seriesEntry(t, step, dt, moments, initial), ...diagnose?.(t, state) };
        series.push(entry);
        await observer.onOutput?.(entry, state);
        break;
      }
      if (attempt === MAX_RETRIES) {
        op.setState(state);
        throw new SimulationError(`the step size collapsed below ${dt.toExponential(3)} near t = ${t}; the data may be blowing up`, { t, step, state });
      }
      op.setState(state);
      dtMax = Math.min(dtMax, (config.cfl * dt) / result.maxStabilityRatio);
    }
  }
  return series;
}

/** k·dtOut for k = 1, 2, … up to tEnd, which is always the last output (none when tEnd = 0). */
export function outputTimes(tEnd: number, dtOut: number): number[] {
  const count = Math.ceil(tEnd / dtOut - 1e-9);
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? tEnd : (k + 1) * dtOut));
}

async function advanceInBatches(op: LandauOperator, dt: number, steps: number, batch: number, progress: (done: number) => void) {
  let done = 0;
  const total = { maxStabilityRatio: 0, minF: Infinity, invalid: false };
  while (done < steps) {
    const n = Math.min(batch, steps - done);
    const h = await op.advance(dt, n);
    done += n;
    total.maxStabilityRatio = Math.max(total.maxStabilityRatio, h.maxStabilityRatio);
    total.minF = Math.min(total.minF, h.minF);
    if (h.invalid) return { ...total, invalid: true };
    progress(done);
  }
  return total;
}


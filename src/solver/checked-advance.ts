// One checked stretch of time steps, shared by every driver (the CLI's time loop, the browser demo):
// steps of the allowed size from the last good state; if the device reports a step outside the
// stability estimate (the state stiffened on the way), the stretch is redone from the last good
// state with the step it measured; non-finite or non-positive F, or a collapsing step, stop with
// a SimulationError and the last good state restored on the device.
import type { LandauOperator } from '../backends/landau-operator.js';
import { WordedError, type Wording } from '../core/errors/user-input-error.js';

/** The time loop stopped; its message may suggest options to change (worded by each front end). */
export class SimulationError extends WordedError {
  override name = 'SimulationError';
  constructor(
    text: Wording | string,
    readonly lastGood: GoodState,
  ) {
    super(text);
  }
}

export interface GoodState {
  t: number;
  step: number;
  state: Float64Array;
}

export interface StepPlan {
  dt: number;
  steps: number;
}

export interface CheckedAdvanceOptions {
  /** Fraction of the stability estimate used as step, in (0, 1]. */
  cfl: number;
  /** Most steps per device batch (one health read-back each). */
  batchSteps: number;
  onProgress?(t: number, step: number): void;
  /** Checked after every batch: an aborted signal stops the stretch with signal.reason. */
  signal?: AbortSignal;
}

const MAX_RETRIES = 6;

/** Advances by plan(dtMax) from `good`; returns the plan that was accepted. */
export async function advanceChecked(
  op: LandauOperator,
  good: GoodState,
  dtMax: number,
  plan: (dtMax: number) => StepPlan,
  o: CheckedAdvanceOptions,
): Promise<StepPlan> {
  for (let attempt = 0; ; attempt++) {
    const { dt, steps } = plan(dtMax);
    const health = { maxStabilityRatio: 0, minF: Infinity, invalid: false };
    // Stepping stops at the first batch outside the estimate: the stretch is redone anyway.
    for (let done = 0; done < steps && !health.invalid && !(health.maxStabilityRatio > 1); ) {
      const n = Math.min(o.batchSteps, steps - done);
      const h = await op.advance(dt, n);
      done += n;
      health.maxStabilityRatio = Math.max(health.maxStabilityRatio, h.maxStabilityRatio);
      health.minF = Math.min(health.minF, h.minF);
      health.invalid = h.invalid;
      o.onProgress?.(good.t + done * dt, good.step + done);
      o.signal?.throwIfAborted();
    }
    // Bad values after the state had stiffened beyond the estimate (a finite ratio above 1, e.g. a
    // solution blowing up) are redone with the smaller step like any stiffening.
    const stiffened = Number.isFinite(health.maxStabilityRatio) && health.maxStabilityRatio > 1;
    if ((health.invalid || !Number.isFinite(health.maxStabilityRatio)) && !stiffened) {
      op.setState(good.state);
      throw new SimulationError(
        [
          `F became non-finite or non-positive within steps ${good.step + 1}–${good.step + steps} (from t = ${good.t}, ` +
            `dt = ${dt.toExponential(3)}, min F = ${health.minF.toExponential(3)}): the grid does not resolve the data, ` +
            'dt is too large, or the input holds NaN/Inf; ',
          { option: 'cfl', change: 'lower' },
          ' or ',
          { option: 'n', change: 'raise' },
          `. The last good state (t = ${good.t}, step ${good.step}) is kept.`,
        ],
        good,
      );
    }
    if (health.maxStabilityRatio <= 1) return { dt, steps };
    op.setState(good.state);
    if (attempt === MAX_RETRIES) {
      throw new SimulationError(`the step size collapsed below ${dt.toExponential(3)} near t = ${good.t}; the data may be blowing up`, good);
    }
    dtMax = Math.min(dtMax, (o.cfl * dt) / health.maxStabilityRatio);
  }
}

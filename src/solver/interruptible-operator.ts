// A backend whose steps run on this thread (the CPU operator) holds the event loop for a whole batch
// of steps, so the time loop sees a signal only when the batch is over, and a signal's handler runs
// only at the next file written. For a study that must stop within one step, its batches are taken
// here one step at a time, the event loop turning between steps. The arithmetic is that of the
// batch: the same steps in the same order, their health merged as the backend merges it.
import type { LandauOperator, StepHealth } from '../backends/landau-operator.js';
import { nextTurn } from '../core/interrupt/interruptible-work.js';

/**
 * OP with advance(dt, n) stopping between any two of its n steps once SIGNAL is aborted (throwing
 * signal.reason). The GPU's batches already wait on the device, which lets the event loop turn, and
 * the time loop checks the signal after each: that operator is returned as it is.
 */
export function stepwiseInterruptible(op: LandauOperator, signal: AbortSignal): LandauOperator {
  if (op.description.kind !== 'cpu') return op;
  const advance = async (dt: number, steps: number): Promise<StepHealth> => {
    const health: StepHealth = { maxStabilityRatio: 0, minF: Infinity, invalid: false };
    for (let s = 0; s < steps; s++) {
      const h = await op.advance(dt, 1);
      health.maxStabilityRatio = Math.max(health.maxStabilityRatio, h.maxStabilityRatio);
      health.minF = Math.min(health.minF, h.minF);
      health.invalid ||= h.invalid;
      await nextTurn();
      signal.throwIfAborted();
    }
    return health;
  };
  return new Proxy(op, {
    get(target, key) {
      if (key === 'advance') return advance;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

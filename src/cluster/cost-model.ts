// Estimates of one case's memory and wall time, for a plan's cases and the batch script's --mem and
// --time. Memory is the operator's own plan (backends/cpu/memory-plan.ts) plus the process around
// it. Time is a model calibrated on the main job (blow-down δ = 0.1, N = 64, L = 6, t ∈ [0, 1] on the
// native backend with 2 threads: 44 RK3 steps of 1.55 s): the steps of a stability-limited run grow
// like (N/L)² and the time, the step's cost like M³ log M on the FFT grid M = 2N, divided among the
// threads. A scheduler kills a task that outruns its --time, so the figure is an upper estimate:
// three times the model, and never under five minutes.
import { cpuBytes } from '../backends/cpu/memory-plan.js';
import type { CaseEstimate } from './study-plan.js';

/** The process besides the operator: Node, the diagnostics' fields, the radial reference. */
const PROCESS_MIB = 300;
const REFERENCE = { n: 64, L: 6, steps: 44, time: 1, secondsPerStep: 1.55, threads: 2 };
/** The radial reference of a case (two shell counts, implicit steps). */
const RADIAL_MINUTES = 1;
const MARGIN = 3;
const MINIMUM_MINUTES = 5;

export interface CaseCost {
  /** 3D grid, or 0 where the case does not run the 3D solver. */
  n: number;
  L: number;
  /** Simulated time of the 3D run. */
  time: number;
  threads: number;
  gpu: boolean;
  /** Whether the case also runs the radial reference (the sweep's cases). */
  radial: boolean;
}

export function caseEstimate(c: CaseCost): CaseEstimate {
  const runs3d = c.n > 0;
  const operatorMiB = runs3d ? (c.gpu ? (64 * c.n ** 3) / 2 ** 20 : cpuBytes(c.n) / 2 ** 20) : 0;
  let minutes = c.radial ? RADIAL_MINUTES : 0;
  if (runs3d) {
    const steps = REFERENCE.steps * ((c.n / REFERENCE.n) * (REFERENCE.L / c.L)) ** 2 * (c.time / REFERENCE.time);
    const m = 2 * c.n;
    const mRef = 2 * REFERENCE.n;
    const perStep = REFERENCE.secondsPerStep * ((m ** 3 * Math.log(m)) / (mRef ** 3 * Math.log(mRef))) * (REFERENCE.threads / c.threads);
    minutes += (Math.max(steps, 10) * perStep) / 60;
  }
  return {
    memoryMiB: Math.ceil(PROCESS_MIB + operatorMiB),
    minutes: Math.max(MINIMUM_MINUTES, Math.ceil(MARGIN * minutes)),
    runs3d,
  };
}

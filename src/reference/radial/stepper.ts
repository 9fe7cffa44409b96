// Time stepping of the radial solver: implicit Euler (implicit-euler.ts) with Richardson
// extrapolation and adaptive dt.
//
// One attempted step from f with size dt computes
//     y1 = IE(f, dt),   y2 = IE(IE(f, dt/2), dt/2),   f_new = 2 y2 − y1   (second order in dt).
// Every IE solve conserves the discrete mass and energy exactly (see implicit-euler.ts), and f_new is
// an affine combination with weights summing to 1, so it does too. ‖y2 − y1‖ estimates the local
// error of the first-order solution y2 and drives dt (the accepted, extrapolated solution is more
// accurate than that estimate). Safeguard: implicit Euler is positive and entropy-dissipating for any
// dt, the extrapolation need not be; if f_new has a non-positive entry or a larger entropy than f,
// the step takes y2 instead (counted in `fallbacks`). The stiffness of the graded grid (diffusive
// time scale h0²/λ1 ~ 1e-5 at δ = 1e-4) does not restrict dt.

import type { RadialGrid } from './grid.js';
import { ImplicitEulerSolver, type NewtonOptions } from './implicit-euler.js';

export interface TimeStepOptions {
  /** Tolerance on the local error estimate ‖y2 − y1‖ (relative, see errorNorm), default 1e-4. */
  rtol?: number;
  /** First step; default from the initial rate of change. */
  dtInit?: number;
  /** Largest step, default ∞. */
  dtMax?: number;
  /** Smallest step before the run is declared failed, default 1e-14. */
  dtMin?: number;
  /** Fixed step size (no adaptivity; the last step before an output time is shortened). */
  fixedDt?: number;
  /** Richardson extrapolation (default true); false gives plain first-order implicit Euler. */
  extrapolate?: boolean;
  newton?: NewtonOptions;
}

export interface StepAttempt {
  /** Whether the step is acceptable (Newton converged and error ≤ tolerance). */
  accepted: boolean;
  /** Error estimate divided by rtol (∞ when Newton failed). */
  error: number;
  /** Whether the safeguard replaced the extrapolated value by y2. */
  fallback: boolean;
  /** Newton iterations spent (all three solves). */
  newtonIterations: number;
}

/**
 * max( Σ V|d| / Σ V|y| , max|d| / max|y| ): relative L¹ (mass-weighted) and relative max norm —
 * the first follows the bulk, the second the peak at r → 0; tails far below the peak do not count.
 */
export function errorNorm(grid: RadialGrid, d: Float64Array, y: Float64Array): number {
  const V = grid.volume;
  let l1d = 0;
  let l1y = 0;
  let maxd = 0;
  let maxy = 0;
  for (let i = 0; i < grid.N; i++) {
    const ad = Math.abs(d[i]!);
    const ay = Math.abs(y[i]!);
    l1d += V[i]! * ad;
    l1y += V[i]! * ay;
    if (ad > maxd) maxd = ad;
    if (ay > maxy) maxy = ay;
  }
  return Math.max(l1d / l1y, maxd / maxy);
}

/** Σ V_i f_i ln f_i (the entropy / 4π). */
export function discreteEntropy(grid: RadialGrid, f: Float64Array): number {
  const V = grid.volume;
  let h = 0;
  for (let i = 0; i < grid.N; i++) h += V[i]! * f[i]! * Math.log(f[i]!);
  return h;
}

export class RadialStepper {
  readonly grid: RadialGrid;
  readonly implicit: ImplicitEulerSolver;
  readonly rtol: number;
  readonly extrapolate: boolean;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;
  private readonly half: Float64Array;
  private readonly diff: Float64Array;

  constructor(grid: RadialGrid, options: TimeStepOptions = {}) {
    this.grid = grid;
    this.implicit = new ImplicitEulerSolver(grid, options.newton);
    this.rtol = options.rtol ?? 1e-4;
    this.extrapolate = options.extrapolate ?? true;
    const N = grid.N;
    this.y1 = new Float64Array(N);
    this.y2 = new Float64Array(N);
    this.half = new Float64Array(N);
    this.diff = new Float64Array(N);
  }

  /**
   * Attempts one step f → out of size dt (out ≠ f). On rejection out is left unspecified. With
   * checkError false the step is accepted whatever the error estimate (fixed-step runs); it is still
   * rejected when a Newton solve fails.
   */
  attempt(f: Float64Array, dt: number, out: Float64Array, checkError = true): StepAttempt {
    const N = this.grid.N;
    // Half steps first; their result gives good (conservative) Newton starting points:
    // 2·half − f for the second half step, y2 for the full step.
    const rh = this.implicit.step(f, 0.5 * dt, this.half);
    let its = rh.iterations;
    if (!rh.converged) return { accepted: false, error: Infinity, fallback: false, newtonIterations: its };
    const g = this.diff;
    for (let i = 0; i < N; i++) g[i] = 2 * this.half[i]! - f[i]!;
    const r2 = this.implicit.step(this.half, 0.5 * dt, this.y2, g);
    its += r2.iterations;
    if (!r2.converged) return { accepted: false, error: Infinity, fallback: false, newtonIterations: its };
    const r1 = this.implicit.step(f, dt, this.y1, this.y2);
    its += r1.iterations;
    if (!r1.converged) return { accepted: false, error: Infinity, fallback: false, newtonIterations: its };
    const d = this.diff;
    for (let i = 0; i < N; i++) d[i] = this.y2[i]! - this.y1[i]!;
    const error = errorNorm(this.grid, d, this.y2) / this.rtol;
    if (checkError && !(error <= 1)) return { accepted: false, error, fallback: false, newtonIterations: its };
    let fallback = false;
    if (this.extrapolate) {
      let positive = true;
      for (let i = 0; i < N; i++) {
        const v = this.y2[i]! + d[i]!;
        out[i] = v;
        if (!(v > 0)) positive = false;
      }
      if (!positive || discreteEntropy(this.grid, out) > discreteEntropy(this.grid, f)) {
        out.set(this.y2);
        fallback = true;
      }
    } else {
      out.set(this.y2);
    }
    return { accepted: true, error, fallback, newtonIterations: its };
  }

  /** Step size proposal after an attempt with the given error ratio (error estimate ∝ dt²). */
  static nextDt(dt: number, error: number): number {
    if (!Number.isFinite(error)) return 0.25 * dt;
    const factor = error > 0 ? 0.9 / Math.sqrt(error) : 4;
    return dt * Math.min(4, Math.max(0.2, factor));
  }
}

// RadialSolver: the f64 reference solver of the radial Landau–Coulomb equation (docs/mathematics.md §2),
//     ∂t f = r⁻² ∂r( r² (λ1 f′ − a′ f) ),   f = f(r, t), r = |v| ∈ [0, R], zero flux at 0 and R.
//
// Usage
//     const s = new RadialSolver({ R: 10, cells: 400, innerSpacing: 1e-3, time: { rtol: 1e-4 } });
//     s.setProfile(blowdownProfile(1e-4, 0.4));          // or setScenario({ name: 'blowdown', … })
//     s.coefficients();                                  // λ1, λ2, a, a′ at the faces (coefficients.ts)
//     s.advance(100, { dtOut: 1, onOutput: (d, s) => … }); // d: mass, energy, entropy, f0, … at t
//     s.evaluate(0.5); s.profile();                      // interpolated value, nodal profile
//
// Pieces: grid.ts (graded grid, exact shell moments), operator.ts (conservative entropic fluxes; the
// derivation of exact mass and energy conservation), coefficients.ts, implicit-euler.ts (O(N)
// Newton with the exact Jacobian), stepper.ts (Richardson-extrapolated implicit Euler, adaptive dt),
// diagnostics.ts, interpolate.ts, scenarios.ts.
//
// State: nodal values f_i = f(r̂_i) at r̂_i = √⟨r²⟩_i (see grid.ts) and the time t. Everything is f64.

import { radialCoefficients, type RadialCoefficients } from './coefficients.js';
import { radialDiagnostics, radialProfile, type RadialDiagnostics, type RadialProfile } from './diagnostics.js';
import { RadialGrid, type RadialGridOptions } from './grid.js';
import { interpolateRadial, interpolateRadialMany } from './interpolate.js';
import { RadialOperator } from './operator.js';
import { radialProfileOf, type RadialScenario } from './scenarios.js';
import { errorNorm, RadialStepper, type TimeStepOptions } from './stepper.js';
import { drain, drainInterruptible } from '../../core/interrupt/interruptible-work.js';

/** Relative floor applied by setProfile/setValues. */
export const PROFILE_FLOOR = 1e-30;

export interface RadialSolverOptions extends RadialGridOptions {
  time?: TimeStepOptions;
}

export interface RadialAdvanceOptions {
  /** Output every dtOut: at the multiples of dtOut in (t, tEnd], and at tEnd. */
  dtOut?: number;
  /** Explicit output times (merged with the dtOut ones; those outside (t, tEnd] are ignored). */
  outputTimes?: number[];
  /** Called at the start time (unless includeStart is false) and at every output time. */
  onOutput?: (d: RadialDiagnostics, solver: RadialSolver) => void;
  /** Default true. */
  includeStart?: boolean;
  /** Called after every accepted step. */
  onStep?: (info: RadialStepInfo) => void;
  /** Abort (throw) after this many attempted steps; default 1e6. */
  maxSteps?: number;
}

export interface RadialStepInfo {
  t: number;
  dt: number;
  error: number;
  fallback: boolean;
}

export interface RadialRunStats {
  /** Accepted steps. */
  steps: number;
  /** Rejected attempts (error too large or Newton failure). */
  rejected: number;
  /** Accepted steps where the positivity/entropy safeguard took the implicit Euler value. */
  fallbacks: number;
  newtonIterations: number;
  dtMin: number;
  dtMax: number;
  /** Wall time of the advance call in ms. */
  wallMs: number;
}

export class RadialSolver {
  readonly grid: RadialGrid;
  readonly stepper: RadialStepper;
  /** Nodal values f_i (the state; modify only through setProfile/setValues). */
  readonly f: Float64Array;
  t = 0;
  private readonly options: TimeStepOptions;
  private readonly op: RadialOperator;
  private readonly next: Float64Array;
  private dtProposal: number | null = null;
  /** Counters accumulated over all advance calls. */
  readonly totals: RadialRunStats = { steps: 0, rejected: 0, fallbacks: 0, newtonIterations: 0, dtMin: Infinity, dtMax: 0, wallMs: 0 };

  constructor(options: RadialSolverOptions = {}) {
    this.grid = new RadialGrid(options);
    this.options = options.time ?? {};
    this.stepper = new RadialStepper(this.grid, this.options);
    this.op = new RadialOperator(this.grid);
    this.f = new Float64Array(this.grid.N);
    this.next = new Float64Array(this.grid.N);
  }

  /**
   * Samples f at the nodes and sets the time (default 0). Values must be finite; values ≤ 0 or below
   * 1e-30·max f are raised to that floor (the scheme works with ln f; the floor adds a relative mass
   * of at most ~1e-30·R³). Compactly supported data therefore start with a 1e-30 background, which
   * the first steps fill in by diffusion.
   */
  setProfile(fn: (r: number) => number, t = 0): this {
    return this.setValues(this.grid.sample(fn), t);
  }

  setScenario(s: RadialScenario, t = 0): this {
    return this.setProfile(radialProfileOf(s), t);
  }

  /** Sets the nodal values directly (length N). */
  setValues(values: ArrayLike<number>, t = 0): this {
    if (values.length !== this.grid.N) throw new Error(`radial solver: expected ${this.grid.N} values, got ${values.length}`);
    let max = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) throw new Error(`radial solver: non-finite value at node ${i}`);
      if (v > max) max = v;
    }
    if (!(max > 0)) throw new Error('radial solver: the profile must be positive somewhere');
    const floor = PROFILE_FLOOR * max;
    for (let i = 0; i < values.length; i++) this.f[i] = Math.max(values[i]!, floor);
    this.t = t;
    this.dtProposal = null;
    return this;
  }

  /** λ1, λ2, a, a′ of the current state at the interior faces. */
  coefficients(): RadialCoefficients {
    return radialCoefficients(this.grid, this.f, this.op);
  }

  diagnostics(): RadialDiagnostics {
    return radialDiagnostics(this.grid, this.f, this.t);
  }

  profile(): RadialProfile {
    return radialProfile(this.grid, this.f, this.t);
  }

  /** The solution at radius r (or at every r of an array), interpolated (interpolate.ts). */
  evaluate(r: number): number;
  evaluate(r: ArrayLike<number>): Float64Array;
  evaluate(r: number | ArrayLike<number>): number | Float64Array {
    return typeof r === 'number' ? interpolateRadial(this.grid, this.f, r) : interpolateRadialMany(this.grid, this.f, r);
  }

  /** df/dt at the nodes for the current state. */
  rate(): Float64Array {
    const out = this.op.rate(this.f);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / this.grid.volume[i]!;
    return out;
  }

  /** Advances to tEnd, calling onOutput at the output times. Returns the counters of this call. */
  advance(tEnd: number, options: RadialAdvanceOptions = {}): RadialRunStats {
    return drain(this.stepsTo(tEnd, options));
  }

  /**
   * advance, with the event loop turning after every step: a signal's handler runs within one step,
   * and once SIGNAL is aborted the solve stops there with signal.reason (the state is then mid-way).
   */
  advanceInterruptible(tEnd: number, options: RadialAdvanceOptions = {}, signal?: AbortSignal): Promise<RadialRunStats> {
    return drainInterruptible(this.stepsTo(tEnd, options), signal);
  }

  /** The steps of advance, yielding after each accepted one. */
  private *stepsTo(tEnd: number, options: RadialAdvanceOptions): Generator<void, RadialRunStats> {
    const wall0 = performance.now();
    const stats: RadialRunStats = { steps: 0, rejected: 0, fallbacks: 0, newtonIterations: 0, dtMin: Infinity, dtMax: 0, wallMs: 0 };
    const outputs = this.outputTimes(tEnd, options);
    if (options.onOutput && (options.includeStart ?? true)) options.onOutput(this.diagnostics(), this);
    const o = this.options;
    const dtMax = o.dtMax ?? Infinity;
    const dtMin = o.dtMin ?? 1e-14;
    const maxSteps = options.maxSteps ?? 1e6;
    let attempts = 0;
    let dt = o.fixedDt ?? this.dtProposal ?? this.initialDt();
    for (const tOut of outputs) {
      while (this.t < tOut) {
        if (++attempts > maxSteps) throw new Error(`radial solver: more than ${maxSteps} step attempts`);
        const remaining = tOut - this.t;
        const step = Math.min(dt, dtMax);
        // Land exactly on the output time (stretching the step by ≤ 5 % rather than leaving a sliver).
        const landing = step >= remaining / 1.05;
        const h = landing ? remaining : step;
        const fixed = o.fixedDt !== undefined;
        const a = this.stepper.attempt(this.f, h, this.next, !fixed);
        stats.newtonIterations += a.newtonIterations;
        if (fixed && !a.accepted) throw new Error(`radial solver: Newton failed at t = ${this.t} with the fixed dt = ${h}`);
        if (!a.accepted) {
          stats.rejected++;
          dt = Math.min(RadialStepper.nextDt(h, a.error), dtMax);
          if (dt < dtMin) throw new Error(`radial solver: dt fell below ${dtMin} at t = ${this.t}`);
          continue;
        }
        this.accept(h, a.fallback, stats);
        if (landing) this.t = tOut;
        options.onStep?.({ t: this.t, dt: h, error: a.error, fallback: a.fallback });
        if (!fixed) {
          const proposal = Math.min(RadialStepper.nextDt(h, a.error), dtMax);
          // A step shortened to land on an output time does not shrink the next one.
          dt = landing && h < dt ? Math.max(proposal, dt) : proposal;
        }
        yield;
      }
      if (options.onOutput) options.onOutput(this.diagnostics(), this);
    }
    if (o.fixedDt === undefined) this.dtProposal = dt;
    stats.wallMs = performance.now() - wall0;
    this.addTotals(stats);
    return stats;
  }

  private accept(h: number, fallback: boolean, stats: RadialRunStats): void {
    this.f.set(this.next);
    this.t += h;
    this.countStep(h, fallback, stats);
  }

  private countStep(h: number, fallback: boolean, stats: RadialRunStats): void {
    stats.steps++;
    if (fallback) stats.fallbacks++;
    stats.dtMin = Math.min(stats.dtMin, h);
    stats.dtMax = Math.max(stats.dtMax, h);
  }

  private addTotals(s: RadialRunStats): void {
    const T = this.totals;
    T.steps += s.steps;
    T.rejected += s.rejected;
    T.fallbacks += s.fallbacks;
    T.newtonIterations += s.newtonIterations;
    T.dtMin = Math.min(T.dtMin, s.dtMin);
    T.dtMax = Math.max(T.dtMax, s.dtMax);
    T.wallMs += s.wallMs;
  }

  private outputTimes(tEnd: number, options: RadialAdvanceOptions): number[] {
    if (!(tEnd >= this.t)) throw new Error(`radial solver: tEnd = ${tEnd} is before t = ${this.t}`);
    const times = new Set<number>();
    if (options.dtOut !== undefined) {
      if (!(options.dtOut > 0)) throw new Error('radial solver: dtOut must be > 0');
      for (let k = Math.floor(this.t / options.dtOut) + 1; k * options.dtOut < tEnd * (1 - 1e-12); k++) times.add(k * options.dtOut);
    }
    for (const s of options.outputTimes ?? []) if (s > this.t && s < tEnd) times.add(s);
    times.add(tEnd);
    return [...times].filter((s) => s > this.t || (s === tEnd && tEnd === this.t)).sort((a, b) => a - b);
  }

  /** 0.1·√rtol times the time scale min(‖f‖/‖∂t f‖) in the error norm of the stepper. */
  private initialDt(): number {
    const rate = this.rate();
    const scale = 1 / Math.max(errorNorm(this.grid, rate, this.f), 1e-300);
    const rtol = this.stepper.rtol;
    return Math.min(0.1 * Math.sqrt(Number.isFinite(rtol) ? rtol : 1) * scale, this.options.dtMax ?? Infinity);
  }
}

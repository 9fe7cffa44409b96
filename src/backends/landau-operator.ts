// The one interface through which the solver, diagnostics, CLI and demo reach a backend.
// A backend owns the state F on its own memory (host f64 or GPU f32); everything that touches F
// in the time loop happens there, and only reductions and explicitly requested fields come back.
import type { Grid } from '../core/grid/grid.js';
import type { Equation } from '../equation/equation.js';

export type BackendKind = 'cpu' | 'gpu';

export interface BackendDescription {
  kind: BackendKind;
  /** Human-readable device: adapter name and driver for the GPU, "CPU f64 reference" otherwise. */
  device: string;
  precision: 'f64' | 'f32';
  /** How the GPU computes the kernel convolutions: direct summation or zero-padded FFT. */
  conv?: 'direct' | 'fft';
}

/** Integrals over the grid, summed in f64 (GPU partial sums carried as f32 pairs). */
export interface Moments {
  mass: number;
  momentum: [number, number, number];
  energy: number;
  /** ∫ v_a v_b F, components [xx, yy, zz, xy, xz, yz]. */
  secondMoment: number[];
  entropy: number;
  fisher: number;
  minF: number;
  maxF: number;
  /** ∫ v_a v_b Q(F,F), components [xx, yy, zz, xy, xz, yz]. */
  secondMomentRate: number[];
  /** dH/dt = ∫ log F · Q(F,F). */
  entropyRate: number;
  /** ∫ |Q(F,F)|: with the mass, the relative rate at which F changes. */
  absRate: number;
  /** Largest per-cell rate bound over the grid (1/time), which bounds the diffusion's stiffness and
   *  −Q/F (positivity): a stable, positivity-preserving explicit step is dt ≲ cfl / rate bound. The
   *  name `stiffness` stays: it is a key of the files (diagnostics.json, checkpoints) and of the WGSL bindings. */
  stiffness: number;
}

/** The number of values of each field of Moments (1: a number), for what reads them from files. */
export const MOMENT_SIZES = {
  mass: 1, momentum: 3, energy: 1, secondMoment: 6, entropy: 1, fisher: 1,
  minF: 1, maxF: 1, secondMomentRate: 6, entropyRate: 1, absRate: 1, stiffness: 1,
} as const satisfies Record<keyof Moments, number>;

/** What the device saw over a batch of steps; read back once per batch. */
export interface StepHealth {
  /** Largest stability ratio dt · rate bound met at a first RK stage: above 1 the step was outside the stability estimate. */
  maxStabilityRatio: number;
  minF: number;
  /** True if a non-finite value or F ≤ 0 appeared. */
  invalid: boolean;
}

export interface LandauOperator {
  readonly grid: Grid;
  /** The kernel, source and flux the backend was built for. */
  readonly equation: Equation;
  readonly description: BackendDescription;
  setState(f: ArrayLike<number>): void;
  getState(): Promise<Float64Array>;
  /** A[F] of the state, 6 components per cell interleaved as [xx, yy, zz, xy, xz, yz]. */
  diffusionMatrix(): Promise<Float64Array>;
  /** Q(F,F) of the state in the conservative entropic symmetric form. */
  collision(): Promise<Float64Array>;
  /**
   * The bilinear operator Q(F,G) = ∇·(A[F]∇G − ∇a[F] G) in the discrete form of collision(): the
   * convolutions take the sources of F, the fluxes those of G. Gradients are taken relative to a
   * positive reference R, ∇_R g = g D±log R + R D±(g/R), which is linear in g and equals g D±log g at
   * g = R; so Q(R,R) is collision() at F = R, and Q(R,g) + Q(g,R) is the exact derivative of the
   * discrete Q at R in the direction g (the linearised operator L_R). The state is not changed.
   */
  bilinear(f: ArrayLike<number>, g: ArrayLike<number>, reference: ArrayLike<number>): Promise<Float64Array>;
  /**
   * Eigen-structure of A[F] of the state, 4 values per cell: the eigenvalues ascending, then the
   * radial component v̂ᵀA v̂ (tr A/3 at v = 0).
   */
  diffusionEigen(): Promise<Float64Array>;
  moments(): Promise<Moments>;
  /**
   * `steps` SSP-RK3 steps of size dt on the device; the state never leaves it. They integrate
   * ∂tF = Q(F,F) + εF² for a backend built with ε > 0 (collision() and moments() report Q alone).
   */
  advance(dt: number, steps: number): Promise<StepHealth>;
  dispose(): void;
}

/**
 * Refuses option names a backend does not take: the equation's parameters travel as one
 * `equation` (an Equation), and a stray `gamma` or `epsF2` would otherwise be ignored silently.
 */
export function checkOptionNames(what: string, options: object, allowed: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new TypeError(`${what} takes ${allowed.join(', ')}; not ${unknown.join(', ')} (γ, ε and the gradient order go in equation: new Equation({ … }))`);
}

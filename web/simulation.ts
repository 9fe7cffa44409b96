// The solver behind the page: the GPU operator, the adaptive SSP-RK3 step of the CLI
// (dt = stepLimit(moments)), a batch of steps per call, and the diagnostics of each batch.
import { Equation } from '../src/equation/equation.js';
import { radialSymmetry, sphericalAverage, type SphericalAverage } from '../src/diagnostics/radial-symmetry.js';
import { seriesEntry, type SeriesEntry } from '../src/diagnostics/series.js';
import type { GpuHandle } from '../src/backends/gpu/device/gpu-handle.js';
import { Grid } from '../src/core/grid/grid.js';
import type { Moments } from '../src/backends/landau-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { scenario } from '../src/scenarios/catalogue.js';
import type { ScenarioDefinition } from '../src/scenarios/scenario-definition.js';
import type { ScenarioParams } from '../src/scenarios/scenario-params.js';
import { advanceChecked } from '../src/solver/checked-advance.js';
import { DEFAULT_STEP_LIMITS, stepLimit } from '../src/equation/stability.js';
import { demoScenarioParams, resolvedConv, type DemoConfig } from './config.js';
import { shaderLibrary } from './shaders.js';

export const STEP_LIMITS = DEFAULT_STEP_LIMITS;
/** Radius of the ball of the M⁻¹-weighted blow-down norms (the CLI's default). */
const RW = 4;

export interface Snapshot {
  entry: SeriesEntry;
  state: Float64Array;
  average: SphericalAverage;
  anisotropy: number;
  /** ‖E + f‖_{L²_M} = ‖F − M‖ over |v| ≤ R_w (blow-down only). */
  Ef_L2M: number | null;
  /** An off-centre or anisotropic bump: its measured centre and covariance, and E_u's covariance Σ(t). */
  bump: { centre: number[]; measured: number[]; predicted: number[] } | null;
}

export interface BatchResult {
  steps: number;
  /** Wall time of the device work (advance), per step, in seconds. */
  stepSeconds: number;
}

export class Simulation {
  readonly grid: Grid;
  /** The scenario (catalogue.ts) and its parameters, for the closed forms the views compare with. */
  readonly definition: ScenarioDefinition;
  readonly params: ScenarioParams;
  t = 0;
  step = 0;
  private initial!: Moments;
  private moments!: Moments;
  private lastGood!: Float64Array;
  snapshot!: Snapshot;

  private constructor(
    readonly config: DemoConfig,
    private readonly op: GpuLandauOperator,
  ) {
    this.grid = op.grid;
    this.definition = scenario(config.scenario);
    this.params = demoScenarioParams(config);
  }

  static async create(gpu: GpuHandle, config: DemoConfig): Promise<Simulation> {
    const grid = new Grid({ n: config.n, L: config.L });
    const op = await GpuLandauOperator.create(grid, gpu, shaderLibrary, { conv: resolvedConv(config), equation: new Equation({ gradient: config.gradient }) });
    const sim = new Simulation(config, op);
    try {
      await sim.reset();
    } catch (err) {
      op.dispose();
      throw err;
    }
    return sim;
  }

  get deviceDescription(): string {
    return this.op.description.device;
  }

  async reset(): Promise<void> {
    this.op.setState(this.definition.initialState(this.grid, this.params));
    this.t = 0;
    this.step = 0;
    this.moments = await this.op.moments();
    this.initial = this.moments;
    await this.observe(stepLimit(this.moments, STEP_LIMITS));
  }

  /**
   * `steps` SSP-RK3 steps of the step the stability and accuracy limits allow now (checked as in the
   * CLI), shortened so as not to pass `until`.
   */
  async advance(steps: number, until = Infinity): Promise<BatchResult> {
    const start = performance.now();
    const { dt } = await advanceChecked(
      this.op,
      { t: this.t, step: this.step, state: this.lastGood },
      stepLimit(this.moments, STEP_LIMITS),
      (dtMax) => {
        const remaining = until - this.t;
        return { dt: remaining > 0 && steps * dtMax > remaining ? remaining / steps : dtMax, steps };
      },
      { cfl: STEP_LIMITS.cfl, batchSteps: steps },
    );
    const seconds = (performance.now() - start) / 1000;
    this.t += dt * steps;
    this.step += steps;
    this.moments = await this.op.moments();
    await this.observe(dt);
    return { steps, stepSeconds: seconds / steps };
  }

  private async observe(dt: number): Promise<void> {
    const state = await this.op.getState();
    this.lastGood = state;
    const entry = seriesEntry(this.t, this.step, dt, this.moments, this.initial);
    const average = sphericalAverage(this.grid, state);
    const { anisotropy } = radialSymmetry(this.grid, state, average);
    const extras = this.definition.outputDiagnostics?.(this.grid, state, this.t, { ...this.params, rw: RW });
    const Ef_L2M = extras?.Ef_L2M ?? null;
    const bump = extras?.bump_covariance ? { centre: extras.bump_centre!, measured: extras.bump_covariance, predicted: extras.E_covariance! } : null;
    this.snapshot = { entry, state, average, anisotropy, Ef_L2M, bump };
  }

  dispose(): void {
    this.op.dispose();
  }
}

// WGSL backend: the discrete operator of the CPU reference in f32 on the GPU. Every buffer, pipeline
// and bind group is created in the constructor; a batch of RK3 steps is one command buffer, and the
// only read-back per batch is the 16-byte health record. Over 300 lines because the buffers, the
// stage uniforms and the batch encoding share one state; the convolution paths, the FFT, the
// resources and the memory plan are modules of their own.
import type { Grid } from '../../core/grid/grid.js';
import { Equation } from '../../equation/equation.js';
import { MAX_HALF_ORDER } from '../../equation/log-gradient.js';
import type { GpuHandle } from './device/gpu-handle.js';
import { DeviceLostError } from '../operator-errors.js';
import { UserInputError } from '../../core/errors/user-input-error.js';
import { KernelTimer, type KernelTimingMode } from './kernel-timer.js';
import type { ShaderLibrary } from './programs/shader-library.js';
import type { UniformLayout, UniformValues } from './programs/uniform-layout.js';
import { SSPRK3_STAGES, type RkStage } from '../../equation/ssprk3.js';
import { checkOptionNames, type BackendDescription, type LandauOperator, type Moments, type StepHealth } from '../landau-operator.js';
import type { ConvolutionPath, ConvolutionPathName } from './convolution-path.js';
import { DIRECT_MAX_N, DirectConvolution } from './direct-convolution.js';
import { FftConvolution } from './fft-convolution.js';
import { gpuMemoryPlan, GridTooLargeError, hasCompactCore, largestFittingN, PARTIAL_STRIDE, planLimits, planSummary, REDUCE_GROUPS, type GpuMemoryPlan } from './memory-plan.js';
import { GpuResources, WORKGROUP, type GpuCounters } from './gpu-resources.js';
import { SHADER_CONSTANTS } from './programs/shader-constants.js';
import type { ComputePass } from './compute-pass.js';

const { SUMS, STAGE_UPDATE, STAGE_FINAL, STAGE_RECORD_RATIO, STAGE_AT_STAGE } = SHADER_CONSTANTS;
const C = SHADER_CONSTANTS;
/** Stage-uniform slot of "evaluate Q of the state, change nothing". */
const Q_ONLY = SSPRK3_STAGES.length;

export type { GpuCounters };

/** conv picks the convolution path; equation the kernel K_γ, the source εF² of advance() and the gradient order (default Landau–Coulomb). */
export interface GpuOperatorOptions {
  conv: ConvolutionPathName;
  equation?: Equation;
  /** Workgroups per dispatch dimension below the device's limit: forces the folding of large dispatches (tests). */
  maxGroupsPerDimension?: number;
  /** The most one buffer may hold, below the device's limits (the run's cap): larger FFT work sets are split. */
  maxBufferBytes?: number;
}

export class GpuLandauOperator implements LandauOperator {
  readonly description: BackendDescription;
  private readonly gpu: GpuResources;
  private readonly device: GPUDevice;
  private readonly path: ConvolutionPath;
  /** F as a compensated pair hi + lo; the kernels read hi. */
  private readonly stateHi: GPUBuffer;
  private readonly stateLo: GPUBuffer;
  private readonly q: GPUBuffer;
  private readonly diffusion: GPUBuffer;
  private readonly health: GPUBuffer;
  private readonly partials: GPUBuffer;
  private readonly stageUniforms: GPUBuffer[];
  private readonly stageLayout: UniformLayout;
  private readonly staging = new Map<GPUBuffer, GPUBuffer>();
  /** Inputs of bilinear(): F, G and the reference R; and the per-cell eigenvalues of A. */
  private readonly fieldF: GPUBuffer;
  private readonly fieldG: GPUBuffer;
  private readonly reference: GPUBuffer;
  private readonly eigen: GPUBuffer;
  private readonly pipelines: Record<'prepare' | 'prepareBilinear' | 'fluxDivergence' | 'divergence' | 'reduce' | 'eigen', GPUComputePipeline>;
  /** Order 4 only: the gradient's share of Q and of the rate bound, between the fluxes and the divergence. */
  private readonly groups: {
    prepare: Record<'state' | 'stage', GPUBindGroup>;
    /** Sources of F into src and of G into targetSrc. */
    prepareBilinear: Record<'f' | 'g', GPUBindGroup>;
    eigen: GPUBindGroup;
    /** Q and the flux's share of the rate bound from the fluxes (the same sources buffer for every evaluation). */
    fluxDivergence: GPUBindGroup;
    /** One per RK stage, then Q_ONLY. */
    divergence: GPUBindGroup[];
    reduce: GPUBindGroup;
  };
  /** The compact core's line kernels per axis (order 8; compact_line.wgsl), null for other orders. */
  private readonly compact: CompactKernels | null;
  private lost: string | null = null;
  readonly equation: Equation;
  /** Benchmarks only (timeSubmissions): timestamp queries around each submission's work. */
  private timer: KernelTimer | null = null;

  /** Builds the operator and fails with the compiler's message if any shader or pipeline is invalid. */
  static async create(grid: Grid, gpu: GpuHandle, shaders: ShaderLibrary, options: GpuOperatorOptions = { conv: 'direct' }): Promise<GpuLandauOperator> {
    checkOptionNames('GpuLandauOperator', options, ['conv', 'equation', 'maxGroupsPerDimension', 'maxBufferBytes']);
    const plan = checkLimits(grid, gpu.device, options);
    gpu.device.pushErrorScope('validation');
    gpu.device.pushErrorScope('out-of-memory');
    let op: GpuLandauOperator | undefined;
    try {
      op = new GpuLandauOperator(grid, gpu, shaders, options, plan.split);
    } finally {
      const oom = await gpu.device.popErrorScope();
      const invalid = await gpu.device.popErrorScope();
      const problem = oom ?? invalid;
      if (problem) {
        op?.dispose();
        throw new Error(`GPU backend could not be built for N=${grid.n}: ${problem.message}`);
      }
    }
    return op;
  }

  private constructor(
    readonly grid: Grid,
    handle: GpuHandle,
    shaders: ShaderLibrary,
    options: GpuOperatorOptions,
    /** The FFT work sets have one buffer per field (memory-plan.ts). */
    readonly splitFftFields: boolean,
  ) {
    this.device = handle.device;
    this.gpu = new GpuResources(handle.device, shaders, options.maxGroupsPerDimension);
    this.description = { kind: 'gpu', device: handle.description, precision: 'f32', conv: options.conv };
    this.equation = options.equation ?? Equation.LANDAU_COULOMB;
    void this.device.lost.then((info) => {
      this.lost = `GPU device lost (${info.reason}): ${info.message}`;
    });
    const gpu = this.gpu;
    const cells = grid.cells;
    this.stateHi = gpu.storage(cells * 4);
    this.stateLo = gpu.storage(cells * 4);
    const stageValue = gpu.storage(cells * 4);
    const acc = gpu.storage(cells * 4);
    this.q = gpu.storage(cells * 4);
    const src = gpu.storage(cells * 32);
    const targetSrc = gpu.storage(cells * 32);
    this.fieldF = gpu.storage(cells * 4);
    this.fieldG = gpu.storage(cells * 4);
    this.reference = gpu.storage(cells * 4);
    this.eigen = gpu.storage(cells * 16);
    const flux = gpu.storage(cells * 32);
    // Each cell's rate bound, bound as `stiffness` in the WGSL.
    const rateBounds = gpu.storage(cells * 4);
    // The half order of the log F differences (pair_gradient.wgsl), shared by the sources and the divergence.
    const HALF_ORDER = this.equation.gradient / 2;
    this.diffusion = gpu.storage(cells * 32);
    this.health = gpu.storage(16);
    this.partials = gpu.storage(REDUCE_GROUPS * PARTIAL_STRIDE * 4);
    const gridUniform = gpu.uniform('Grid', this.gridUniformValues());
    const table = gpu.storage(grid.n ** 3 * 32);
    this.device.queue.writeBuffer(table, 0, this.tableData());
    this.stageLayout = gpu.uniformLayout('Stage');
    this.stageUniforms = [...SSPRK3_STAGES, null].map(() => gpu.buffer(this.stageLayout.size, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST));

    const ctx = { grid, gpu, buffers: { gridUniform, table, src, targetSrc, state: this.stateHi, flux, diffusion: this.diffusion } };
    const compact = hasCompactCore(this.equation.gradient)
      ? { theta: gpu.storage(cells * 12), blend: gpu.storage(cells * 12), share: gpu.storage(cells * 12), lineWork: gpu.storage(cells * 16), top: gpu.storage(C.COMPACT_TOP_GROUPS * 4) }
      : null;
    this.compact = compact && {
      ...compact,
      ...compactKernels(gpu, { gridUniform, src, targetSrc, flux, state: this.stateHi, stage: stageValue, fieldF: this.fieldF, fieldG: this.fieldG, reference: this.reference, ...compact }),
    };
    this.path = options.conv === 'fft' ? new FftConvolution(ctx, splitFftFields) : new DirectConvolution(ctx);
    this.pipelines = {
      prepare: gpu.pipeline('prepare_sources', { RELATIVE: false, HALF_ORDER }, ['pair_gradient']),
      prepareBilinear: gpu.pipeline('prepare_sources', { RELATIVE: true, HALF_ORDER }, ['pair_gradient']),
      eigen: gpu.pipeline('diffusion_eigen'),
      fluxDivergence: gpu.pipeline('flux_divergence', { HALF_ORDER, COMPACT: hasCompactCore(this.equation.gradient) }, ['pair_gradient']),
      divergence: gpu.pipeline('divergence_update'),
      reduce: gpu.pipeline('reduce_moments'),
    };
    this.groups = {
      prepare: {
        state: gpu.bind(this.pipelines.prepare, { grid: gridUniform, f: this.stateHi, src }),
        stage: gpu.bind(this.pipelines.prepare, { grid: gridUniform, f: stageValue, src }),
      },
      prepareBilinear: {
        f: gpu.bind(this.pipelines.prepareBilinear, { grid: gridUniform, f: this.fieldF, src, reference: this.reference }),
        g: gpu.bind(this.pipelines.prepareBilinear, { grid: gridUniform, f: this.fieldG, src: targetSrc, reference: this.reference }),
      },
      eigen: gpu.bind(this.pipelines.eigen, { grid: gridUniform, diffusion: this.diffusion, eigen: this.eigen }),
      fluxDivergence: gpu.bind(this.pipelines.fluxDivergence, { grid: gridUniform, flux, src, state_hi: this.stateHi, q: this.q, stiffness: rateBounds, ...(compact ? { blend: compact.blend, share: compact.share } : {}) }),
      divergence: this.stageUniforms.map((u) =>
        gpu.bind(this.pipelines.divergence, {
          grid: gridUniform, stage: u, state_hi: this.stateHi, state_lo: this.stateLo, stage_value: stageValue, acc, q: this.q, health: this.health, stiffness: rateBounds,
        }),
      ),
      reduce: gpu.bind(this.pipelines.reduce, { grid: gridUniform, f: this.stateHi, q: this.q, stiffness: rateBounds, partials: this.partials }),
    };
    this.writeStageUniform(Q_ONLY, 0, null, 0);
    for (const buffer of [this.stateHi, this.q, this.diffusion, this.partials, this.health, this.eigen]) this.stagingFor(buffer);
  }

  get counters(): GpuCounters {
    return this.gpu.counters;
  }

  /**
   * For benchmarks: times every later submission with timestamp queries (read the times from the
   * returned timer), or stops timing (null). Null where the device lacks `timestamp-query`.
   */
  timeSubmissions(mode: KernelTimingMode | null): KernelTimer | null {
    this.timer?.destroy();
    this.timer = mode && KernelTimer.supported(this.device) ? new KernelTimer(this.device, mode) : null;
    return this.timer;
  }

  /** GPU memory held by this operator's buffers (all allocated up front). */
  get gpuMemoryBytes(): number {
    return this.gpu.allocatedBytes;
  }

  /** The part of it in storage and read-back buffers: what memory-plan.ts plans. */
  get gpuStorageBytes(): number {
    return this.gpu.allocatedBytes - this.gpu.uniformBytes;
  }

  setState(f: ArrayLike<number>): void {
    if (f.length !== this.grid.cells) throw new Error(`state has ${f.length} values, grid needs ${this.grid.cells}`);
    const hi = Float32Array.from(f);
    const lo = hi.map((x, c) => f[c]! - x);
    this.device.queue.writeBuffer(this.stateHi, 0, hi);
    this.device.queue.writeBuffer(this.stateLo, 0, lo);
  }

  async getState(): Promise<Float64Array> {
    const hi = await this.read(this.stateHi);
    const lo = await this.read(this.stateLo);
    return Float64Array.from(hi, (x, c) => x + lo[c]!);
  }

  async diffusionMatrix(): Promise<Float64Array> {
    this.submit((pass) => this.path.encodeDiffusion(pass));
    const packed = await this.read(this.diffusion);
    const out = new Float64Array(this.grid.cells * 6);
    for (let c = 0; c < this.grid.cells; c++) {
      for (let k = 0; k < 6; k++) out[c * 6 + k] = packed[c * 8 + k]!;
    }
    return out;
  }

  async collision(): Promise<Float64Array> {
    this.submit((pass) => this.encodeEvaluation(pass, 'state', Q_ONLY));
    return Float64Array.from(await this.read(this.q));
  }

  async bilinear(f: ArrayLike<number>, g: ArrayLike<number>, reference: ArrayLike<number>): Promise<Float64Array> {
    const cells = this.grid.cells;
    const inputs = [[this.fieldF, f, 'F'], [this.fieldG, g, 'G'], [this.reference, reference, 'reference']] as const;
    for (const [buffer, values, name] of inputs) {
      if (values.length !== cells) throw new Error(`${name} has ${values.length} values, grid needs ${cells}`);
      this.device.queue.writeBuffer(buffer, 0, Float32Array.from(values));
    }
    this.submit((pass) => {
      this.gpu.dispatch(pass, this.pipelines.prepareBilinear, this.groups.prepareBilinear.f, cells);
      this.encodeCompact(pass, 'relativeF');
      this.gpu.dispatch(pass, this.pipelines.prepareBilinear, this.groups.prepareBilinear.g, cells);
      this.encodeCompact(pass, 'relativeG');
      this.path.encodeFlux(pass, 'bilinear');
      this.encodeCompact(pass, 'flux');
      this.gpu.dispatch(pass, this.pipelines.fluxDivergence, this.groups.fluxDivergence, cells);
      this.gpu.dispatch(pass, this.pipelines.divergence, this.groups.divergence[Q_ONLY]!, cells);
    });
    return Float64Array.from(await this.read(this.q));
  }

  async diffusionEigen(): Promise<Float64Array> {
    this.submit((pass) => {
      this.path.encodeDiffusion(pass);
      this.gpu.dispatch(pass, this.pipelines.eigen, this.groups.eigen, this.grid.cells);
    });
    return Float64Array.from(await this.read(this.eigen));
  }

  async moments(): Promise<Moments> {
    this.submit((pass) => {
      this.encodeEvaluation(pass, 'state', Q_ONLY);
      this.gpu.dispatch(pass, this.pipelines.reduce, this.groups.reduce, REDUCE_GROUPS * WORKGROUP);
    });
    return this.combinePartials(await this.read(this.partials));
  }

  async advance(dt: number, steps: number): Promise<StepHealth> {
    SSPRK3_STAGES.forEach((st, k) => {
      const flags = STAGE_UPDATE | (st.final ? STAGE_FINAL : 0) | (st.evaluateAt === 'state' ? STAGE_RECORD_RATIO : STAGE_AT_STAGE);
      this.writeStageUniform(k, dt, st, flags);
    });
    this.device.queue.writeBuffer(this.health, 0, new Uint32Array([0x7f800000, 0, 0, 0]));
    this.submit((pass) => {
      for (let s = 0; s < steps; s++) {
        SSPRK3_STAGES.forEach((st, k) => this.encodeEvaluation(pass, st.evaluateAt, k));
      }
    });
    const h = new Uint32Array((await this.read(this.health)).buffer);
    const asFloat = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0]!;
    return { minF: asFloat(h[0]!), maxStabilityRatio: asFloat(h[1]!), invalid: h[2] !== 0 };
  }

  dispose(): void {
    this.timeSubmissions(null);
    this.gpu.destroyAll();
  }

  private encodeEvaluation(pass: ComputePass, at: 'state' | 'stage', stage: number): void {
    const cells = this.grid.cells;
    this.gpu.dispatch(pass, this.pipelines.prepare, this.groups.prepare[at], cells);
    this.encodeCompact(pass, at);
    this.path.encodeFlux(pass);
    this.encodeCompact(pass, 'flux');
    // The rate bound is read at the state only: the first stage of a step and the moments.
    if (at === 'state') this.encodeCompact(pass, 'bound');
    this.gpu.dispatch(pass, this.pipelines.fluxDivergence, this.groups.fluxDivergence, cells);
    this.gpu.dispatch(pass, this.pipelines.divergence, this.groups.divergence[stage]!, cells);
  }

  /** The compact core's line kernels of one phase, one dispatch per axis (nothing for orders without it). */
  private encodeCompact(pass: ComputePass, phase: CompactPhase): void {
    if (!this.compact) return;
    const lines = this.grid.n ** 2;
    // The largest F first (COMPACT_TOP_GROUPS workgroups), then one invocation per line.
    for (const { pipeline, group, top } of this.compact.kernels[phase]) {
      if (top) this.gpu.dispatchGroups(pass, pipeline, group, C.COMPACT_TOP_GROUPS);
      else this.gpu.dispatch(pass, pipeline, group, lines);
    }
  }

  private submit(encode: (pass: ComputePass) => void): void {
    this.assertAlive();
    const encoder = this.device.createCommandEncoder();
    const pass = this.timer ? this.timer.beginPass(encoder) : encoder.beginComputePass();
    encode(pass);
    pass.end();
    this.timer?.resolve(encoder);
    this.device.queue.submit([encoder.finish()]);
    this.gpu.counters.submits++;
  }

  private async read(buffer: GPUBuffer): Promise<Float32Array> {
    this.assertAlive();
    const staging = this.stagingFor(buffer);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    this.device.queue.submit([encoder.finish()]);
    this.gpu.counters.readbacks++;
    await staging.mapAsync(GPUMapMode.READ).catch(async (err: unknown) => {
      // A map aborted by a lost device: report the loss (its promise settles about the same time).
      await Promise.race([this.device.lost, new Promise((resolve) => setTimeout(resolve, 100))]);
      this.assertAlive();
      throw err;
    });
    const out = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    this.assertAlive();
    return out;
  }

  private stagingFor(buffer: GPUBuffer): GPUBuffer {
    // Buffers of one size share a staging buffer: reads are awaited one at a time.
    const key = [this.stateLo, this.stateHi, this.q].includes(buffer) ? this.stateHi : buffer;
    let staging = this.staging.get(key);
    if (!staging) {
      staging = this.gpu.buffer(buffer.size, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      this.staging.set(key, staging);
    }
    return staging;
  }

  private writeStageUniform(k: number, dt: number, st: RkStage | null, flags: number): void {
    const data = this.stageLayout.pack({ dt, acc_keep: st?.accKeep ?? 0, stage_scale: st?.stageScale ?? 0, final_acc: st?.finalAcc ?? 0, final_k: st?.finalK ?? 0, flags });
    this.device.queue.writeBuffer(this.stageUniforms[k]!, 0, data);
  }

  /** struct Grid of common.wgsl: the grid, the rate-bound coefficients and ε of the equation. */
  private gridUniformValues(): UniformValues {
    const coef = this.equation.stiffness(this.grid.h);
    return {
      n: this.grid.n,
      cells: this.grid.cells,
      h: this.grid.h,
      lower: -this.grid.L,
      stiff_diffusion: coef.diffusion,
      stiff_reaction: coef.reaction,
      stiff_drift: coef.drift,
      eps_f2: this.equation.epsF2,
    };
  }

  /** The octant kernel table in physical units (× h^{γ+5}), two vec4 per offset. */
  private tableData(): Float32Array<ArrayBuffer> {
    const { weights } = this.equation.kernelTable(this.grid.n);
    const scale = this.equation.kernelScale(this.grid.h);
    const entries = weights.length / 6;
    const out = new Float32Array(entries * 8);
    for (let e = 0; e < entries; e++) {
      for (let k = 0; k < 6; k++) out[e * 8 + k] = weights[e * 6 + k]! * scale;
    }
    return out;
  }

  private combinePartials(p: Float32Array): Moments {
    const sums = new Float64Array(SUMS);
    let minF = Infinity;
    let maxF = -Infinity;
    let maxRateBound = 0;
    for (let g = 0; g < REDUCE_GROUPS; g++) {
      const base = g * PARTIAL_STRIDE;
      for (let k = 0; k < SUMS; k++) sums[k]! += p[base + 2 * k]! + p[base + 2 * k + 1]!;
      minF = Math.min(minF, p[base + 2 * SUMS]!);
      maxF = Math.max(maxF, p[base + 2 * SUMS + 1]!);
      maxRateBound = Math.max(maxRateBound, p[base + 2 * SUMS + 2]!);
    }
    const dv = this.grid.cellVolume;
    const s = (k: number) => sums[k]! * dv;
    const run = (first: number, count: number) => Array.from({ length: count }, (_, i) => s(first + i));
    return {
      mass: s(C.SUM_MASS),
      momentum: run(C.SUM_MOMENTUM, 3) as [number, number, number],
      energy: s(C.SUM_ENERGY),
      secondMoment: run(C.SUM_SECOND, 6),
      entropy: s(C.SUM_ENTROPY),
      fisher: s(C.SUM_FISHER),
      minF,
      maxF,
      secondMomentRate: run(C.SUM_SECOND_RATE, 6),
      entropyRate: s(C.SUM_ENTROPY_RATE),
      absRate: s(C.SUM_ABS_RATE),
      stiffness: maxRateBound,
    };
  }

  private assertAlive(): void {
    if (this.lost) throw new DeviceLostError(`${this.lost}. The state on the GPU is gone; rerun (on a laptop, keep it on mains power and awake).`);
  }
}

/** The memory plan, before anything is allocated; refuses grids whose buffers exceed what the device (or the cap) allows. */
function checkLimits(grid: Grid, device: GPUDevice, options: GpuOperatorOptions): GpuMemoryPlan {
  if (options.conv === 'direct' && grid.n > DIRECT_MAX_N) {
    throw new UserInputError([`direct summation supports N ≤ ${DIRECT_MAX_N} (its cost grows like N⁶); use `, { option: 'conv', value: 'fft' }, ` for N = ${grid.n}`]);
  }
  const limits = planLimits(device, options.maxBufferBytes);
  const plan = gpuMemoryPlan(grid.n, options.conv, limits, (options.equation ?? Equation.LANDAU_COULOMB).gradient);
  if (!plan.fits) throw new GridTooLargeError(['grid too large for this GPU: ', ...planSummary(plan, limits)], largestFittingN(plan.n, plan.conv, limits, plan.gradient));
  return plan;
}

type CompactPhase = 'state' | 'stage' | 'relativeF' | 'relativeG' | 'flux' | 'bound';

interface CompactKernels {
  theta: GPUBuffer;
  blend: GPUBuffer;
  share: GPUBuffer;
  lineWork: GPUBuffer;
  top: GPUBuffer;
  kernels: Record<CompactPhase, { pipeline: GPUComputePipeline; group: GPUBindGroup; top?: boolean }[]>;
}

/** The compact core's pipelines and bind groups per phase and axis (compact_gradient, compact_flux, compact_bound.wgsl). */
function compactKernels(
  gpu: GpuResources,
  b: Record<'gridUniform' | 'src' | 'targetSrc' | 'flux' | 'state' | 'stage' | 'fieldF' | 'fieldG' | 'reference' | 'theta' | 'blend' | 'share' | 'lineWork' | 'top', GPUBuffer>,
): Pick<CompactKernels, 'kernels'> {
  const axes = [0, 1, 2];
  const includes = ['pair_gradient', 'compact_line'];
  const topPipeline = gpu.pipeline('compact_top');
  const gradient = (relative: boolean, f: GPUBuffer, src: GPUBuffer) => [
    { pipeline: topPipeline, group: gpu.bind(topPipeline, { grid: b.gridUniform, field: relative ? b.reference : f, top: b.top }), top: true },
    ...axes.map((AXIS) => {
      const pipeline = gpu.pipeline('compact_gradient', { RELATIVE: relative, AXIS, HALF_ORDER: MAX_HALF_ORDER }, includes);
      const extra: Record<string, GPUBuffer> = relative ? { reference: b.reference } : {};
      return { pipeline, group: gpu.bind(pipeline, { grid: b.gridUniform, f, src, theta: b.theta, line_work: b.lineWork, top: b.top, ...extra }) };
    }),
  ];
  const flux = axes.map((AXIS) => {
    const pipeline = gpu.pipeline('compact_flux', { AXIS, HALF_ORDER: MAX_HALF_ORDER }, includes);
    return { pipeline, group: gpu.bind(pipeline, { grid: b.gridUniform, src: b.src, flux: b.flux, theta: b.theta, blend: b.blend, line_work: b.lineWork }) };
  });
  const bound = axes.map((AXIS) => {
    const pipeline = gpu.pipeline('compact_bound', { AXIS, HALF_ORDER: MAX_HALF_ORDER }, includes);
    return { pipeline, group: gpu.bind(pipeline, { grid: b.gridUniform, src: b.src, flux: b.flux, theta: b.theta, state_hi: b.state, share: b.share, line_work: b.lineWork }) };
  });
  return {
    kernels: {
      state: gradient(false, b.state, b.src),
      stage: gradient(false, b.stage, b.src),
      relativeF: gradient(true, b.fieldF, b.src),
      relativeG: gradient(true, b.fieldG, b.targetSrc),
      flux,
      bound,
    },
  };
}

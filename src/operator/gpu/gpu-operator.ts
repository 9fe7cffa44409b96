// WGSL backend: the discrete operator of the CPU reference in f32 on the GPU. Every buffer, pipeline
// and bind group is created in the constructor; a batch of RK3 steps is one command buffer, and the
// only read-back per batch is the 16-byte health record.
import type { Grid } from '../../grid/grid.js';
import { kernelTable } from '../../kernel/kernel-table.js';
import type { GpuHandle } from '../../gpu/gpu-handle.js';
import type { ShaderLibrary } from '../../gpu/shader-library.js';
import { SSPRK3_STAGES, type RkStage } from '../../solver/ssprk3.js';
import { stiffnessCoefficients } from '../../solver/stability.js';
import type { BackendDescription, LandauOperator, Moments, StepHealth } from '../landau-operator.js';

const WORKGROUP = 64;
const REDUCE_GROUPS = 128;
const SUMS = 21;
const PARTIAL_STRIDE = 48;
const STAGE_UPDATE = 1;
const STAGE_FINAL = 2;
const STAGE_RATIO = 4;
/** Stage-uniform slot of "evaluate Q of the state, change nothing". */
const Q_ONLY = SSPRK3_STAGES.length;
const MAX_GROUPS_PER_DIM = 65535;

/** Counters of GPU work, for the structural performance tests. */
export interface GpuCounters {
  dispatches: number;
  submits: number;
  readbacks: number;
  bufferCreations: number;
  pipelineCreations: number;
}

export class GpuLandauOperator implements LandauOperator {
  readonly description: BackendDescription;
  readonly counters: GpuCounters = { dispatches: 0, submits: 0, readbacks: 0, bufferCreations: 0, pipelineCreations: 0 };
  private readonly device: GPUDevice;
  /** F as a compensated pair hi + lo; the kernels read hi. */
  private readonly stateHi: GPUBuffer;
  private readonly stateLo: GPUBuffer;
  private readonly stageValue: GPUBuffer;
  private readonly acc: GPUBuffer;
  private readonly q: GPUBuffer;
  private readonly src: GPUBuffer;
  private readonly flux: GPUBuffer;
  private readonly stiffness: GPUBuffer;
  private readonly diffusion: GPUBuffer;
  private readonly health: GPUBuffer;
  private readonly gridUniform: GPUBuffer;
  private readonly table: GPUBuffer;
  private readonly partials: GPUBuffer;
  private readonly stageUniforms: GPUBuffer[];
  private readonly staging: Map<GPUBuffer, GPUBuffer> = new Map();
  private readonly pipelines: Record<'prepare' | 'flux' | 'diffusion' | 'divergence' | 'reduce', GPUComputePipeline>;
  private readonly groups: {
    prepare: Record<'state' | 'stage', GPUBindGroup>;
    flux: GPUBindGroup;
    diffusion: GPUBindGroup;
    /** One per RK stage, then Q_ONLY. */
    divergence: GPUBindGroup[];
    reduce: GPUBindGroup;
  };
  private readonly cellGroups: [number, number];
  /** Workgroups of the flux convolution, which covers the interior cells only. */
  private readonly interiorGroups: [number, number];
  private lost: string | null = null;

  /** Builds the operator and fails with the compiler's message if any shader or pipeline is invalid. */
  static async create(grid: Grid, gpu: GpuHandle, shaders: ShaderLibrary): Promise<GpuLandauOperator> {
    gpu.device.pushErrorScope('validation');
    gpu.device.pushErrorScope('out-of-memory');
    let op: GpuLandauOperator | undefined;
    try {
      op = new GpuLandauOperator(grid, gpu, shaders);
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
    gpu: GpuHandle,
    shaders: ShaderLibrary,
  ) {
    this.device = gpu.device;
    this.description = { kind: 'gpu', device: gpu.description, precision: 'f32' };
    this.checkLimits();
    void this.device.lost.then((info) => {
      this.lost = `GPU device lost (${info.reason}): ${info.message}`;
    });
    const cells = grid.cells;
    const storage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    this.stateHi = this.buffer(cells * 4, storage);
    this.stateLo = this.buffer(cells * 4, storage);
    this.stageValue = this.buffer(cells * 4, storage);
    this.acc = this.buffer(cells * 4, storage);
    this.q = this.buffer(cells * 4, storage);
    this.src = this.buffer(cells * 32, storage);
    this.flux = this.buffer(cells * 32, storage);
    this.stiffness = this.buffer(cells * 4, storage);
    this.diffusion = this.buffer(cells * 32, storage);
    this.health = this.buffer(16, storage);
    this.partials = this.buffer(REDUCE_GROUPS * PARTIAL_STRIDE * 4, storage);
    const gridUniform = (this.gridUniform = this.buffer(32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST));
    this.device.queue.writeBuffer(gridUniform, 0, this.gridUniformData());
    const table = (this.table = this.buffer(grid.n ** 3 * 32, storage));
    this.device.queue.writeBuffer(table, 0, this.tableData());
    this.stageUniforms = [...SSPRK3_STAGES, null].map(() => this.buffer(32, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST));

    const pipeline = (name: string, defines: Record<string, boolean> = {}) => {
      this.counters.pipelineCreations++;
      return this.device.createComputePipeline({
        layout: 'auto',
        compute: { module: this.device.createShaderModule({ code: shaders.compose(name, defines) }), entryPoint: 'main' },
      });
    };
    this.pipelines = {
      prepare: pipeline('prepare_sources'),
      flux: pipeline('conv_direct', { FLUX: true }),
      diffusion: pipeline('conv_direct', { FLUX: false }),
      divergence: pipeline('divergence_update'),
      reduce: pipeline('reduce_moments'),
    };
    const bind = (p: GPUComputePipeline, buffers: GPUBuffer[]) =>
      this.device.createBindGroup({
        layout: p.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    const divergenceBuffers = (uniform: GPUBuffer) =>
      [gridUniform, uniform, this.flux, this.stateHi, this.stateLo, this.stageValue, this.acc, this.q, this.health, this.stiffness];
    this.groups = {
      prepare: {
        state: bind(this.pipelines.prepare, [gridUniform, this.stateHi, this.src]),
        stage: bind(this.pipelines.prepare, [gridUniform, this.stageValue, this.src]),
      },
      flux: bind(this.pipelines.flux, [gridUniform, table, this.src, this.flux]),
      diffusion: bind(this.pipelines.diffusion, [gridUniform, table, this.stateHi, this.diffusion]),
      divergence: this.stageUniforms.map((u) => bind(this.pipelines.divergence, divergenceBuffers(u))),
      reduce: bind(this.pipelines.reduce, [gridUniform, this.stateHi, this.q, this.stiffness, this.partials]),
    };
    this.cellGroups = workgroupGrid(cells);
    this.interiorGroups = workgroupGrid((grid.n - 2) ** 3);
    this.writeStageUniform(Q_ONLY, 0, null, 0);
    for (const buffer of [this.stateHi, this.q, this.diffusion, this.partials, this.health]) this.stagingFor(buffer);
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
    this.submit((pass) => this.dispatchCells(pass, this.pipelines.diffusion, this.groups.diffusion));
    const packed = await this.read(this.diffusion);
    const out = new Float64Array(this.grid.cells * 6);
    for (let c = 0; c < this.grid.cells; c++) {
      for (let k = 0; k < 4; k++) out[c * 6 + k] = packed[c * 8 + k]!;
      out[c * 6 + 4] = packed[c * 8 + 4]!;
      out[c * 6 + 5] = packed[c * 8 + 5]!;
    }
    return out;
  }

  async collision(): Promise<Float64Array> {
    this.submit((pass) => this.encodeEvaluation(pass, 'state', Q_ONLY));
    return Float64Array.from(await this.read(this.q));
  }

  async moments(): Promise<Moments> {
    this.submit((pass) => {
      this.encodeEvaluation(pass, 'state', Q_ONLY);
      pass.setPipeline(this.pipelines.reduce);
      pass.setBindGroup(0, this.groups.reduce);
      pass.dispatchWorkgroups(REDUCE_GROUPS);
      this.counters.dispatches++;
    });
    return this.combinePartials(await this.read(this.partials));
  }

  async advance(dt: number, steps: number): Promise<StepHealth> {
    SSPRK3_STAGES.forEach((st, k) => {
      const flags = STAGE_UPDATE | (st.final ? STAGE_FINAL : 0) | (st.evaluateAt === 'state' ? STAGE_RATIO : 0);
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
    for (const b of [this.stateHi, this.stateLo, this.stageValue, this.acc, this.q, this.src, this.flux, this.stiffness, this.diffusion, this.health, this.partials, this.gridUniform, this.table, ...this.stageUniforms, ...this.staging.values()]) b.destroy();
  }

  private encodeEvaluation(pass: GPUComputePassEncoder, at: 'state' | 'stage', stage: number): void {
    this.dispatchCells(pass, this.pipelines.prepare, this.groups.prepare[at]);
    this.dispatchCells(pass, this.pipelines.flux, this.groups.flux, this.interiorGroups);
    this.dispatchCells(pass, this.pipelines.divergence, this.groups.divergence[stage]!);
  }

  private dispatchCells(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, group: GPUBindGroup, groups = this.cellGroups): void {
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups[0], groups[1]);
    this.counters.dispatches++;
  }

  private submit(encode: (pass: GPUComputePassEncoder) => void): void {
    this.assertAlive();
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encode(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
    this.counters.submits++;
  }

  private async read(buffer: GPUBuffer): Promise<Float32Array> {
    this.assertAlive();
    const staging = this.stagingFor(buffer);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    this.device.queue.submit([encoder.finish()]);
    this.counters.readbacks++;
    await staging.mapAsync(GPUMapMode.READ);
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
      staging = this.buffer(buffer.size, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
      this.staging.set(key, staging);
    }
    return staging;
  }

  private buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    this.counters.bufferCreations++;
    return this.device.createBuffer({ size, usage });
  }

  private writeStageUniform(k: number, dt: number, st: RkStage | null, flags: number): void {
    const data = new ArrayBuffer(32);
    new Float32Array(data, 0, 5).set([dt, st?.accKeep ?? 0, st?.stageScale ?? 0, st?.finalAcc ?? 0, st?.finalK ?? 0]);
    new Uint32Array(data, 20, 1)[0] = flags;
    this.device.queue.writeBuffer(this.stageUniforms[k]!, 0, data);
  }

  private gridUniformData(): ArrayBuffer {
    const data = new ArrayBuffer(32);
    const u = new Uint32Array(data);
    const f = new Float32Array(data);
    const coef = stiffnessCoefficients(this.grid.h);
    u[0] = this.grid.n;
    u[1] = this.grid.cells;
    f[2] = this.grid.h;
    f[3] = -this.grid.L;
    f[4] = coef.diffusion;
    f[5] = coef.reaction;
    f[6] = coef.drift;
    return data;
  }

  /** The octant kernel table in physical units (× h²), two vec4 per offset. */
  private tableData(): Float32Array<ArrayBuffer> {
    const { weights } = kernelTable(this.grid.n);
    const h2 = this.grid.h ** 2;
    const entries = weights.length / 6;
    const out = new Float32Array(entries * 8);
    for (let e = 0; e < entries; e++) {
      for (let k = 0; k < 6; k++) out[e * 8 + k] = weights[e * 6 + k]! * h2;
    }
    return out;
  }

  private combinePartials(p: Float32Array): Moments {
    const sums = new Float64Array(SUMS);
    let minF = Infinity;
    let maxF = -Infinity;
    let stiffness = 0;
    for (let g = 0; g < REDUCE_GROUPS; g++) {
      const base = g * PARTIAL_STRIDE;
      for (let k = 0; k < SUMS; k++) sums[k]! += p[base + 2 * k]! + p[base + 2 * k + 1]!;
      minF = Math.min(minF, p[base + 2 * SUMS]!);
      maxF = Math.max(maxF, p[base + 2 * SUMS + 1]!);
      stiffness = Math.max(stiffness, p[base + 2 * SUMS + 2]!);
    }
    const dv = this.grid.cellVolume;
    const s = (k: number) => sums[k]! * dv;
    return {
      mass: s(0),
      momentum: [s(1), s(2), s(3)],
      energy: s(4),
      secondMoment: [5, 6, 7, 8, 9, 10].map(s),
      entropy: s(11),
      fisher: s(12),
      minF,
      maxF,
      secondMomentRate: [13, 14, 15, 16, 17, 18].map(s),
      entropyRate: s(19),
      absRate: s(20),
      stiffness,
    };
  }

  private checkLimits(): void {
    const limits = this.device.limits;
    const largest = this.grid.n ** 3 * 32;
    if (largest > limits.maxStorageBufferBindingSize || largest > limits.maxBufferSize) {
      const mib = (b: number) => (b / 2 ** 20).toFixed(0);
      throw new RangeError(
        `grid N=${this.grid.n} needs ${mib(largest)} MiB storage buffers but this GPU allows ` +
          `${mib(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize))} MiB; use a smaller --n`,
      );
    }
  }

  private assertAlive(): void {
    if (this.lost) throw new Error(`${this.lost}. The state on the GPU is gone; rerun (on a laptop, keep it on mains power and awake).`);
  }
}

/** A 1D range of WORKGROUP-sized groups laid out in 2D when it exceeds the per-dimension limit. */
function workgroupGrid(items: number): [number, number] {
  const groups = Math.ceil(items / WORKGROUP);
  return groups <= MAX_GROUPS_PER_DIM ? [groups, 1] : [MAX_GROUPS_PER_DIM, Math.ceil(groups / MAX_GROUPS_PER_DIM)];
}

// Creation of GPU objects through one place, which counts them (for the structural performance
// tests: nothing may be created inside the time loop) and the dispatches and read-backs.
import type { ShaderLibrary } from '../../gpu/shader-library.js';

export const WORKGROUP = 64;
const MAX_GROUPS_PER_DIM = 65535;

export interface GpuCounters {
  dispatches: number;
  submits: number;
  readbacks: number;
  bufferCreations: number;
  pipelineCreations: number;
}

export class GpuResources {
  readonly counters: GpuCounters = { dispatches: 0, submits: 0, readbacks: 0, bufferCreations: 0, pipelineCreations: 0 };
  private readonly owned: GPUBuffer[] = [];
  /** Bytes of every buffer created and not yet destroyed (none is freed before destroyAll). */
  allocatedBytes = 0;

  constructor(
    readonly device: GPUDevice,
    private readonly shaders: ShaderLibrary,
  ) {}

  buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    this.counters.bufferCreations++;
    const buffer = this.device.createBuffer({ size: Math.max(size, 4), usage });
    this.owned.push(buffer);
    this.allocatedBytes += buffer.size;
    return buffer;
  }

  storage(size: number): GPUBuffer {
    return this.buffer(size, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  }

  uniform(data: ArrayBuffer | ArrayBufferView<ArrayBuffer>): GPUBuffer {
    const buffer = this.buffer(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  pipeline(name: string, defines: Record<string, boolean> = {}, includes: string[] = [], constants?: Record<string, number>): GPUComputePipeline {
    this.counters.pipelineCreations++;
    return this.device.createComputePipeline({
      // The shader and its variant, e.g. 'fft_stage:RADIX8': names kernels in timings and errors.
      label: [name, ...Object.keys(defines).filter((k) => defines[k])].join(':'),
      layout: 'auto',
      compute: { module: this.device.createShaderModule({ code: this.shaders.compose(name, defines, includes) }), entryPoint: 'main', constants },
    });
  }

  bind(pipeline: GPUComputePipeline, buffers: GPUBuffer[]): GPUBindGroup {
    return this.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  /** One dispatch of `items` invocations (WORKGROUP per group, laid out in 2D beyond the per-dimension limit). */
  dispatch(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, group: GPUBindGroup, items: number): void {
    const groups = Math.ceil(items / WORKGROUP);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    if (groups <= MAX_GROUPS_PER_DIM) pass.dispatchWorkgroups(groups);
    else pass.dispatchWorkgroups(MAX_GROUPS_PER_DIM, Math.ceil(groups / MAX_GROUPS_PER_DIM));
    this.counters.dispatches++;
  }

  /** One dispatch of an explicit number of workgroups (1D). */
  dispatchGroups(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, group: GPUBindGroup, groups: number): void {
    if (groups > MAX_GROUPS_PER_DIM) throw new RangeError(`${groups} workgroups exceed the per-dimension limit ${MAX_GROUPS_PER_DIM}`);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groups);
    this.counters.dispatches++;
  }

  destroyAll(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
    this.allocatedBytes = 0;
  }
}

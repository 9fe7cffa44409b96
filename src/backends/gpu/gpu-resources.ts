// Creation of GPU objects through one place, which counts them (for the structural performance
// tests: nothing may be created inside the time loop) and the dispatches and read-backs.
import { SHADER_CONSTANTS } from './programs/shader-constants.js';
import type { ShaderLibrary } from './programs/shader-library.js';
import type { UniformLayout, UniformValues } from './programs/uniform-layout.js';
import type { ComputePass } from './compute-pass.js';

export const WORKGROUP = SHADER_CONSTANTS.WORKGROUP;

export interface GpuCounters {
  dispatches: number;
  submits: number;
  readbacks: number;
  bufferCreations: number;
  pipelineCreations: number;
}

/**
 * Compiled pipelines per device, by composed source and constants: a pipeline belongs to the device,
 * not to an operator, so an operator built again on the same device (the demo on every parameter
 * change, a study's runs) reuses them instead of compiling its shaders again.
 */
const compiled = new WeakMap<GPUDevice, Map<string, { pipeline: GPUComputePipeline; bindings: Map<string, number> }>>();

export class GpuResources {
  readonly counters: GpuCounters = { dispatches: 0, submits: 0, readbacks: 0, bufferCreations: 0, pipelineCreations: 0 };
  private readonly owned: GPUBuffer[] = [];
  /** The group-0 bindings each pipeline's WGSL declares, by variable name. */
  private readonly bindings = new WeakMap<GPUComputePipeline, Map<string, number>>();
  /** Bytes of every buffer created and not yet destroyed (none is freed before destroyAll), and of the uniform ones among them. */
  allocatedBytes = 0;
  uniformBytes = 0;

  /** Workgroups per dispatch dimension: the device's limit, or less (tests force the folding with it). */
  readonly maxGroupsPerDimension: number;

  constructor(
    readonly device: GPUDevice,
    private readonly shaders: ShaderLibrary,
    maxGroupsPerDimension?: number,
  ) {
    const limit = device.limits.maxComputeWorkgroupsPerDimension;
    this.maxGroupsPerDimension = Math.min(limit, maxGroupsPerDimension ?? limit);
  }

  buffer(size: number, usage: GPUBufferUsageFlags): GPUBuffer {
    this.counters.bufferCreations++;
    const buffer = this.device.createBuffer({ size: Math.max(size, 4), usage });
    this.owned.push(buffer);
    this.allocatedBytes += buffer.size;
    if (usage & GPUBufferUsage.UNIFORM) this.uniformBytes += buffer.size;
    return buffer;
  }

  storage(size: number): GPUBuffer {
    return this.buffer(size, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  }

  /** A uniform buffer holding a WGSL struct, packed by field name (uniform-layout.ts). */
  uniform(struct: string, values: UniformValues): GPUBuffer {
    const data = this.uniformLayout(struct).pack(values);
    const buffer = this.buffer(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
    this.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  uniformLayout(struct: string): UniformLayout {
    return this.shaders.uniformLayout(struct);
  }

  /** The pipeline of a shader variant, compiled on first request on this device (pipelineCreations counts compilations). */
  pipeline(name: string, defines: Record<string, boolean | number> = {}, includes: string[] = [], constants?: Record<string, number>): GPUComputePipeline {
    const code = this.shaders.compose(name, defines, includes);
    // The shader and its variant, e.g. 'fft_stage:RADIX8': names kernels in timings and errors.
    const label = [name, ...Object.keys(defines).filter((k) => defines[k])].join(':');
    const key = `${label}\n${JSON.stringify(constants ?? {})}\n${code}`;
    let cache = compiled.get(this.device);
    if (!cache) compiled.set(this.device, (cache = new Map()));
    let entry = cache.get(key);
    if (!entry) {
      this.counters.pipelineCreations++;
      const pipeline = this.device.createComputePipeline({
        label,
        layout: 'auto',
        compute: { module: this.device.createShaderModule({ code }), entryPoint: 'main', constants },
      });
      entry = { pipeline, bindings: declaredBindings(code) };
      cache.set(key, entry);
    }
    this.bindings.set(entry.pipeline, entry.bindings);
    return entry.pipeline;
  }

  /**
   * The bind group of a pipeline from its buffers by the names the WGSL declares them with: every
   * declared binding must be given and no other, so a swapped or missing buffer fails here, naming
   * the kernel and the binding, instead of validating silently by position.
   */
  bind(pipeline: GPUComputePipeline, buffers: Record<string, GPUBuffer>): GPUBindGroup {
    const declared = this.bindings.get(pipeline);
    if (!declared) throw new Error(`pipeline '${pipeline.label}' was not made by GpuResources.pipeline`);
    const unknown = Object.keys(buffers).filter((name) => !declared.has(name));
    const missing = [...declared.keys()].filter((name) => !(name in buffers));
    if (unknown.length > 0 || missing.length > 0) {
      throw new Error(`'${pipeline.label}' binds ${[...declared.keys()].join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; not declared ${unknown.join(', ')}` : ''}`);
    }
    return this.device.createBindGroup({
      label: pipeline.label,
      layout: pipeline.getBindGroupLayout(0),
      entries: [...declared].map(([name, binding]) => ({ binding, resource: { buffer: buffers[name]! } })),
    });
  }

  /** One dispatch of `items` invocations, WORKGROUP per group. */
  dispatch(pass: ComputePass, pipeline: GPUComputePipeline, group: GPUBindGroup, items: number): void {
    this.dispatchGroups(pass, pipeline, group, Math.ceil(items / WORKGROUP));
  }

  /**
   * One dispatch of `groups` workgroups of 1D work, folded into 2D or 3D beyond the per-dimension
   * limit (the shaders recover the index with group_index and skip the groups past the end).
   */
  dispatchGroups(pass: ComputePass, pipeline: GPUComputePipeline, group: GPUBindGroup, groups: number): void {
    const [x, y, z] = foldGroups(groups, this.maxGroupsPerDimension);
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y, z);
    this.counters.dispatches++;
  }

  destroyAll(): void {
    for (const b of this.owned) b.destroy();
    this.owned.length = 0;
    this.allocatedBytes = 0;
  }
}

/** The 3D workgroup grid for `groups` groups of 1D work under a per-dimension limit (x fastest). */
export function foldGroups(groups: number, limit: number): [number, number, number] {
  const x = Math.max(1, Math.min(groups, limit));
  const y = Math.min(Math.ceil(groups / x), limit);
  const z = Math.ceil(groups / (x * y));
  if (z > limit) throw new RangeError(`${groups} workgroups exceed ${limit}³, the most a dispatch can fold into`);
  return [x, y, z];
}

/** `@group(0) @binding(k) var<…> name` declarations of a composed shader: name → k. */
export function declaredBindings(code: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of code.matchAll(/@group\(0\)\s*@binding\((\d+)\)\s*var(?:<[^>]*>)?\s+(\w+)/g)) out.set(m[2]!, Number(m[1]));
  return out;
}

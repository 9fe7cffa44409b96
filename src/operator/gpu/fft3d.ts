// Batched 3D complex FFT of size m³ (m a power of two) in WGSL: radix-2 Stockham stages along each
// axis, ping-ponging between two buffers that hold up to `capacity` complex fields. The stage
// sequences are built once (bind groups and uniforms included) and replayed by encoding.
import type { GpuResources } from './gpu-resources.js';

export interface FftStep {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  items: number;
}

export interface FftPlan {
  steps: FftStep[];
  /** The buffer holding the transform when the steps have run. */
  result: GPUBuffer;
}

export class Fft3d {
  readonly m3: number;
  readonly log2m: number;
  /** Ping-pong buffers, `capacity` complex fields of m³ vec2<f32> each. */
  readonly bufferA: GPUBuffer;
  readonly bufferB: GPUBuffer;
  private readonly twiddles: GPUBuffer;
  private readonly stage: GPUComputePipeline;

  constructor(
    private readonly gpu: GpuResources,
    readonly m: number,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(Math.log2(m)) || m < 2) throw new RangeError(`FFT size ${m} is not a power of two ≥ 2`);
    this.m3 = m ** 3;
    this.log2m = Math.round(Math.log2(m));
    this.bufferA = gpu.storage(capacity * this.m3 * 8);
    this.bufferB = gpu.storage(capacity * this.m3 * 8);
    this.twiddles = gpu.storage((m / 2) * 8);
    gpu.device.queue.writeBuffer(this.twiddles, 0, twiddleTable(m));
    this.stage = gpu.pipeline('fft_stage', {}, ['fft_common']);
  }

  /** The stages of one unnormalised transform of the first `fields` fields of `from`. */
  plan(from: GPUBuffer, fields: number, inverse: boolean): FftPlan {
    if (fields > this.capacity) throw new RangeError(`FFT of ${fields} fields exceeds capacity ${this.capacity}`);
    const { m, m3 } = this;
    const steps: FftStep[] = [];
    let [input, output] = from === this.bufferA ? [this.bufferA, this.bufferB] : [this.bufferB, this.bufferA];
    for (const stride of [m * m, m, 1]) {
      for (let s = 0; s < this.log2m; s++) {
        const ns = 2 ** s;
        const uniform = this.gpu.uniform(new Uint32Array([m, m3, ns, stride, fields, m / (2 * ns), inverse ? 1 : 0, 0]));
        steps.push({ pipeline: this.stage, group: this.gpu.bind(this.stage, [uniform, this.twiddles, input, output]), items: (fields * m3) / 2 });
        [input, output] = [output, input];
      }
    }
    return { steps, result: input };
  }

  other(buffer: GPUBuffer): GPUBuffer {
    return buffer === this.bufferA ? this.bufferB : this.bufferA;
  }
}

/** exp(−2πi k/m) for k < m/2, computed in f64 and rounded once to f32. */
function twiddleTable(m: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(m);
  for (let k = 0; k < m / 2; k++) {
    out[2 * k] = Math.cos((2 * Math.PI * k) / m);
    out[2 * k + 1] = -Math.sin((2 * Math.PI * k) / m);
  }
  return out;
}

export function encodeSteps(gpu: GpuResources, pass: GPUComputePassEncoder, steps: readonly FftStep[]): void {
  for (const s of steps) gpu.dispatch(pass, s.pipeline, s.group, s.items);
}

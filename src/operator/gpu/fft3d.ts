// Batched 3D complex FFT of size m³ (m a power of two) in WGSL: Stockham steps of radix 16, 8 or 4
// along each axis (fftRadices), ping-ponging between two buffers that hold up to `capacity` complex
// fields. Transforms of zero-padded fields skip what is zero, and inverse transforms needed on a
// sub-box only skip what is not needed (axisPasses, fft_stage.wgsl). The step sequences are built
// once (bind groups and uniforms included) and replayed by encoding.
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

/**
 * Radices of the steps along one axis: as few steps as radices up to 16 allow, the bits of m shared
 * out evenly (smaller radices first): 16 → 16, 32 → 4×8, 64 → 8×8, 128 → 8×16, 256 → 16×16.
 */
export function fftRadices(m: number): number[] {
  const log2m = Math.round(Math.log2(m));
  const steps = Math.ceil(log2m / 4);
  return Array.from({ length: steps }, (_, i) => 2 ** (Math.floor(log2m / steps) + (i >= steps - (log2m % steps) ? 1 : 0)));
}

/** The lines of one axis pass: the other two axes a (slower) and b (faster), and how far each runs. */
interface AxisLines {
  stride: number;
  countA: number;
  countB: number;
  strideA: number;
  strideB: number;
}

/**
 * Axis passes in order. Forward, of fields zero outside [0, extent)³: along x the lines with
 * y, z < extent, then along y those with z < extent, then along z all. Inverse, needed on
 * [0, extent)³ only: along z all lines, then y with z < extent, then x with y, z < extent.
 */
function axisPasses(m: number, extent: number, inverse: boolean): AxisLines[] {
  const strides = [m * m, m, 1];
  const order = inverse ? [2, 1, 0] : [0, 1, 2];
  return order.map((axis, i) => {
    const done = order.slice(0, i);
    const count = (other: number) => (done.includes(other) === inverse ? extent : m);
    const [a, b] = [0, 1, 2].filter((x) => x !== axis) as [number, number];
    return { stride: strides[axis]!, countA: count(a), countB: count(b), strideA: strides[a]!, strideB: strides[b]! };
  });
}

export class Fft3d {
  readonly m3: number;
  /** Ping-pong buffers, `capacity` complex fields of m³ vec2<f32> each. */
  readonly bufferA: GPUBuffer;
  readonly bufferB: GPUBuffer;
  private readonly twiddles: GPUBuffer;
  private readonly stages: Record<number, GPUComputePipeline>;

  constructor(
    private readonly gpu: GpuResources,
    readonly m: number,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(Math.log2(m)) || m < 2) throw new RangeError(`FFT size ${m} is not a power of two ≥ 2`);
    this.m3 = m ** 3;
    this.bufferA = gpu.storage(capacity * this.m3 * 8);
    this.bufferB = gpu.storage(capacity * this.m3 * 8);
    this.twiddles = gpu.storage(m * 8);
    gpu.device.queue.writeBuffer(this.twiddles, 0, twiddleTable(m));
    const includes = ['fft_common', 'fft_radix'];
    this.stages = {};
    for (const radix of new Set(fftRadices(m))) this.stages[radix] = gpu.pipeline('fft_stage', { RADIX2: radix === 2, RADIX8: radix === 8, RADIX16: radix === 16 }, includes);
  }

  /**
   * The steps of one unnormalised transform of the first `fields` fields of `from`. Forward: the
   * fields are zero outside [0, extent)³. Inverse: the result is wanted on [0, extent)³ only (the
   * rest of the result buffer is left undefined).
   */
  plan(from: GPUBuffer, fields: number, inverse: boolean, extent = this.m): FftPlan {
    if (fields > this.capacity) throw new RangeError(`FFT of ${fields} fields exceeds capacity ${this.capacity}`);
    if (extent < 1 || extent > this.m) throw new RangeError(`FFT extent ${extent} is outside 1 … ${this.m}`);
    const { m, m3 } = this;
    const steps: FftStep[] = [];
    let [input, output] = from === this.bufferA ? [this.bufferA, this.bufferB] : [this.bufferB, this.bufferA];
    const radices = fftRadices(m);
    for (const lines of axisPasses(m, extent, inverse)) {
      const count = fields * lines.countA * lines.countB;
      let ns = 1;
      radices.forEach((radix, s) => {
        const loadExtent = s === 0 && !inverse ? extent : m;
        const storeExtent = s === radices.length - 1 && inverse ? extent : m;
        const pipeline = this.stages[radix]!;
        const uniform = this.gpu.uniform(new Uint32Array([
          m, m3, ns, lines.stride,
          lines.countA, lines.countB, lines.strideA, lines.strideB,
          count, inverse ? 1 : 0, loadExtent, storeExtent,
        ]));
        steps.push({ pipeline, group: this.gpu.bind(pipeline, [uniform, this.twiddles, input, output]), items: (count * m) / radix });
        [input, output] = [output, input];
        ns *= radix;
      });
    }
    return { steps, result: input };
  }

  other(buffer: GPUBuffer): GPUBuffer {
    return buffer === this.bufferA ? this.bufferB : this.bufferA;
  }
}

/** exp(−2πi t/m) for t < m, computed in f64 and rounded once to f32. */
function twiddleTable(m: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(2 * m);
  for (let t = 0; t < m; t++) {
    out[2 * t] = Math.cos((2 * Math.PI * t) / m);
    out[2 * t + 1] = -Math.sin((2 * Math.PI * t) / m);
  }
  return out;
}

export function encodeSteps(gpu: GpuResources, pass: GPUComputePassEncoder, steps: readonly FftStep[]): void {
  for (const s of steps) gpu.dispatch(pass, s.pipeline, s.group, s.items);
}

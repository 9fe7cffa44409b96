// Batched 3D complex FFT of size m³ (m = 2^a·3^b·5^c) in WGSL: Stockham steps of radix 16, 8, 4 or 2,
// 12 or 20 (4 × an odd factor) and 3 or 5 along each axis (fftRadices), ping-ponging between two
// field sets of up to `capacity` complex fields each, held in one buffer or, where one buffer may
// not hold them all, one buffer per field (the same steps then run field by field). Transforms of
// zero-padded fields skip what is zero, and inverse transforms needed on a sub-box only skip what
// is not needed (axisPasses, fft_stage.wgsl). The step sequences are built once (bind groups and
// uniforms included) and replayed by encoding.
import type { GpuResources } from './gpu-resources.js';
import type { ComputePass } from './compute-pass.js';

export interface FftStep {
  pipeline: GPUComputePipeline;
  group: GPUBindGroup;
  items: number;
}

/** Complex fields of m³ points: one after the other in one buffer, or one buffer per field. */
export interface FieldSet {
  buffers: GPUBuffer[];
  /** Fields per buffer: the set's capacity, or 1 when split. */
  fieldsPerBuffer: number;
}

/**
 * The bindings of the first `fields` fields of a set under the shader's name for them: `name` for
 * the one buffer, or `name0`, `name1`, … one per field (the SPLIT variants).
 */
export function fieldBindings(set: FieldSet, fields: number, name: string): Record<string, GPUBuffer> {
  return set.fieldsPerBuffer === 1 ? numbered(name, set.buffers.slice(0, fields)) : { [name]: set.buffers[0]! };
}

/** `name0`, `name1`, … for the buffers given. */
export function numbered(name: string, buffers: GPUBuffer[]): Record<string, GPUBuffer> {
  return Object.fromEntries(buffers.map((b, k) => [`${name}${k}`, b]));
}

export interface FftPlan {
  steps: FftStep[];
  /** The field set holding the transform when the steps have run. */
  result: FieldSet;
}

/**
 * Radices of the steps along one axis, m = 2^a·3^b·5^c: the factor 2^a in as few steps as radices
 * up to 16 allow, its bits shared out evenly (smaller radices first: 16 → 16, 32 → 4×8, 64 → 8×8,
 * 128 → 8×16, 256 → 16×16). With odd factors and a ≥ 2, a factor 4 joins the first of them in one
 * step of radix 12 or 20 and the others take one step each of radix 3 or 5: 96 → 8×12,
 * 192 → 16×12, 80 → 4×20, 160 → 8×20, 144 → 4×12×3.
 */
export function fftRadices(m: number): number[] {
  let rest = m;
  const odd: number[] = [];
  for (const p of [3, 5]) while (rest % p === 0) (rest /= p), odd.push(p);
  if (!Number.isInteger(Math.log2(rest)) || m < 2) throw new RangeError(`FFT size ${m} is not 2^a·3^b·5^c ≥ 2 (fftSize gives one)`);
  if (odd.length > 0 && rest % 4 === 0) return [...powerOfTwoRadices(rest / 4), 4 * odd[0]!, ...odd.slice(1)];
  return [...powerOfTwoRadices(rest), ...odd];
}

function powerOfTwoRadices(p: number): number[] {
  const log2p = Math.round(Math.log2(p));
  const steps = Math.ceil(log2p / 4);
  return Array.from({ length: steps }, (_, i) => 2 ** (Math.floor(log2p / steps) + (i >= steps - (log2p % steps) ? 1 : 0)));
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
  /** Ping-pong field sets, `capacity` complex fields of m³ vec2<f32> each. */
  readonly setA: FieldSet;
  readonly setB: FieldSet;
  private readonly twiddles: GPUBuffer;
  private readonly stages: Record<number, GPUComputePipeline>;

  constructor(
    private readonly gpu: GpuResources,
    readonly m: number,
    readonly capacity: number,
    /** One buffer per field (for fields sets larger than one buffer may be). */
    readonly split: boolean,
  ) {
    const radices = fftRadices(m);
    this.m3 = m ** 3;
    const fieldSet = (): FieldSet =>
      split
        ? { buffers: Array.from({ length: capacity }, () => gpu.storage(this.m3 * 8)), fieldsPerBuffer: 1 }
        : { buffers: [gpu.storage(capacity * this.m3 * 8)], fieldsPerBuffer: capacity };
    this.setA = fieldSet();
    this.setB = fieldSet();
    this.twiddles = gpu.storage(m * 8);
    gpu.device.queue.writeBuffer(this.twiddles, 0, twiddleTable(m));
    const includes = ['fft_common', 'fft_radix'];
    this.stages = {};
    for (const radix of new Set(radices)) {
      const variant = { RADIX2: radix === 2, RADIX3: radix === 3, RADIX5: radix === 5, RADIX8: radix === 8, RADIX12: radix === 12, RADIX16: radix === 16, RADIX20: radix === 20 };
      this.stages[radix] = gpu.pipeline('fft_stage', variant, includes);
    }
  }

  /**
   * The steps of one unnormalised transform of the first `fields` fields of `from`. Forward: the
   * fields are zero outside [0, extent)³. Inverse: the result is wanted on [0, extent)³ only (the
   * rest of the result buffer is left undefined).
   */
  plan(from: FieldSet, fields: number, inverse: boolean, extent = this.m): FftPlan {
    if (fields > this.capacity) throw new RangeError(`FFT of ${fields} fields exceeds capacity ${this.capacity}`);
    if (extent < 1 || extent > this.m) throw new RangeError(`FFT extent ${extent} is outside 1 … ${this.m}`);
    const { m, m3 } = this;
    const steps: FftStep[] = [];
    let [input, output] = [from, this.other(from)];
    const perBuffer = from.fieldsPerBuffer;
    const radices = fftRadices(m);
    for (const lines of axisPasses(m, extent, inverse)) {
      let ns = 1;
      radices.forEach((radix, s) => {
        const loadExtent = s === 0 && !inverse ? extent : m;
        const storeExtent = s === radices.length - 1 && inverse ? extent : m;
        const pipeline = this.stages[radix]!;
        // One dispatch per buffer: all fields at once, or field by field.
        for (let first = 0; first < fields; first += perBuffer) {
          const count = Math.min(perBuffer, fields - first) * lines.countA * lines.countB;
          const j = first / perBuffer;
          const uniform = this.gpu.uniform('FftStage', {
            m, field_size: m3, ns, stride: lines.stride,
            count_a: lines.countA, count_b: lines.countB, stride_a: lines.strideA, stride_b: lines.strideB,
            lines: count, inverse: inverse ? 1 : 0, load_extent: loadExtent, store_extent: storeExtent,
          });
          steps.push({ pipeline, group: this.gpu.bind(pipeline, { stage: uniform, twiddles: this.twiddles, input: input.buffers[j]!, output: output.buffers[j]! }), items: (count * m) / radix });
        }
        [input, output] = [output, input];
        ns *= radix;
      });
    }
    return { steps, result: input };
  }

  other(set: FieldSet): FieldSet {
    return set === this.setA ? this.setB : this.setA;
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

export function encodeSteps(gpu: GpuResources, pass: ComputePass, steps: readonly FftStep[]): void {
  for (const s of steps) gpu.dispatch(pass, s.pipeline, s.group, s.items);
}

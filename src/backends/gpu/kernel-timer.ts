// GPU time of compute work from timestamp queries (the `timestamp-query` feature), for benchmarks.
// Mode 'pass' times each submission's compute pass as a whole; mode 'kernel' runs every dispatch in
// a compute pass of its own, timed and labelled with its pipeline's label, for a per-kernel
// breakdown (the extra passes cost a little, so 'pass' is the honest total). The query set and its
// buffers are created once; code that never attaches a timer pays nothing.
import type { ComputePass } from './compute-pass.js';

export type KernelTimingMode = 'pass' | 'kernel';

export interface KernelTimes {
  /** Sum over all timed passes, seconds. */
  total: number;
  /** Seconds and dispatch count per pipeline label (mode 'kernel'; one entry 'pass' otherwise). */
  kernels: Record<string, { seconds: number; count: number }>;
}

const QUERY_BYTES = 8;

export class KernelTimer {
  private readonly querySet: GPUQuerySet;
  private readonly resolveBuffer: GPUBuffer;
  private readonly readBuffer: GPUBuffer;
  /** Label of each timed pass since the last read; pass i writes queries 2i and 2i + 1. */
  private labels: string[] = [];

  static supported(device: GPUDevice): boolean {
    return device.features.has('timestamp-query');
  }

  constructor(
    device: GPUDevice,
    readonly mode: KernelTimingMode,
    private readonly capacity = 1024,
  ) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 * capacity });
    const bytes = 2 * capacity * QUERY_BYTES;
    this.resolveBuffer = device.createBuffer({ size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readBuffer = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  /** The pass to encode into: a timed real pass ('pass'), or one that times each dispatch ('kernel'). */
  beginPass(encoder: GPUCommandEncoder): ComputePass {
    if (this.mode === 'pass') return encoder.beginComputePass({ timestampWrites: this.nextWrites('pass') });
    return new PerDispatchPass(encoder, (label) => this.nextWrites(label));
  }

  /**
   * After the pass has ended: resolves the queries written since the last read into the read-back
   * buffer, from the start (resolveQuerySet wants 256-byte aligned destinations; queries of earlier
   * submissions keep their values).
   */
  resolve(encoder: GPUCommandEncoder): void {
    const count = 2 * this.labels.length;
    if (count === 0) return;
    encoder.resolveQuerySet(this.querySet, 0, count, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, this.readBuffer, 0, count * QUERY_BYTES);
  }

  /** GPU time of everything timed since the last read (call once the submissions are done). */
  async read(): Promise<KernelTimes> {
    const times: KernelTimes = { total: 0, kernels: {} };
    if (this.labels.length === 0) return times;
    await this.readBuffer.mapAsync(GPUMapMode.READ, 0, this.labels.length * 2 * QUERY_BYTES);
    const ticks = new BigUint64Array(this.readBuffer.getMappedRange(0, this.labels.length * 2 * QUERY_BYTES).slice(0));
    this.readBuffer.unmap();
    this.labels.forEach((label, i) => {
      // Timestamps are nanoseconds; a pass the driver reordered can read end < begin: count it as 0.
      const seconds = Math.max(0, Number(ticks[2 * i + 1]! - ticks[2 * i]!)) * 1e-9;
      const entry = (times.kernels[label] ??= { seconds: 0, count: 0 });
      entry.seconds += seconds;
      entry.count++;
      times.total += seconds;
    });
    this.labels = [];
    return times;
  }

  destroy(): void {
    this.querySet.destroy();
    this.resolveBuffer.destroy();
    this.readBuffer.destroy();
  }

  private nextWrites(label: string): GPUComputePassTimestampWrites {
    const i = this.labels.length;
    if (i >= this.capacity) throw new RangeError(`more than ${this.capacity} timed passes before read()`);
    this.labels.push(label);
    return { querySet: this.querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 };
  }
}

/** Stands in for a compute pass: each dispatch runs in a real pass of its own with timestamp writes. */
class PerDispatchPass implements ComputePass {
  private pipeline: GPUComputePipeline | null = null;
  private readonly groups = new Map<number, GPUBindGroup>();

  constructor(
    private readonly encoder: GPUCommandEncoder,
    private readonly writes: (label: string) => GPUComputePassTimestampWrites,
  ) {}

  setPipeline(pipeline: GPUComputePipeline): void {
    this.pipeline = pipeline;
  }

  setBindGroup(index: number, group: GPUBindGroup): void {
    this.groups.set(index, group);
  }

  dispatchWorkgroups(x: number, y = 1, z = 1): void {
    if (!this.pipeline) throw new Error('dispatch without a pipeline');
    const pass = this.encoder.beginComputePass({ timestampWrites: this.writes(this.pipeline.label || 'unlabelled') });
    pass.setPipeline(this.pipeline);
    for (const [index, group] of this.groups) pass.setBindGroup(index, group);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
  }

  end(): void {}
}

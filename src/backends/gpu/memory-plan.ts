// Memory of the WGSL backend, computed before anything is allocated: every storage buffer the
// operator creates (GpuLandauOperator, the convolution path, the FFT), their total, and the verdict
// against the most one buffer may hold (the adapter's maxBufferSize and maxStorageBufferBindingSize,
// or less with --max-buffer-mib). The FFT work sets are split into one buffer per complex field
// when a whole set would exceed that. WebGPU does not tell the device's total memory, so the total
// is reported, not checked.
// tests/memory-plan.test.ts checks the plan against the bytes the operator really allocates.
import { DEFAULT_GRADIENT_ORDER, MAX_HALF_ORDER, type GradientOrder } from '../../equation/log-gradient.js';
import { fftSize } from '../../core/grid/fft-size.js';
import { SHADER_CONSTANTS } from './programs/shader-constants.js';
import type { ConvolutionPathName } from './convolution-path.js';
import { DIRECT_MAX_N } from './direct-convolution.js';
import { FFT_WORK_FIELDS, spectrumOctantPoints } from './fft-convolution.js';
import { UserInputError, type OptionMention, type Wording } from '../../core/errors/user-input-error.js';

/** Storage buffers per cell (bytes): state (hi, lo), stage value, increments, Q, F and G of Q(F,G), the reference, the rate bound; sources (2), fluxes, A[F] (vec4 pairs); eigenvalues (vec4). */
const CELL_BUFFERS: [string, number][] = [
  ['state (hi)', 4], ['state (lo)', 4], ['stage value', 4], ['increments', 4], ['Q', 4], ['F of Q(F,G)', 4], ['G of Q(F,G)', 4],
  ['reference of Q(F,G)', 4], ['rate bound', 4], ['sources', 32], ['sources of G', 32], ['fluxes', 32], ['A[F]', 32], ['eigenvalues', 16],
];
/** Workgroups of the moment reduction and the f32 values of each one's partial record (reduce_moments.wgsl). */
export const REDUCE_GROUPS = 128;
export const PARTIAL_STRIDE = SHADER_CONSTANTS.PARTIAL_STRIDE;
const PARTIALS_BYTES = REDUCE_GROUPS * PARTIAL_STRIDE * 4;

export interface PlannedBuffer {
  name: string;
  bytes: number;
}

export interface GpuLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  /** A run's own cap on one buffer (--max-buffer-mib), below the adapter's limits. */
  maxBufferBytes?: number;
}

export interface GpuMemoryPlan {
  n: number;
  conv: ConvolutionPathName;
  /** The FFT work sets hold one buffer per complex field. */
  split: boolean;
  gradient: GradientOrder;
  buffers: PlannedBuffer[];
  total: number;
  largest: PlannedBuffer;
  /** The most one storage buffer may hold: the adapter's limits, or the run's cap. */
  limit: number;
  fits: boolean;
}

/** A size in MiB (--max-buffer-mib) as whole bytes, a multiple of 4 as buffer sizes are. */
export function mibToBytes(mib: number | undefined): number | undefined {
  return mib === undefined ? undefined : 4 * Math.floor((mib * 2 ** 20) / 4);
}

/** The device's buffer limits with a run's cap. */
export function planLimits(device: GPUDevice, maxBufferBytes?: number): GpuLimits {
  const { maxBufferSize, maxStorageBufferBindingSize } = device.limits;
  return { maxBufferSize, maxStorageBufferBindingSize, maxBufferBytes };
}

export function bufferLimit(limits: GpuLimits): number {
  return Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize, limits.maxBufferBytes ?? Infinity);
}

/** Whether the FFT work sets need one buffer per field: a whole set is more than one buffer may hold. */
export function splitFftFields(n: number, limit: number): boolean {
  return FFT_WORK_FIELDS * fftSize(n) ** 3 * 8 > limit;
}

/** The compact core's buffers per cell (order 8 only; compact_line.wgsl): its line systems, θ, the blend fluxes and the rate-bound share. */
const COMPACT_BUFFERS: [string, number][] = [['compact line systems', 16], ['compact weights θ', 12], ['compact blend fluxes', 12], ['compact rate-bound share', 12]];

/** Whether an operator of this gradient order has the compact core (and its buffers). */
export function hasCompactCore(gradient: GradientOrder): boolean {
  return gradient === 2 * MAX_HALF_ORDER;
}

export function gpuBuffers(n: number, conv: ConvolutionPathName, split = false, gradient: GradientOrder = DEFAULT_GRADIENT_ORDER): PlannedBuffer[] {
  const cells = n ** 3;
  const perCell = hasCompactCore(gradient) ? [...CELL_BUFFERS, ...COMPACT_BUFFERS] : CELL_BUFFERS;
  const buffers: PlannedBuffer[] = perCell.map(([name, bytes]) => ({ name, bytes: bytes * cells }));
  buffers.push({ name: 'kernel table', bytes: 32 * cells }, { name: 'moment partials', bytes: PARTIALS_BYTES }, { name: 'health', bytes: 16 });
  if (hasCompactCore(gradient)) buffers.push({ name: 'compact core: largest F per workgroup', bytes: SHADER_CONSTANTS.COMPACT_TOP_GROUPS * 4 });
  // Read-back staging, made on first use: one for the N³ scalar fields, A[F], the eigenvalues, the partials, the health record.
  buffers.push(
    { name: 'read-back (scalar fields)', bytes: 4 * cells },
    { name: 'read-back (A[F])', bytes: 32 * cells },
    { name: 'read-back (eigenvalues)', bytes: 16 * cells },
    { name: 'read-back (partials)', bytes: PARTIALS_BYTES },
    { name: 'read-back (health)', bytes: 16 },
  );
  if (conv === 'fft') {
    const m = fftSize(n);
    const m3 = m ** 3;
    for (const set of ['A', 'B']) {
      if (!split) buffers.push({ name: `FFT work ${set} (${FFT_WORK_FIELDS} complex fields of ${m}³)`, bytes: FFT_WORK_FIELDS * m3 * 8 });
      else for (let k = 0; k < FFT_WORK_FIELDS; k++) buffers.push({ name: `FFT work ${set}, field ${k} (complex ${m}³)`, bytes: m3 * 8 });
    }
    buffers.push(
      { name: `kernel spectra (6 real fields on the octant ${m / 2 + 1}³)`, bytes: 6 * spectrumOctantPoints(m) * 4 },
      { name: 'twiddles', bytes: m * 8 },
    );
  }
  return buffers;
}

export function gpuMemoryPlan(n: number, conv: ConvolutionPathName, limits: GpuLimits, gradient: GradientOrder = DEFAULT_GRADIENT_ORDER): GpuMemoryPlan {
  const limit = bufferLimit(limits);
  const split = conv === 'fft' && splitFftFields(n, limit);
  const buffers = gpuBuffers(n, conv, split, gradient);
  const largest = buffers.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { n, conv, split, gradient, buffers, total: buffers.reduce((s, b) => s + b.bytes, 0), largest, limit, fits: largest.bytes <= limit };
}

/** The largest N ≤ n whose plan fits the limits (0 when none does). */
export function largestFittingN(n: number, conv: ConvolutionPathName, limits: GpuLimits, gradient: GradientOrder = DEFAULT_GRADIENT_ORDER): number {
  for (let k = n; k >= 4; k--) if (gpuMemoryPlan(k, conv, limits, gradient).fits) return k;
  return 0;
}

const mib = (b: number) => (b < 2 ** 20 ? `${(b / 1024).toFixed(2)} KiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);

/** A grid whose buffers exceed what the device (or the run's cap) allows, with the largest N that fits. */
export class GridTooLargeError extends UserInputError {
  override name = 'GridTooLargeError';
  constructor(text: Wording | string, readonly largestN: number) {
    super(text);
  }
}

/** The plan's one-line verdict; the run's cap on a buffer is mentioned as its option. */
export function planSummary(plan: GpuMemoryPlan, limits: GpuLimits): Wording {
  const head = `N = ${plan.n} (${plan.conv}${plan.split ? ', one buffer per FFT field' : ''}): ${plan.buffers.length} storage buffers, ${mib(plan.total)} in all, the largest ${mib(plan.largest.bytes)} (${plan.largest.name})`;
  const who: OptionMention | string = plan.limit < Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize) ? { option: 'maxBufferMib' } : 'this adapter';
  if (plan.fits) return [`${head}; `, who, ` allows ${mib(plan.limit)} per buffer: fits`];
  const fits = largestFittingN(plan.n, plan.conv, limits, plan.gradient);
  const direct = plan.conv === 'fft' && plan.n <= DIRECT_MAX_N && gpuMemoryPlan(plan.n, 'direct', limits, plan.gradient).fits;
  const instead: Wording = direct ? [' (or use ', { option: 'conv', value: 'direct' }, ')'] : [];
  return [`${head}, more than the ${mib(plan.limit)} per buffer `, who, ` allows; the largest N that fits is ${fits}`, ...instead];
}

/** The plan as a table, one buffer a line, and the limits (the run's cap mentioned as its option). */
export function planTable(plan: GpuMemoryPlan, limits: GpuLimits): Wording {
  const width = Math.max(...plan.buffers.map((b) => b.name.length));
  const rows = [...plan.buffers.map((b) => `  ${b.name.padEnd(width)}  ${mib(b.bytes).padStart(12)}`), `  ${'total'.padEnd(width)}  ${mib(plan.total).padStart(12)}`];
  const cap: Wording = limits.maxBufferBytes !== undefined ? [', ', { option: 'maxBufferMib', value: mib(limits.maxBufferBytes) }] : [];
  return [`${rows.join('\n')}\n  limits: maxBufferSize ${mib(limits.maxBufferSize)}, maxStorageBufferBindingSize ${mib(limits.maxStorageBufferBindingSize)}`, ...cap];
}

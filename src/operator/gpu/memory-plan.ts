// Memory of the WGSL backend, computed before anything is allocated: every storage buffer the
// operator creates (GpuLandauOperator, the convolution path, the FFT), their total, and the verdict
// against the adapter's limits on one buffer (maxBufferSize, maxStorageBufferBindingSize). WebGPU
// does not tell the device's total memory, so the total is reported, not checked.
// tests/memory-plan.test.ts checks the plan against the bytes the operator really allocates.
import { fftSize } from '../../grid/fft-size.js';
import type { ConvolutionPathName } from './convolution-path.js';
import { DIRECT_MAX_N } from './direct-convolution.js';
import { FFT_WORK_FIELDS } from './fft-convolution.js';

/** Storage buffers per cell (bytes): state (hi, lo), stage value, increments, Q, F and G of Q(F,G), the reference, the rate bound; sources (2), fluxes, A[F] (vec4 pairs); eigenvalues (vec4). */
const CELL_BUFFERS: [string, number][] = [
  ['state (hi)', 4], ['state (lo)', 4], ['stage value', 4], ['increments', 4], ['Q', 4], ['F of Q(F,G)', 4], ['G of Q(F,G)', 4],
  ['reference of Q(F,G)', 4], ['rate bound', 4], ['sources', 32], ['sources of G', 32], ['fluxes', 32], ['A[F]', 32], ['eigenvalues', 16],
];
/** Workgroups of the moment reduction and the f32 values of each one's partial record (reduce_moments.wgsl). */
export const REDUCE_GROUPS = 128;
export const PARTIAL_STRIDE = 48;
const PARTIALS_BYTES = REDUCE_GROUPS * PARTIAL_STRIDE * 4;

export interface PlannedBuffer {
  name: string;
  bytes: number;
}

export interface GpuLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

export interface GpuMemoryPlan {
  n: number;
  conv: ConvolutionPathName;
  buffers: PlannedBuffer[];
  total: number;
  largest: PlannedBuffer;
  /** The most one storage buffer may hold on this adapter. */
  limit: number;
  fits: boolean;
}

export function gpuBuffers(n: number, conv: ConvolutionPathName): PlannedBuffer[] {
  const cells = n ** 3;
  const buffers: PlannedBuffer[] = CELL_BUFFERS.map(([name, bytes]) => ({ name, bytes: bytes * cells }));
  buffers.push({ name: 'kernel table', bytes: 32 * cells }, { name: 'moment partials', bytes: PARTIALS_BYTES }, { name: 'health', bytes: 16 });
  // Read-back staging, made on first use: one for the N³ scalar fields, A[F], the eigenvalues, the partials, the health record.
  buffers.push(
    { name: 'read-back (scalar fields)', bytes: 4 * cells },
    { name: 'read-back (A[F])', bytes: 32 * cells },
    { name: 'read-back (eigenvalues)', bytes: 16 * cells },
    { name: 'read-back (partials)', bytes: PARTIALS_BYTES },
    { name: 'read-back (health)', bytes: 16 },
  );
  if (conv === 'fft') {
    const m3 = fftSize(n) ** 3;
    buffers.push(
      { name: `FFT work A (${FFT_WORK_FIELDS} complex fields of ${fftSize(n)}³)`, bytes: FFT_WORK_FIELDS * m3 * 8 },
      { name: `FFT work B (${FFT_WORK_FIELDS} complex fields of ${fftSize(n)}³)`, bytes: FFT_WORK_FIELDS * m3 * 8 },
      { name: 'kernel spectra (6 real fields)', bytes: 6 * m3 * 4 },
      { name: 'twiddles', bytes: fftSize(n) * 8 },
    );
  }
  return buffers;
}

export function gpuMemoryPlan(n: number, conv: ConvolutionPathName, limits: GpuLimits): GpuMemoryPlan {
  const buffers = gpuBuffers(n, conv);
  const largest = buffers.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  return { n, conv, buffers, total: buffers.reduce((s, b) => s + b.bytes, 0), largest, limit, fits: largest.bytes <= limit };
}

/** The largest N ≤ n whose plan fits the limits (0 when none does). */
export function largestFittingN(n: number, conv: ConvolutionPathName, limits: GpuLimits): number {
  for (let k = n; k >= 4; k--) if (gpuMemoryPlan(k, conv, limits).fits) return k;
  return 0;
}

const mib = (b: number) => (b < 2 ** 20 ? `${(b / 1024).toFixed(2)} KiB` : `${(b / 2 ** 20).toFixed(1)} MiB`);

/** The plan's one-line verdict. */
export function planSummary(plan: GpuMemoryPlan, limits: GpuLimits): string {
  const head = `N = ${plan.n} (${plan.conv}): ${plan.buffers.length} storage buffers, ${mib(plan.total)} in all, the largest ${mib(plan.largest.bytes)} (${plan.largest.name})`;
  if (plan.fits) return `${head}; this adapter allows ${mib(plan.limit)} per buffer: fits`;
  const fits = largestFittingN(plan.n, plan.conv, limits);
  const direct = plan.conv === 'fft' && plan.n <= DIRECT_MAX_N && gpuMemoryPlan(plan.n, 'direct', limits).fits;
  return `${head}, more than the ${mib(plan.limit)} per buffer this adapter allows; the largest N that fits is ${fits}${direct ? ' (or use --conv direct)' : ''}`;
}

/** The plan as a table for --dry-run. */
export function planTable(plan: GpuMemoryPlan, limits: GpuLimits): string {
  const width = Math.max(...plan.buffers.map((b) => b.name.length));
  return [
    ...plan.buffers.map((b) => `  ${b.name.padEnd(width)}  ${mib(b.bytes).padStart(12)}`),
    `  ${'total'.padEnd(width)}  ${mib(plan.total).padStart(12)}`,
    `  limits: maxBufferSize ${mib(limits.maxBufferSize)}, maxStorageBufferBindingSize ${mib(limits.maxStorageBufferBindingSize)}`,
  ].join('\n');
}

// Operation and byte counts of one Q(F,F) evaluation, the model behind the benchmark's GFLOP/s and
// GB/s columns (derivation in bench/README.md).
import { fftRadices } from '../src/backends/gpu/fft3d.js';
import { fftSize } from '../src/core/grid/fft-size.js';

/** Direct flux sweep: (N−2)⁶ interior pairs × (18 FMAs + 6 for the mean source p̄ + 4 sign products) ≈ 46 flops. */
export function directFlops(n: number): number {
  return (n - 2) ** 6 * 46;
}

const FORWARD_FIELDS = 4;
const INVERSE_FIELDS = 6;
const COMPLEX_BYTES = 8;

/**
 * Lines transformed per field by the three axis passes of one transform: the forward transform of
 * fields zero outside the N³ box and the inverse wanted on it only both do N², m·N and m² lines.
 */
function linesPerField(n: number): number {
  const m = fftSize(n);
  return n * n + m * n + m * m;
}

/** FFT path: 4 forward + 6 inverse transforms, the conventional 5·m·log₂m flops per line of m points. */
export function fftFlops(n: number): number {
  const m = fftSize(n);
  return (FORWARD_FIELDS + INVERSE_FIELDS) * linesPerField(n) * 5 * m * Math.log2(m);
}

/**
 * FFT path, bytes to and from memory: every step reads and writes each point of its lines (8 bytes
 * each), except that the first forward step of an axis reads only the N points of the box and the
 * last inverse step writes only those; plus the products (4 fields read at k and −k and 6 fields
 * written over m³, the 6 real kernel spectra read once from their octant of (m/2 + 1)³ points) and
 * the N³ pack (sources in, 4 fields out) and unpack (6 fields and the sources in, fluxes out).
 */
export function fftBytes(n: number): number {
  const m = fftSize(n);
  const steps = fftRadices(m).length;
  const perLine = (2 * steps - 1) * m + n;
  const stages = (FORWARD_FIELDS + INVERSE_FIELDS) * linesPerField(n) * perLine * COMPLEX_BYTES;
  const multiply = m ** 3 * (2 * FORWARD_FIELDS * COMPLEX_BYTES + INVERSE_FIELDS * COMPLEX_BYTES) + 6 * 4 * (m / 2 + 1) ** 3;
  const packUnpack = n ** 3 * (32 + FORWARD_FIELDS * COMPLEX_BYTES + INVERSE_FIELDS * COMPLEX_BYTES + 32 + 32);
  return stages + multiply + packUnpack;
}

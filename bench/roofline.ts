// Operation and byte counts of one Q(F,F) evaluation, the model behind the benchmark's GFLOP/s and
// GB/s columns (derivation in bench/README.md).
import { fftSize } from '../src/operator/gpu/fft-convolution.js';

/** Direct flux sweep: (N−2)⁶ interior pairs × (24 FMAs + 4 sign products) ≈ 52 flops. */
export function directFlops(n: number): number {
  return (n - 2) ** 6 * 52;
}

/** FFT path: 4 forward + 6 inverse complex transforms of m³ points, 5 flops per point per radix-2 stage. */
export function fftFlops(n: number): number {
  const m = fftSize(n);
  return 10 * 5 * m ** 3 * 3 * Math.log2(m);
}

/** FFT path: every stage reads and writes each field (8 + 8 bytes per complex point). */
export function fftBytes(n: number): number {
  const m = fftSize(n);
  return 10 * 3 * Math.log2(m) * 16 * m ** 3;
}

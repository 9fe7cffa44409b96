// The kernel convolutions of the CPU backends, behind one interface: the N⁶ direct sums of the f64
// reference (direct-convolution.ts) and the zero-padded FFT of the native backend
// (fft-convolution.ts). Both compute the same discrete sums over the interior cells V, with
// p± = χF g± the sources of the one-sided gradients and p̄ = (p⁺ + p⁻)/2:
//   A^χ = W ∗ (χF),  B±_a = W_aa ∗ p±_a + Σ_{b≠a} W_ab ∗ p̄_b,
// and, for A[F] of the state, W ∗ F over every cell. B± is all that the flux averaged over the
// eight sign patterns of one-sided differences needs of the sources' convolutions (cpu-operator.ts):
// 12 real fields, so the FFT path transforms six complex fields back instead of eight.

/** Convolution sources per cell: σ = χF and p± = χF g±, 3 components each (zero outside V). */
export interface Sources {
  F: Float64Array;
  P: Float64Array;
  M: Float64Array;
}

export function allocateSources(cells: number): Sources {
  return { F: new Float64Array(cells), P: new Float64Array(cells * 3), M: new Float64Array(cells * 3) };
}

/** The convolutions at the interior cells, in physical units: A (6 per cell, [xx, yy, zz, xy, xz, yz]), B⁺ and B⁻ (3 per cell). */
export interface Convolved {
  A: Float64Array;
  Bp: Float64Array;
  Bm: Float64Array;
}

export function allocateConvolved(cells: number): Convolved {
  return { A: new Float64Array(cells * 6), Bp: new Float64Array(cells * 3), Bm: new Float64Array(cells * 3) };
}

export type CpuConvolutionName = 'direct' | 'fft';

export interface CpuConvolution {
  readonly name: CpuConvolutionName;
  /** Threads the convolutions run on. */
  readonly threads: number;
  /** A^χ and B± of the sources at the interior cells (other cells are left as they are). */
  convolve(src: Sources, out: Convolved): void;
  /** A[f] = W ∗ f at every cell, 6 components per cell. */
  diffusion(f: Float64Array, out: Float64Array): void;
  dispose(): void;
}

// The kernel convolutions of the CPU backends, behind one interface: the N⁶ direct sums of the f64
// reference (direct-convolution.ts) and the zero-padded FFT of the native backend
// (fft-convolution.ts). Both compute the same discrete sums over the interior cells V, with
// p± = χF g± the sources of the one-sided gradients and p̄ = (p⁺ + p⁻)/2:
//   A^χ = W ∗ (χF),  D±_a = W_aa ∗ p±_a,  O_a = Σ_{b≠a} W_ab ∗ p̄_b,
// and, for A[F] of the state, W ∗ F over every cell. D± and O are what the flux averaged over all
// eight sign patterns of one-sided differences needs (see cpu-operator.ts).

/** Convolution sources per cell: σ = χF and p± = χF g±, 3 components each (zero outside V). */
export interface Sources {
  F: Float64Array;
  P: Float64Array;
  M: Float64Array;
}

export function allocateSources(cells: number): Sources {
  return { F: new Float64Array(cells), P: new Float64Array(cells * 3), M: new Float64Array(cells * 3) };
}

/** The convolutions at the interior cells, in physical units: A (6 per cell, [xx, yy, zz, xy, xz, yz]), D⁺, D⁻ and O (3 per cell). */
export interface Convolved {
  A: Float64Array;
  Dp: Float64Array;
  Dm: Float64Array;
  O: Float64Array;
}

export function allocateConvolved(cells: number): Convolved {
  return { A: new Float64Array(cells * 6), Dp: new Float64Array(cells * 3), Dm: new Float64Array(cells * 3), O: new Float64Array(cells * 3) };
}

export type CpuConvolutionName = 'direct' | 'fft';

export interface CpuConvolution {
  readonly name: CpuConvolutionName;
  /** Threads the convolutions run on. */
  readonly threads: number;
  /** A^χ, D± and O of the sources at the interior cells (other cells are left as they are). */
  convolve(src: Sources, out: Convolved): void;
  /** A[f] = W ∗ f at every cell, 6 components per cell. */
  diffusion(f: Float64Array, out: Float64Array): void;
  dispose(): void;
}

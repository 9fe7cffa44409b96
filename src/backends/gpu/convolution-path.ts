// The two ways the WGSL backend computes the kernel convolutions; both compute the same discrete sums.
//   flux:      src (χF, χF g±)  →  flux (J±, rate-bound inputs) at the interior cells
//              (bilinear: convolutions of src, epilogue with targetSrc)
//   diffusion: state F          →  A[F] at every cell
import type { Grid } from '../../core/grid/grid.js';
import type { GpuResources } from './gpu-resources.js';
import type { ComputePass } from './compute-pass.js';

export const CONVOLUTION_PATHS = ['direct', 'fft'] as const;
export type ConvolutionPathName = (typeof CONVOLUTION_PATHS)[number];

export type FluxPairing = 'self' | 'bilinear';

export interface ConvolutionBuffers {
  gridUniform: GPUBuffer;
  /** Octant kernel table, two vec4 per offset, physical units. */
  table: GPUBuffer;
  /** Sources (χF, χF g±) of the convolutions. */
  src: GPUBuffer;
  /** Sources of the second argument G of the bilinear Q(F,G), used by the flux epilogue instead of src. */
  targetSrc: GPUBuffer;
  state: GPUBuffer;
  flux: GPUBuffer;
  diffusion: GPUBuffer;
}

export interface ConvolutionPath {
  readonly name: ConvolutionPathName;
  /** Fluxes of Q(F,F) from src ('self'), or of the bilinear Q(F,G) from src and targetSrc ('bilinear'). */
  encodeFlux(pass: ComputePass, pairing?: FluxPairing): void;
  encodeDiffusion(pass: ComputePass): void;
}

export interface ConvolutionContext {
  grid: Grid;
  gpu: GpuResources;
  buffers: ConvolutionBuffers;
}

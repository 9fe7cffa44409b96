// The two ways the WGSL backend computes the kernel convolutions; both compute the same discrete sums.
//   flux:      src (χF, χF g±)  →  flux (J±, rate-bound inputs) at the interior cells
//   diffusion: state F          →  A[F] at every cell
import type { Grid } from '../../grid/grid.js';
import type { GpuResources } from './gpu-resources.js';

export const CONVOLUTION_PATHS = ['direct', 'fft'] as const;
export type ConvolutionPathName = (typeof CONVOLUTION_PATHS)[number];

export interface ConvolutionBuffers {
  gridUniform: GPUBuffer;
  /** Octant kernel table, two vec4 per offset, physical units. */
  table: GPUBuffer;
  src: GPUBuffer;
  state: GPUBuffer;
  flux: GPUBuffer;
  diffusion: GPUBuffer;
}

export interface ConvolutionPath {
  readonly name: ConvolutionPathName;
  encodeFlux(pass: GPUComputePassEncoder): void;
  encodeDiffusion(pass: GPUComputePassEncoder): void;
}

export interface ConvolutionContext {
  grid: Grid;
  gpu: GpuResources;
  buffers: ConvolutionBuffers;
}

// Direct summation: the workgroup-tiled N-body kernel of conv_direct.wgsl.
import type { ConvolutionContext, ConvolutionPath } from './convolution-path.js';

export class DirectConvolution implements ConvolutionPath {
  readonly name = 'direct' as const;
  private readonly flux: { pipeline: GPUComputePipeline; group: GPUBindGroup };
  private readonly diffusion: { pipeline: GPUComputePipeline; group: GPUBindGroup };

  constructor(private readonly ctx: ConvolutionContext) {
    const { gpu, buffers: b } = ctx;
    const flux = gpu.pipeline('conv_direct', { FLUX: true }, ['kernel_table', 'flux_epilogue']);
    const diffusion = gpu.pipeline('conv_direct', { FLUX: false }, ['kernel_table', 'flux_epilogue']);
    this.flux = { pipeline: flux, group: gpu.bind(flux, [b.gridUniform, b.table, b.src, b.flux]) };
    this.diffusion = { pipeline: diffusion, group: gpu.bind(diffusion, [b.gridUniform, b.table, b.state, b.diffusion]) };
  }

  encodeFlux(pass: GPUComputePassEncoder): void {
    this.ctx.gpu.dispatch(pass, this.flux.pipeline, this.flux.group, (this.ctx.grid.n - 2) ** 3);
  }

  encodeDiffusion(pass: GPUComputePassEncoder): void {
    this.ctx.gpu.dispatch(pass, this.diffusion.pipeline, this.diffusion.group, this.ctx.grid.cells);
  }
}

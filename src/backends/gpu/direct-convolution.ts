// Direct summation: the line-tiled N-body kernel of conv_direct.wgsl, one workgroup per line of
// target cells along v_z, sized to the line so that short lines do not leave most lanes idle.
import type { ConvolutionContext, ConvolutionPath, FluxPairing } from './convolution-path.js';
import type { ComputePass } from './compute-pass.js';

/** Longest line the kernel's shared tiles hold (MAX_LINE in conv_direct.wgsl). */
export const DIRECT_MAX_N = 128;

function lineWorkgroup(lineLength: number): number {
  let size = 8;
  while (size < Math.min(lineLength, 64)) size *= 2;
  return size;
}

export class DirectConvolution implements ConvolutionPath {
  readonly name = 'direct' as const;
  private readonly flux: { pipeline: GPUComputePipeline; groups: Record<FluxPairing, GPUBindGroup> };
  private readonly diffusion: { pipeline: GPUComputePipeline; group: GPUBindGroup };

  constructor(private readonly ctx: ConvolutionContext) {
    const { gpu, buffers: b } = ctx;
    const n = ctx.grid.n;
    const flux = gpu.pipeline('conv_direct', { FLUX: true }, ['flux_epilogue'], { LINE_WORKGROUP: lineWorkgroup(n - 2) });
    const diffusion = gpu.pipeline('conv_direct', { FLUX: false }, ['flux_epilogue'], { LINE_WORKGROUP: lineWorkgroup(n) });
    this.flux = {
      pipeline: flux,
      groups: {
        self: gpu.bind(flux, { grid: b.gridUniform, table: b.table, src: b.src, flux: b.flux, own: b.src }),
        bilinear: gpu.bind(flux, { grid: b.gridUniform, table: b.table, src: b.src, flux: b.flux, own: b.targetSrc }),
      },
    };
    this.diffusion = { pipeline: diffusion, group: gpu.bind(diffusion, { grid: b.gridUniform, table: b.table, f: b.state, diffusion: b.diffusion }) };
  }

  encodeFlux(pass: ComputePass, pairing: FluxPairing = 'self'): void {
    this.ctx.gpu.dispatchGroups(pass, this.flux.pipeline, this.flux.groups[pairing], (this.ctx.grid.n - 2) ** 2);
  }

  encodeDiffusion(pass: ComputePass): void {
    this.ctx.gpu.dispatchGroups(pass, this.diffusion.pipeline, this.diffusion.group, this.ctx.grid.n ** 2);
  }
}

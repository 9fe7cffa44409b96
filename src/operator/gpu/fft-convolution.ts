// Zero-padded FFT convolution: the same discrete sums as the direct path, in O(m³ log m) with m the
// smallest power of two ≥ 2N − 1 (so the circular convolution on the padded grid is the linear one).
// Real fields travel in complex pairs; the kernel is even, so its spectra are real, computed once on
// the GPU at construction. One Q evaluation: pack → forward transform of 4 fields → products →
// inverse transform of 6 fields → unpack with the flux epilogue. No host round trip.
import type { ConvolutionContext, ConvolutionPath, FluxPairing } from './convolution-path.js';
import { fftSize } from '../../grid/fft-size.js';
import { encodeSteps, Fft3d, type FftStep } from './fft3d.js';


const FORWARD_FIELDS = 4;
const INVERSE_FIELDS = 6;
/** Complex fields each of the two FFT work buffers holds (memory-plan.ts). */
export const FFT_WORK_FIELDS = Math.max(FORWARD_FIELDS, INVERSE_FIELDS);

export class FftConvolution implements ConvolutionPath {
  readonly name = 'fft' as const;
  readonly m: number;
  private readonly fluxSteps: Record<FluxPairing, FftStep[]>;
  private readonly diffusionSteps: FftStep[];

  constructor(private readonly ctx: ConvolutionContext) {
    const { gpu, grid, buffers: b } = ctx;
    const m = (this.m = fftSize(grid.n));
    const m3 = m ** 3;
    const fft = new Fft3d(gpu, m, FFT_WORK_FIELDS);
    const spectra = gpu.storage(6 * m3 * 4);
    const fftUniform = gpu.uniform(new Uint32Array([m, m3, 0, 0]));
    const includes = ['fft_common'];

    // Inputs are packed into buffer A and transformed; the products go to the other buffer. The
    // inputs are zero outside the N³ box and the convolutions are needed on it only: the transforms
    // skip the rest.
    const forward = fft.plan(fft.bufferA, FORWARD_FIELDS, false, grid.n);
    const productOut = fft.other(forward.result);
    const inverse = fft.plan(productOut, INVERSE_FIELDS, true, grid.n);

    // Kernel spectra, once, through a forward transform of the whole grid (the kernel wraps around).
    const kernelForward = fft.plan(fft.bufferA, FORWARD_FIELDS, false);
    const kernelPack = gpu.pipeline('fft_kernel_pack', {}, [...includes, 'kernel_table']);
    const kernelSpectrum = gpu.pipeline('fft_kernel_spectrum', {}, includes);
    const encoder = gpu.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encodeSteps(gpu, pass, [
      { pipeline: kernelPack, group: gpu.bind(kernelPack, [b.gridUniform, fftUniform, b.table, fft.bufferA]), items: m3 },
      ...kernelForward.steps,
      { pipeline: kernelSpectrum, group: gpu.bind(kernelSpectrum, [fftUniform, kernelForward.result, spectra]), items: m3 },
    ]);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);

    const multiply = gpu.pipeline('fft_multiply', {}, includes);
    const multiplyStep = { pipeline: multiply, group: gpu.bind(multiply, [fftUniform, spectra, forward.result, productOut]), items: m3 };
    // One chain per output: A[F] from the state, or the fluxes with the targets' own sources (the
    // convolution sources themselves for Q(F,F), G's for the bilinear Q(F,G)).
    const chains = (flux: boolean, owns: GPUBuffer[]): FftStep[][] => {
      const pack = gpu.pipeline('fft_pack', { FLUX: flux }, includes);
      const unpack = gpu.pipeline('fft_unpack', { FLUX: flux }, [...includes, 'flux_epilogue']);
      const packStep = { pipeline: pack, group: gpu.bind(pack, [b.gridUniform, fftUniform, flux ? b.src : b.state, fft.bufferA]), items: grid.cells };
      return owns.map((own) => {
        const out = flux ? [own, b.flux] : [b.diffusion];
        return [
          packStep,
          ...forward.steps,
          multiplyStep,
          ...inverse.steps,
          { pipeline: unpack, group: gpu.bind(unpack, [b.gridUniform, fftUniform, inverse.result, ...out]), items: grid.cells },
        ];
      });
    };
    const [self, bilinear] = chains(true, [b.src, b.targetSrc]);
    this.fluxSteps = { self: self!, bilinear: bilinear! };
    this.diffusionSteps = chains(false, [b.state])[0]!;
  }

  encodeFlux(pass: GPUComputePassEncoder, pairing: FluxPairing = 'self'): void {
    encodeSteps(this.ctx.gpu, pass, this.fluxSteps[pairing]);
  }

  encodeDiffusion(pass: GPUComputePassEncoder): void {
    encodeSteps(this.ctx.gpu, pass, this.diffusionSteps);
  }
}

// Zero-padded FFT convolution: the same discrete sums as the direct path, in O(m³ log m) with m the
// smallest power of two ≥ 2N − 1 (so the circular convolution on the padded grid is the linear one).
// Real fields travel in complex pairs; the kernel is even, so its spectra are real, computed once on
// the GPU at construction. One Q evaluation: pack → forward transform of 4 fields → products →
// inverse transform of 6 fields → unpack with the flux epilogue. No host round trip.
import type { ConvolutionContext, ConvolutionPath } from './convolution-path.js';
import { encodeSteps, Fft3d, type FftStep } from './fft3d.js';

export function fftSize(n: number): number {
  let m = 2;
  while (m < 2 * n - 1) m *= 2;
  return m;
}

const FORWARD_FIELDS = 4;
const INVERSE_FIELDS = 6;

/** Bytes of the largest buffer the FFT path needs for an N³ grid. */
export function fftLargestBuffer(n: number): number {
  return INVERSE_FIELDS * fftSize(n) ** 3 * 8;
}

export class FftConvolution implements ConvolutionPath {
  readonly name = 'fft' as const;
  readonly m: number;
  private readonly fluxSteps: FftStep[];
  private readonly diffusionSteps: FftStep[];

  constructor(private readonly ctx: ConvolutionContext) {
    const { gpu, grid, buffers: b } = ctx;
    const m = (this.m = fftSize(grid.n));
    const m3 = m ** 3;
    const fft = new Fft3d(gpu, m, INVERSE_FIELDS);
    const spectra = gpu.storage(6 * m3 * 4);
    const fftUniform = gpu.uniform(new Uint32Array([m, m3, 0, 0]));
    const includes = ['fft_common'];

    // Inputs are packed into buffer A and transformed; the products go to the other buffer.
    const forward = fft.plan(fft.bufferA, FORWARD_FIELDS, false);
    const productOut = fft.other(forward.result);
    const inverse = fft.plan(productOut, INVERSE_FIELDS, true);

    // Kernel spectra, once, through the same forward transform.
    const kernelPack = gpu.pipeline('fft_kernel_pack', {}, [...includes, 'kernel_table']);
    const kernelSpectrum = gpu.pipeline('fft_kernel_spectrum', {}, includes);
    const encoder = gpu.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encodeSteps(gpu, pass, [
      { pipeline: kernelPack, group: gpu.bind(kernelPack, [b.gridUniform, fftUniform, b.table, fft.bufferA]), items: m3 },
      ...forward.steps,
      { pipeline: kernelSpectrum, group: gpu.bind(kernelSpectrum, [fftUniform, forward.result, spectra]), items: m3 },
    ]);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);

    const multiply = gpu.pipeline('fft_multiply', {}, includes);
    const multiplyStep = { pipeline: multiply, group: gpu.bind(multiply, [fftUniform, spectra, forward.result, productOut]), items: m3 };
    const chain = (flux: boolean): FftStep[] => {
      const pack = gpu.pipeline('fft_pack', { FLUX: flux }, includes);
      const unpack = gpu.pipeline('fft_unpack', { FLUX: flux }, [...includes, 'flux_epilogue']);
      const out = flux ? [b.src, b.flux] : [b.diffusion];
      return [
        { pipeline: pack, group: gpu.bind(pack, [b.gridUniform, fftUniform, flux ? b.src : b.state, fft.bufferA]), items: m3 },
        ...forward.steps,
        multiplyStep,
        ...inverse.steps,
        { pipeline: unpack, group: gpu.bind(unpack, [b.gridUniform, fftUniform, inverse.result, ...out]), items: grid.cells },
      ];
    };
    this.fluxSteps = chain(true);
    this.diffusionSteps = chain(false);
  }

  encodeFlux(pass: GPUComputePassEncoder): void {
    encodeSteps(this.ctx.gpu, pass, this.fluxSteps);
  }

  encodeDiffusion(pass: GPUComputePassEncoder): void {
    encodeSteps(this.ctx.gpu, pass, this.diffusionSteps);
  }
}

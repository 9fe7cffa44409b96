// Zero-padded FFT convolution: the same discrete sums as the direct path, in O(m³ log m) with m the
// smallest 4·2^a·3^b·5^c ≥ 2N − 1 (fftSize; the circular convolution on the padded grid is the
// linear one).
// Real fields travel in complex pairs; the kernel is even, so its spectra are real, computed once on
// the GPU at construction and kept on the octant 0 ≤ k ≤ m/2. One Q evaluation: pack → forward
// transform of 4 fields → products → inverse transform of 6 fields → unpack with the flux epilogue.
// No host round trip. Where a field set is larger than one buffer may be (memory-plan.ts), every
// field has a buffer of its own and the same arithmetic runs on those (the *_SPLIT variants).
import type { ConvolutionContext, ConvolutionPath, FluxPairing } from './convolution-path.js';
import { fftSize } from '../../core/grid/fft-size.js';
import { encodeSteps, Fft3d, fieldBindings, numbered, type FftStep } from './fft3d.js';
import type { ComputePass } from './compute-pass.js';

const FORWARD_FIELDS = 4;
const INVERSE_FIELDS = 6;
/** Complex fields each of the two FFT work sets holds (memory-plan.ts). */
export const FFT_WORK_FIELDS = Math.max(FORWARD_FIELDS, INVERSE_FIELDS);
/** Fields of the A[F] part of the products (the first three outputs; fft_multiply.wgsl). */
const DIFFUSION_FIELDS = 3;

/** Points of the kernel spectra's octant, (m/2 + 1)³ (fft_common.wgsl). */
export function spectrumOctantPoints(m: number): number {
  return (m / 2 + 1) ** 3;
}

export class FftConvolution implements ConvolutionPath {
  readonly name = 'fft' as const;
  readonly m: number;
  private readonly fluxSteps: Record<FluxPairing, FftStep[]>;
  private readonly diffusionSteps: FftStep[];

  /** split: one buffer per complex field (memory-plan.ts decides). */
  constructor(private readonly ctx: ConvolutionContext, split = false) {
    const { gpu, grid, buffers: b } = ctx;
    const m = (this.m = fftSize(grid.n));
    const m3 = m ** 3;
    const fft = new Fft3d(gpu, m, FFT_WORK_FIELDS, split);
    const octant = spectrumOctantPoints(m);
    const spectra = gpu.storage(6 * octant * 4);
    const fftUniform = gpu.uniform('FftGrid', { m, m3 });
    const includes = ['fft_common'];
    const SPLIT = split;

    // Inputs are packed into set A and transformed; the products go to the other set. The
    // inputs are zero outside the N³ box and the convolutions are needed on it only: the transforms
    // skip the rest. A[F] alone needs one input field and three outputs.
    const forward = { flux: fft.plan(fft.setA, FORWARD_FIELDS, false, grid.n), diffusion: fft.plan(fft.setA, 1, false, grid.n) };
    const productOut = fft.other(forward.flux.result);
    const inverse = { flux: fft.plan(productOut, INVERSE_FIELDS, true, grid.n), diffusion: fft.plan(productOut, DIFFUSION_FIELDS, true, grid.n) };

    // Kernel spectra, once, through a forward transform of the whole grid (the kernel wraps around).
    const kernelForward = fft.plan(fft.setA, 3, false);
    const kernelPack = gpu.pipeline('fft_kernel_pack', { SPLIT }, [...includes, 'kernel_table', 'fft_store_inputs']);
    const kernelSpectrum = gpu.pipeline('fft_kernel_spectrum', { SPLIT }, includes);
    const encoder = gpu.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    encodeSteps(gpu, pass, [
      { pipeline: kernelPack, group: gpu.bind(kernelPack, { grid: b.gridUniform, fft: fftUniform, table: b.table, ...fieldBindings(fft.setA, FORWARD_FIELDS, 'z') }), items: m3 },
      ...kernelForward.steps,
      { pipeline: kernelSpectrum, group: gpu.bind(kernelSpectrum, { fft: fftUniform, ...fieldBindings(kernelForward.result, 3, 'z'), spectra }), items: octant },
    ]);
    pass.end();
    gpu.device.queue.submit([encoder.finish()]);

    // The products: all six outputs for the fluxes, the three of A[F] alone for the diffusion
    // matrix; with one buffer per field the six come from two dispatches (fft_multiply.wgsl).
    const [input, output] = [forward.flux.result, productOut];
    const multiply = (A_OUTPUTS: boolean, B_OUTPUTS: boolean, fields: Record<string, GPUBuffer>): FftStep => {
      const pipeline = gpu.pipeline('fft_multiply', { SPLIT, A_OUTPUTS, B_OUTPUTS }, includes);
      return { pipeline, group: gpu.bind(pipeline, { fft: fftUniform, spectra, ...fields }), items: m3 };
    };
    let products: Record<'flux' | 'diffusion', FftStep[]>;
    if (split) {
      // The split variants name the fields they write from zout0 on.
      const a = multiply(true, false, { ...numbered('zin', input.buffers.slice(0, 1)), ...numbered('zout', output.buffers.slice(0, DIFFUSION_FIELDS)) });
      const bOut = multiply(false, true, { ...numbered('zin', input.buffers.slice(0, FORWARD_FIELDS)), ...numbered('zout', output.buffers.slice(DIFFUSION_FIELDS, INVERSE_FIELDS)) });
      products = { flux: [a, bOut], diffusion: [a] };
    } else {
      const fields = { zin: input.buffers[0]!, zout: output.buffers[0]! };
      products = { flux: [multiply(true, true, fields)], diffusion: [multiply(true, false, fields)] };
    }
    // One chain per output: A[F] from the state, or the fluxes with the targets' own sources (the
    // convolution sources themselves for Q(F,F), G's for the bilinear Q(F,G)).
    const chains = (flux: boolean, owns: GPUBuffer[]): FftStep[][] => {
      const pack = gpu.pipeline('fft_pack', { FLUX: flux, SPLIT }, [...includes, 'fft_store_inputs']);
      const unpack = gpu.pipeline('fft_unpack', { FLUX: flux, SPLIT }, [...includes, 'flux_epilogue']);
      const packStep = { pipeline: pack, group: gpu.bind(pack, { grid: b.gridUniform, fft: fftUniform, ...(flux ? { src: b.src } : { f: b.state }), ...fieldBindings(fft.setA, FORWARD_FIELDS, 'z') }), items: grid.cells };
      const [forwardPlan, inversePlan] = flux ? [forward.flux, inverse.flux] : [forward.diffusion, inverse.diffusion];
      const inverseFields = flux ? INVERSE_FIELDS : DIFFUSION_FIELDS;
      return owns.map((own) => {
        const out: Record<string, GPUBuffer> = flux ? { own, flux: b.flux } : { diffusion: b.diffusion };
        return [
          packStep,
          ...forwardPlan.steps,
          ...(flux ? products.flux : products.diffusion),
          ...inversePlan.steps,
          { pipeline: unpack, group: gpu.bind(unpack, { grid: b.gridUniform, fft: fftUniform, ...fieldBindings(inversePlan.result, inverseFields, 'z'), ...out }), items: grid.cells },
        ];
      });
    };
    const [self, bilinear] = chains(true, [b.src, b.targetSrc]);
    this.fluxSteps = { self: self!, bilinear: bilinear! };
    this.diffusionSteps = chains(false, [b.state])[0]!;
  }

  encodeFlux(pass: ComputePass, pairing: FluxPairing = 'self'): void {
    encodeSteps(this.ctx.gpu, pass, this.fluxSteps[pairing]);
  }

  encodeDiffusion(pass: ComputePass): void {
    encodeSteps(this.ctx.gpu, pass, this.diffusionSteps);
  }
}

// The zero-padded FFT grid of the native CPU backend and the passes over it, in f64.
//
// m is the smallest 4·2^a·3^b·5^c ≥ 2N − 1 (fftSize, shared with the WGSL path), so the circular
// convolution on the m³ grid is the linear one on N³. Point (x, y, z) sits at (x·m + y)·m + z; a
// field set holds several complex fields one after the other (field k at k·m³), real and imaginary
// parts in separate arrays. The work is split into passes whose units (batches of lines, planes of
// points) are independent, so any thread can take any unit and the results do not depend on how the
// units were shared out: one thread and many give the same bits.
//
// Forward transforms of data that is zero outside the N³ box skip the lines that are still zero;
// inverse transforms write only the lines that lead to the N³ box (as the WGSL path does). The
// x transforms of a convolution and its products are one pass (spectral-pass.ts).
import { fftSize } from '../../../core/grid/fft-size.js';
import { BATCH, linePlan, lineScratch, transformLines, type LinePlan, type LineScratch } from './line-fft.js';
import { productFields, Products, SpectralPass } from './spectral-pass.js';

export { Products } from './spectral-pass.js';


/** Complex fields of the inputs (χF, χF g±: 7 real fields in pairs) and of the products (A, B±: 12 real). */
export const INPUT_FIELDS = productFields(Products.Flux).inputs;
export const OUTPUT_FIELDS = productFields(Products.Flux).outputs;
/** Real kernel spectra Ŵ_ab, components [xx, yy, zz, xy, xz, yz]. */
export const SPECTRUM_FIELDS = 6;

/** Allocates the workspace's arrays: plain memory for one thread, SharedArrayBuffer for a pool. */
export type ArrayFactory = (length: number) => Float64Array;

export const plainArrays: ArrayFactory = (length) => new Float64Array(length);
export const sharedArrays: ArrayFactory = (length) => new Float64Array(new SharedArrayBuffer(length * 8));

export interface WorkspaceArrays {
  inRe: Float64Array;
  inIm: Float64Array;
  outRe: Float64Array;
  outIm: Float64Array;
  spectra: Float64Array;
}

/** Bytes the workspace of an N³ grid holds. */
/** Real f64 fields of m³ the workspace holds: inputs and outputs (re, im) and the kernel spectra. */
export const WORKSPACE_FIELDS = 2 * INPUT_FIELDS + 2 * OUTPUT_FIELDS + SPECTRUM_FIELDS;

export function workspaceBytes(n: number): number {
  return 8 * fftSize(n) ** 3 * WORKSPACE_FIELDS;
}

export function allocateWorkspace(n: number, alloc: ArrayFactory): WorkspaceArrays {
  const m3 = fftSize(n) ** 3;
  return {
    inRe: alloc(INPUT_FIELDS * m3),
    inIm: alloc(INPUT_FIELDS * m3),
    outRe: alloc(OUTPUT_FIELDS * m3),
    outIm: alloc(OUTPUT_FIELDS * m3),
    spectra: alloc(SPECTRUM_FIELDS * m3),
  };
}

/**
 * The passes, in the order a convolution runs them: forward along x on the N² lines that hold data,
 * along y on m·N, then z with the products and back along z on all m² (the spectral pass, whose
 * lines are contiguous in memory); back along y on m·N and along x on the N² lines that lead to
 * the box. The kernel spectra use the forward passes over the whole grid (extent m) and ForwardZ.
 */
export enum Pass {
  ForwardX = 0,
  ForwardY = 1,
  /** Forward along z alone: the kernel spectra. */
  ForwardZ = 2,
  /** Forward along z, products, inverse along z (spectral-pass.ts). */
  Spectral = 3,
  InverseY = 4,
  InverseX = 5,
}

/**
 * One pass: `fields` complex fields; `extent` the box that holds data (forward: the input box, N,
 * or m for data that fills the grid; inverse: the box whose values are wanted); `products` for
 * the spectral pass.
 */
export interface PassSpec {
  pass: Pass;
  fields: number;
  extent: number;
  products: Products;
}

export function encodePass(spec: PassSpec): [number, number, number, number] {
  return [spec.pass, spec.fields, spec.extent, spec.products];
}

export function decodePass(words: ArrayLike<number>): PassSpec {
  return { pass: words[0]! as Pass, fields: words[1]!, extent: words[2]!, products: words[3]! as Products };
}

/** Executes the units of the passes on one thread's scratch. */
export class FftWorkspace {
  readonly m: number;
  readonly m3: number;
  private readonly plan: LinePlan;
  private readonly scratch: LineScratch;
  private readonly spectral: SpectralPass;

  constructor(
    readonly n: number,
    readonly arrays: WorkspaceArrays,
  ) {
    this.m = fftSize(n);
    this.m3 = this.m ** 3;
    this.plan = linePlan(this.m);
    this.scratch = lineScratch(this.m);
    this.spectral = new SpectralPass(this.m, n, arrays);
  }

  /** Number of independent units of a pass. */
  units(spec: PassSpec): number {
    const { m } = this;
    const e = spec.extent;
    const batches = Math.ceil(e / BATCH);
    switch (spec.pass) {
      case Pass.ForwardX:
      case Pass.InverseX:
        return spec.fields * e * batches;
      case Pass.ForwardY:
      case Pass.InverseY:
      case Pass.ForwardZ:
        return spec.fields * m * batches;
      case Pass.Spectral:
        return this.spectral.units();
    }
  }

  /** Runs units [lo, hi) of a pass. */
  run(spec: PassSpec, lo: number, hi: number): void {
    if (spec.pass === Pass.Spectral) {
      for (let u = lo; u < hi; u++) this.spectral.run(u, spec.products);
      return;
    }
    const inverse = spec.pass >= Pass.InverseY;
    const a = this.arrays;
    // The inverse is the forward transform with re and im exchanged (line-fft.ts).
    const re = inverse ? a.outIm : a.inRe;
    const im = inverse ? a.outRe : a.inIm;
    const perField = this.units({ ...spec, fields: 1 });
    for (let u = lo; u < hi; u++) {
      const field = Math.floor(u / perField);
      this.lineBatch(spec, re, im, field * this.m3, u - field * perField, inverse);
    }
  }

  private lineBatch(spec: PassSpec, re: Float64Array, im: Float64Array, offset: number, unit: number, inverse: boolean): void {
    const { m, plan, scratch } = this;
    const e = spec.extent;
    // Forward: e points in, all m out. Inverse: all m in, e out.
    const inLength = inverse ? m : e;
    const outLength = inverse ? e : m;
    // Every batch is `count` consecutive lines of one row or plane (neighbours in memory).
    const perRow = Math.ceil(e / BATCH);
    const row = Math.floor(unit / perRow);
    const first = (unit - row * perRow) * BATCH;
    const count = Math.min(BATCH, e - first);
    switch (spec.pass) {
      case Pass.ForwardX:
      case Pass.InverseX:
        // Lines along x at (y < e, z < e): a batch is consecutive z at one y.
        transformLines(plan, scratch, re, im, offset + row * m + first, 1, count, m * m, inLength, outLength);
        return;
      case Pass.ForwardY:
      case Pass.InverseY:
        // Lines along y at (all x, z < e): a batch is consecutive z at one x.
        transformLines(plan, scratch, re, im, offset + row * m * m + first, 1, count, m, inLength, outLength);
        return;
      default:
        // Lines along z at (all x, y < e): a batch is consecutive y at one x (contiguous lines).
        transformLines(plan, scratch, re, im, offset + (row * m + first) * m, m, count, 1, inLength, outLength);
    }
  }
}

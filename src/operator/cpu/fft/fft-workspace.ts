// The zero-padded FFT grid of the native CPU backend and the passes over it, in f64.
//
// m is the smallest power of two ≥ 2N − 1 (fftSize, shared with the WGSL path), so the circular
// convolution on the m³ grid is the linear one on N³. Point (x, y, z) sits at (x·m + y)·m + z; a
// field set holds several complex fields one after the other (field k at k·m³), real and imaginary
// parts in separate arrays. The work is split into passes whose units (batches of lines, planes of
// points) are independent, so any thread can take any unit and the results do not depend on how the
// units were shared out: one thread and many give the same bits.
//
// Forward transforms of data that is zero outside the N³ box skip the lines that are still zero;
// inverse transforms write only the lines that lead to the N³ box (as the WGSL path does).
import { fftSize } from '../../../grid/fft-size.js';
import { BATCH, linePlan, lineScratch, transformLines, type LinePlan, type LineScratch } from './line-fft.js';


/** Complex fields of the inputs (χF, χF g±: 7 real fields in pairs) and of the products (A, D±, O: 15 real). */
export const INPUT_FIELDS = 4;
export const OUTPUT_FIELDS = 8;
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
export function workspaceBytes(n: number): number {
  const m3 = fftSize(n) ** 3;
  return 8 * m3 * (2 * INPUT_FIELDS + 2 * OUTPUT_FIELDS + SPECTRUM_FIELDS);
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

export enum Pass {
  ForwardZ = 0,
  ForwardY = 1,
  ForwardX = 2,
  Multiply = 3,
  InverseX = 4,
  InverseY = 5,
  InverseZ = 6,
}

export enum Products {
  /** A = W∗χF, D± and O (convolution.ts) from the four input fields into the eight output fields. */
  Flux = 0,
  /** A = W∗F from input field 0 into output fields 0–2. */
  Diffusion = 1,
}

/**
 * One pass: `fields` complex fields; `extent` the box that holds data (forward: the input box, N,
 * or m for data that fills the grid; inverse: the box whose values are wanted); `products` for
 * the multiplication.
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
  /** Per point of the products: the split input spectra and the real output spectra. */
  private readonly splitRe = new Float64Array(2 * INPUT_FIELDS);
  private readonly splitIm = new Float64Array(2 * INPUT_FIELDS);
  private readonly productRe = new Float64Array(2 * OUTPUT_FIELDS);
  private readonly productIm = new Float64Array(2 * OUTPUT_FIELDS);

  constructor(
    readonly n: number,
    readonly arrays: WorkspaceArrays,
  ) {
    this.m = fftSize(n);
    this.m3 = this.m ** 3;
    this.plan = linePlan(this.m);
    this.scratch = lineScratch(this.m);
  }

  /** Number of independent units of a pass. */
  units(spec: PassSpec): number {
    const { m } = this;
    const e = spec.extent;
    const batches = Math.ceil(m / BATCH);
    switch (spec.pass) {
      case Pass.ForwardZ:
      case Pass.InverseZ:
        return spec.fields * e * Math.ceil(e / BATCH);
      case Pass.ForwardY:
      case Pass.InverseY:
        return spec.fields * e * batches;
      case Pass.ForwardX:
      case Pass.InverseX:
        return spec.fields * m * batches;
      case Pass.Multiply:
        // Plane x together with its mirror m − x: x = 0 … m/2.
        return m / 2 + 1;
    }
  }

  /** Runs units [lo, hi) of a pass. */
  run(spec: PassSpec, lo: number, hi: number): void {
    if (spec.pass === Pass.Multiply) {
      for (let plane = lo; plane < hi; plane++) this.multiplyPlane(plane, spec.products);
      return;
    }
    const inverse = spec.pass >= Pass.InverseX;
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
    const batches = Math.ceil(m / BATCH);
    switch (spec.pass) {
      case Pass.ForwardZ:
      case Pass.InverseZ: {
        // Lines along z at (x < e, y < e): a batch is consecutive y (m apart) at one x.
        const perRow = Math.ceil(e / BATCH);
        const x = Math.floor(unit / perRow);
        const y0 = (unit - x * perRow) * BATCH;
        const count = Math.min(BATCH, e - y0);
        transformLines(plan, scratch, re, im, offset + (x * m + y0) * m, m, count, 1, inLength, outLength);
        return;
      }
      case Pass.ForwardY:
      case Pass.InverseY: {
        // Lines along y at (x < e, all z): a batch is consecutive z.
        const x = Math.floor(unit / batches);
        const z0 = (unit - x * batches) * BATCH;
        transformLines(plan, scratch, re, im, offset + x * m * m + z0, 1, Math.min(BATCH, m - z0), m, inLength, outLength);
        return;
      }
      default: {
        // Lines along x at every (y, z): a batch is consecutive z.
        const y = Math.floor(unit / batches);
        const z0 = (unit - y * batches) * BATCH;
        const stride = m * m;
        // Forward x passes read e points of data; inverse x passes write e of them.
        transformLines(plan, scratch, re, im, offset + y * m + z0, 1, Math.min(BATCH, m - z0), stride, inLength, outLength);
      }
    }
  }

  /**
   * Products of the x-plane pair (x, m − x) of the spectrum. Inputs travel as pairs z = a + i b of
   * real fields, whose spectra are â = (ẑ(k) + conj ẑ(−k))/2 and b̂ = (ẑ(k) − conj ẑ(−k))/(2i);
   * outputs are packed the same way, ô = p̂ + i q̂ for the real pair (p, q). The kernel spectra are
   * real and even (W is even), and the spectra of real fields Hermitian, so k and −k are done
   * together from one read of the inputs: p̂(−k) = conj p̂(k).
   */
  private multiplyPlane(x: number, products: Products): void {
    const { m, m3 } = this;
    const { inRe, inIm, outRe, outIm, spectra: w } = this.arrays;
    const xm = (m - x) % m;
    const pairs = products === Products.Flux ? INPUT_FIELDS : 1;
    const outputs = products === Products.Flux ? OUTPUT_FIELDS : 3;
    const sr = this.splitRe;
    const si = this.splitIm;
    const pr = this.productRe;
    const pi = this.productIm;
    for (let y = 0; y < m; y++) {
      const ym = (m - y) % m;
      for (let z = 0; z < m; z++) {
        const t = (x * m + y) * m + z;
        const tm = (xm * m + ym) * m + ((m - z) % m);
        // Each pair once: in a self-mirrored plane (x = 0, m/2) the one with t ≤ tm.
        if (x === xm && tm < t) continue;
        for (let k = 0; k < pairs; k++) {
          const zr = inRe[k * m3 + t]!, zi = inIm[k * m3 + t]!;
          const cr = inRe[k * m3 + tm]!, ci = -inIm[k * m3 + tm]!;
          sr[2 * k] = 0.5 * (zr + cr);
          si[2 * k] = 0.5 * (zi + ci);
          sr[2 * k + 1] = 0.5 * (zi - ci);
          si[2 * k + 1] = -0.5 * (zr - cr);
        }
        const wxx = w[t]!, wyy = w[m3 + t]!, wzz = w[2 * m3 + t]!;
        const wxy = w[3 * m3 + t]!, wxz = w[4 * m3 + t]!, wyz = w[5 * m3 + t]!;
        // Real fields in output order: A = [xx, yy, zz, xy, xz, yz] of f̂ (split field 0) ...
        const fr = sr[0]!, fi = si[0]!;
        pr[0] = wxx * fr; pi[0] = wxx * fi;
        pr[1] = wyy * fr; pi[1] = wyy * fi;
        pr[2] = wzz * fr; pi[2] = wzz * fi;
        pr[3] = wxy * fr; pi[3] = wxy * fi;
        pr[4] = wxz * fr; pi[4] = wxz * fi;
        pr[5] = wyz * fr; pi[5] = wyz * fi;
        if (products === Products.Flux) {
          // ... then D± = W_aa p̂±_a from split fields (1, 2, 3) and (4, 5, 6), O = off-diagonal W on p̄, and a zero.
          const pxr = sr[1]!, pxi = si[1]!, pyr = sr[2]!, pyi = si[2]!, pzr = sr[3]!, pzi = si[3]!;
          const mxr = sr[4]!, mxi = si[4]!, myr = sr[5]!, myi = si[5]!, mzr = sr[6]!, mzi = si[6]!;
          pr[6] = wxx * pxr; pi[6] = wxx * pxi;
          pr[7] = wyy * pyr; pi[7] = wyy * pyi;
          pr[8] = wzz * pzr; pi[8] = wzz * pzi;
          pr[9] = wxx * mxr; pi[9] = wxx * mxi;
          pr[10] = wyy * myr; pi[10] = wyy * myi;
          pr[11] = wzz * mzr; pi[11] = wzz * mzi;
          const cxr = 0.5 * (pxr + mxr), cxi = 0.5 * (pxi + mxi);
          const cyr = 0.5 * (pyr + myr), cyi = 0.5 * (pyi + myi);
          const czr = 0.5 * (pzr + mzr), czi = 0.5 * (pzi + mzi);
          pr[12] = wxy * cyr + wxz * czr; pi[12] = wxy * cyi + wxz * czi;
          pr[13] = wxy * cxr + wyz * czr; pi[13] = wxy * cxi + wyz * czi;
          pr[14] = wxz * cxr + wyz * cyr; pi[14] = wxz * cxi + wyz * cyi;
          pr[15] = 0; pi[15] = 0;
        }
        // Packed pairs ô = p̂ + i q̂ at k, and conj p̂ + i conj q̂ at −k.
        for (let o = 0; o < outputs; o++) {
          const Pr = pr[2 * o]!, Pi = pi[2 * o]!, Qr = pr[2 * o + 1]!, Qi = pi[2 * o + 1]!;
          outRe[o * m3 + t] = Pr - Qi;
          outIm[o * m3 + t] = Pi + Qr;
          outRe[o * m3 + tm] = Pr + Qi;
          outIm[o * m3 + tm] = Qr - Pi;
        }
      }
    }
  }
}

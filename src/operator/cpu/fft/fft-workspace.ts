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


/** Complex fields of the inputs (χF, χF g±: 7 real fields in pairs) and of the products (12 real). */
export const INPUT_FIELDS = 4;
export const OUTPUT_FIELDS = 6;
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
  /** A = W∗χF and B± = W∗χF g± from the four input fields into the six output fields. */
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
        return m;
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
   * Products of one x-plane of the spectrum. Inputs travel as pairs z = a + i b of real fields,
   * whose spectra are â = (ẑ(k) + conj ẑ(−k))/2 and b̂ = (ẑ(k) − conj ẑ(−k))/(2i); outputs are packed
   * the same way, ô = p̂ + i q̂ for the real pair (p, q). The kernel spectra are real (W is even).
   */
  private multiplyPlane(x: number, products: Products): void {
    const { m, m3 } = this;
    const { inRe, inIm, outRe, outIm, spectra: w } = this.arrays;
    const xm = (m - x) % m;
    const pairs = products === Products.Flux ? INPUT_FIELDS : 1;
    const sr = new Float64Array(2 * pairs);
    const si = new Float64Array(2 * pairs);
    for (let y = 0; y < m; y++) {
      const ym = (m - y) % m;
      for (let z = 0; z < m; z++) {
        const t = (x * m + y) * m + z;
        const tm = (xm * m + ym) * m + ((m - z) % m);
        // Split every input pair: sr/si[2k], [2k+1] are the spectra of the pair's two real fields.
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
        const fr = sr[0]!, fi = si[0]!;
        // ô = p̂ + i q̂ with p̂ = wp f̂, q̂ = wq f̂.
        outRe[t] = wxx * fr - wyy * fi;
        outIm[t] = wxx * fi + wyy * fr;
        outRe[m3 + t] = wzz * fr - wxy * fi;
        outIm[m3 + t] = wzz * fi + wxy * fr;
        outRe[2 * m3 + t] = wxz * fr - wyz * fi;
        outIm[2 * m3 + t] = wxz * fi + wyz * fr;
        if (products === Products.Diffusion) continue;
        // B± = W ĝ± for g⁺ = split fields (1, 2, 3) and g⁻ = (4, 5, 6).
        const pxr = sr[1]!, pxi = si[1]!, pyr = sr[2]!, pyi = si[2]!, pzr = sr[3]!, pzi = si[3]!;
        const mxr = sr[4]!, mxi = si[4]!, myr = sr[5]!, myi = si[5]!, mzr = sr[6]!, mzi = si[6]!;
        const bpxr = wxx * pxr + wxy * pyr + wxz * pzr, bpxi = wxx * pxi + wxy * pyi + wxz * pzi;
        const bpyr = wxy * pxr + wyy * pyr + wyz * pzr, bpyi = wxy * pxi + wyy * pyi + wyz * pzi;
        const bpzr = wxz * pxr + wyz * pyr + wzz * pzr, bpzi = wxz * pxi + wyz * pyi + wzz * pzi;
        const bmxr = wxx * mxr + wxy * myr + wxz * mzr, bmxi = wxx * mxi + wxy * myi + wxz * mzi;
        const bmyr = wxy * mxr + wyy * myr + wyz * mzr, bmyi = wxy * mxi + wyy * myi + wyz * mzi;
        const bmzr = wxz * mxr + wyz * myr + wzz * mzr, bmzi = wxz * mxi + wyz * myi + wzz * mzi;
        // Pairs (B⁺x, B⁺y), (B⁺z, B⁻x), (B⁻y, B⁻z).
        outRe[3 * m3 + t] = bpxr - bpyi;
        outIm[3 * m3 + t] = bpxi + bpyr;
        outRe[4 * m3 + t] = bpzr - bmxi;
        outIm[4 * m3 + t] = bpzi + bmxr;
        outRe[5 * m3 + t] = bmyr - bmzi;
        outIm[5 * m3 + t] = bmyi + bmzr;
      }
    }
  }
}

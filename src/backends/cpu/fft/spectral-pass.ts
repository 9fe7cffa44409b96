// The z transforms and the products of the native backend's convolutions, fused into one pass:
// a unit gathers a set of z lines of the input fields (contiguous in memory), transforms them
// forward along z, forms the products in Fourier space and transforms the products back along z,
// all in the thread's scratch memory, and writes back only the N points per line that lead to the
// box. The spectra of the inputs and of the products never travel through the workspace arrays.
//
// The products pair every wave vector k with −k (the inputs travel as complex pairs of real
// fields, see fluxProducts), so a unit holds lines together with their mirror lines: z line
// (x, y) has the points (x, y, z), whose mirrors (m − x, m − y, m − z) (mod m) lie on z line
// (m − x, m − y). The units partition all m² z lines:
//   - planes 0 < x < m/2: a batch of consecutive y of plane x with the mirror lines in plane m − x;
//   - the self-mirrored planes x = 0 and x = m/2: a batch of y in (0, m/2) with its mirrors
//     (m − y) in the same plane, and one unit of the two self-mirrored lines y = 0 and y = m/2.
import { BATCH, linePlan, transformGathered, type LinePlan } from './line-fft.js';

/** Products of the spectral pass: the flux convolutions (A, B±) or A[F] alone. */
export enum Products {
  /** A = W∗χF and B± (convolution.ts) from the four input fields into the six output fields. */
  Flux = 0,
  /** A = W∗F from input field 0 into output fields 0–2. */
  Diffusion = 1,
}

/** Complex fields read and written by the spectral pass for each kind of product. */
export function productFields(products: Products): { inputs: number; outputs: number } {
  return products === Products.Flux ? { inputs: 4, outputs: 6 } : { inputs: 1, outputs: 3 };
}

/** The workspace arrays the pass reads and writes (layout in fft-workspace.ts). */
export interface SpectralArrays {
  inRe: Float64Array;
  inIm: Float64Array;
  outRe: Float64Array;
  outIm: Float64Array;
  spectra: Float64Array;
}

const MAX_LINES = 2 * BATCH;

export class SpectralPass {
  private readonly m: number;
  private readonly m3: number;
  private readonly plan: LinePlan;
  /** Units of the planes 0 < x < m/2, and of each self-mirrored plane. */
  private readonly planeUnits: number;
  private readonly mirroredPlaneUnits: number;
  /** The unit's lines: their offset (x·m + y)·m in a field, and where each line's mirror is. */
  private readonly lineBase = new Int32Array(MAX_LINES);
  private readonly partner = new Int32Array(MAX_LINES);
  /** Scratch, point-major per field (point x of line b at x·lines + b), fields `stride` apart. */
  private readonly stride: number;
  private readonly fRe: Float64Array[];
  private readonly fIm: Float64Array[];
  private readonly pRe: Float64Array[];
  private readonly pIm: Float64Array[];
  private readonly fReAll: Float64Array;
  private readonly fImAll: Float64Array;
  private readonly pReAll: Float64Array;
  private readonly pImAll: Float64Array;
  private readonly tmpRe: Float64Array;
  private readonly tmpIm: Float64Array;

  constructor(
    m: number,
    private readonly n: number,
    private readonly arrays: SpectralArrays,
  ) {
    this.m = m;
    this.m3 = m ** 3;
    this.plan = linePlan(m);
    this.planeUnits = (m / 2 - 1) * Math.ceil(m / BATCH);
    this.mirroredPlaneUnits = Math.ceil((m / 2 - 1) / BATCH) + 1;
    this.stride = m * MAX_LINES;
    const views = (all: Float64Array, count: number) => Array.from({ length: count }, (_, k) => all.subarray(k * this.stride, (k + 1) * this.stride));
    this.fReAll = new Float64Array(4 * this.stride);
    this.fImAll = new Float64Array(4 * this.stride);
    this.pReAll = new Float64Array(6 * this.stride);
    this.pImAll = new Float64Array(6 * this.stride);
    this.fRe = views(this.fReAll, 4);
    this.fIm = views(this.fImAll, 4);
    this.pRe = views(this.pReAll, 6);
    this.pIm = views(this.pImAll, 6);
    this.tmpRe = new Float64Array(this.stride);
    this.tmpIm = new Float64Array(this.stride);
  }

  units(): number {
    return this.planeUnits + 2 * this.mirroredPlaneUnits;
  }

  run(unit: number, products: Products): void {
    const { inputs, outputs } = productFields(products);
    const { lines, primary, selfMirrored } = this.selectLines(unit);
    const { plan, n, m3 } = this;
    const { inRe, inIm, outRe, outIm } = this.arrays;
    for (let k = 0; k < inputs; k++) {
      this.gather(inRe, inIm, k * m3, lines, this.fRe[k]!, this.fIm[k]!);
      transformGathered(plan, this.fRe[k]!, this.fIm[k]!, this.tmpRe, this.tmpIm, lines, true, false);
    }
    this.multiply(lines, primary, selfMirrored, products);
    for (let o = 0; o < outputs; o++) {
      // The inverse is the forward transform with re and im exchanged (line-fft.ts).
      transformGathered(plan, this.pIm[o]!, this.pRe[o]!, this.tmpIm, this.tmpRe, lines, false, n <= this.m / 2);
      this.scatter(this.pRe[o]!, this.pIm[o]!, lines, outRe, outIm, o * m3);
    }
  }

  /**
   * Fills lineBase and partner for a unit: `primary` lines whose mirrors follow them (line
   * primary + i mirrors line i), or `selfMirrored` lines, each its own mirror.
   */
  private selectLines(unit: number): { lines: number; primary: number; selfMirrored: boolean } {
    const { m, lineBase, partner } = this;
    const half = m / 2;
    let x: number, y0: number, y1: number;
    if (unit < this.planeUnits) {
      const perPlane = Math.ceil(m / BATCH);
      x = 1 + Math.floor(unit / perPlane);
      y0 = (unit % perPlane) * BATCH;
      y1 = Math.min(y0 + BATCH, m);
    } else {
      const v = unit - this.planeUnits;
      x = v < this.mirroredPlaneUnits ? 0 : half;
      const w = v % this.mirroredPlaneUnits;
      if (w === this.mirroredPlaneUnits - 1) {
        lineBase[0] = x * m * m;
        lineBase[1] = (x * m + half) * m;
        partner[0] = 0;
        partner[1] = 1;
        return { lines: 2, primary: 2, selfMirrored: true };
      }
      y0 = 1 + w * BATCH;
      y1 = Math.min(y0 + BATCH, half);
    }
    const xm = (m - x) % m;
    const count = y1 - y0;
    for (let i = 0; i < count; i++) {
      const y = y0 + i;
      lineBase[i] = (x * m + y) * m;
      lineBase[count + i] = (xm * m + ((m - y) % m)) * m;
      partner[i] = count + i;
      partner[count + i] = i;
    }
    return { lines: 2 * count, primary: count, selfMirrored: false };
  }

  /** The z < N points of the unit's lines of one field (the rest of a forward input is zero). */
  private gather(re: Float64Array, im: Float64Array, offset: number, lines: number, xr: Float64Array, xi: Float64Array): void {
    const { m, n, lineBase } = this;
    for (let b = 0; b < lines; b++) {
      const src = offset + lineBase[b]!;
      for (let z = 0; z < n; z++) {
        xr[z * lines + b] = re[src + z]!;
        xi[z * lines + b] = im[src + z]!;
      }
    }
    xr.fill(0, n * lines, (m / 2) * lines);
    xi.fill(0, n * lines, (m / 2) * lines);
  }

  /** The z < N points of the unit's lines back into one output field. */
  private scatter(xr: Float64Array, xi: Float64Array, lines: number, re: Float64Array, im: Float64Array, offset: number): void {
    const { n, lineBase } = this;
    for (let b = 0; b < lines; b++) {
      const dst = offset + lineBase[b]!;
      for (let z = 0; z < n; z++) {
        re[dst + z] = xr[z * lines + b]!;
        im[dst + z] = xi[z * lines + b]!;
      }
    }
  }

  /** Products at every pair (k, −k) of the unit, each pair once. */
  private multiply(lines: number, primary: number, selfMirrored: boolean, products: Products): void {
    const { m, m3, stride, lineBase, partner } = this;
    const w = this.arrays.spectra;
    const inRe = this.fReAll, inIm = this.fImAll, outRe = this.pReAll, outIm = this.pImAll;
    // A self-mirrored line pairs z with m − z: z = 0 … m/2.
    const zEnd = selfMirrored ? m / 2 + 1 : m;
    for (let b = 0; b < primary; b++) {
      const bm = partner[b]!;
      const base = lineBase[b]!;
      if (products === Products.Flux) {
        for (let z = 0; z < zEnd; z++) fluxProducts(inRe, inIm, outRe, outIm, stride, w, m3, z * lines + b, ((m - z) % m) * lines + bm, base + z);
      } else {
        for (let z = 0; z < zEnd; z++) diffusionProducts(inRe, inIm, outRe, outIm, stride, w, m3, z * lines + b, ((m - z) % m) * lines + bm, base + z);
      }
    }
  }
}

/**
 * A = [xx, yy, zz, xy, xz, yz] of f̂ into output fields 0–2 (input pair 0 = (f, 0)), at the pair
 * (t, tm) of the scratch (fields `stride` apart); g is the point's index in the kernel spectra.
 */
function diffusionProducts(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array, stride: number, w: Float64Array, m3: number, t: number, tm: number, g: number): void {
  const fr = 0.5 * (inRe[t]! + inRe[tm]!);
  const fi = 0.5 * (inIm[t]! - inIm[tm]!);
  storePair(outRe, outIm, t, tm, w[g]! * fr, w[g]! * fi, w[m3 + g]! * fr, w[m3 + g]! * fi);
  storePair(outRe, outIm, stride + t, stride + tm, w[2 * m3 + g]! * fr, w[2 * m3 + g]! * fi, w[3 * m3 + g]! * fr, w[3 * m3 + g]! * fi);
  storePair(outRe, outIm, 2 * stride + t, 2 * stride + tm, w[4 * m3 + g]! * fr, w[4 * m3 + g]! * fi, w[5 * m3 + g]! * fr, w[5 * m3 + g]! * fi);
}

/**
 * Inputs travel as pairs z = a + i b of real fields, whose spectra are â = (ẑ(k) + conj ẑ(−k))/2
 * and b̂ = (ẑ(k) − conj ẑ(−k))/(2i); outputs are packed the same way, ô = p̂ + i q̂ for the real
 * pair (p, q). The kernel spectra are real and even (W is even), and the spectra of real fields
 * Hermitian, so k and −k are done together from one read: p̂(−k) = conj p̂(k). From the input
 * pairs (f, p⁺x), (p⁺y, p⁺z), (p⁻x, p⁻y), (p⁻z, 0), A of f̂ and B±_a = Ŵ_aa p̂±_a + Σ_{b≠a} Ŵ_ab p̂̄_b
 * into the output pairs (Axx, Ayy), (Azz, Axy), (Axz, Ayz), (B⁺x, B⁺y), (B⁺z, B⁻x), (B⁻y, B⁻z).
 */
function fluxProducts(inRe: Float64Array, inIm: Float64Array, outRe: Float64Array, outIm: Float64Array, stride: number, w: Float64Array, m3: number, t: number, tm: number, g: number): void {
  // Pair k at (t, tm): first = ((zr + cr) + i (zi + ci))/2, second = ((zi − ci) − i (zr − cr))/2, c = conj z(−k).
  let zr = inRe[t]!, zi = inIm[t]!, cr = inRe[tm]!, ci = -inIm[tm]!;
  const fr = 0.5 * (zr + cr), fi = 0.5 * (zi + ci);
  const pxr = 0.5 * (zi - ci), pxi = -0.5 * (zr - cr);
  zr = inRe[stride + t]!; zi = inIm[stride + t]!; cr = inRe[stride + tm]!; ci = -inIm[stride + tm]!;
  const pyr = 0.5 * (zr + cr), pyi = 0.5 * (zi + ci);
  const pzr = 0.5 * (zi - ci), pzi = -0.5 * (zr - cr);
  zr = inRe[2 * stride + t]!; zi = inIm[2 * stride + t]!; cr = inRe[2 * stride + tm]!; ci = -inIm[2 * stride + tm]!;
  const mxr = 0.5 * (zr + cr), mxi = 0.5 * (zi + ci);
  const myr = 0.5 * (zi - ci), myi = -0.5 * (zr - cr);
  zr = inRe[3 * stride + t]!; zi = inIm[3 * stride + t]!; cr = inRe[3 * stride + tm]!; ci = -inIm[3 * stride + tm]!;
  const mzr = 0.5 * (zr + cr), mzi = 0.5 * (zi + ci);
  const wxx = w[g]!, wyy = w[m3 + g]!, wzz = w[2 * m3 + g]!;
  const wxy = w[3 * m3 + g]!, wxz = w[4 * m3 + g]!, wyz = w[5 * m3 + g]!;
  storePair(outRe, outIm, t, tm, wxx * fr, wxx * fi, wyy * fr, wyy * fi);
  storePair(outRe, outIm, stride + t, stride + tm, wzz * fr, wzz * fi, wxy * fr, wxy * fi);
  storePair(outRe, outIm, 2 * stride + t, 2 * stride + tm, wxz * fr, wxz * fi, wyz * fr, wyz * fi);
  // The off-diagonal Ŵ on the mean p̂̄, shared by both signs.
  const cxr = 0.5 * (pxr + mxr), cxi = 0.5 * (pxi + mxi);
  const cyr = 0.5 * (pyr + myr), cyi = 0.5 * (pyi + myi);
  const czr = 0.5 * (pzr + mzr), czi = 0.5 * (pzi + mzi);
  const oxr = wxy * cyr + wxz * czr, oxi = wxy * cyi + wxz * czi;
  const oyr = wxy * cxr + wyz * czr, oyi = wxy * cxi + wyz * czi;
  const ozr = wxz * cxr + wyz * cyr, ozi = wxz * cxi + wyz * cyi;
  storePair(outRe, outIm, 3 * stride + t, 3 * stride + tm, wxx * pxr + oxr, wxx * pxi + oxi, wyy * pyr + oyr, wyy * pyi + oyi);
  storePair(outRe, outIm, 4 * stride + t, 4 * stride + tm, wzz * pzr + ozr, wzz * pzi + ozi, wxx * mxr + oxr, wxx * mxi + oxi);
  storePair(outRe, outIm, 5 * stride + t, 5 * stride + tm, wyy * myr + oyr, wyy * myi + oyi, wzz * mzr + ozr, wzz * mzi + ozi);
}

/** Packs the spectra p̂, q̂ of a real pair at k (index t) as p̂ + i q̂, and at −k (tm) as conj p̂ + i conj q̂. */
function storePair(re: Float64Array, im: Float64Array, t: number, tm: number, pr: number, pi: number, qr: number, qi: number): void {
  re[t] = pr - qi;
  im[t] = pi + qr;
  re[tm] = pr + qi;
  im[tm] = qr - pi;
}

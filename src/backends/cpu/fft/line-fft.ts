// Complex FFTs of many grid lines at once, in f64, for the native CPU backend's convolutions. Over
// 300 lines: one flat stage kernel per radix and per pruned variant (full, the nonzero half in,
// the wanted half out), which share the batch layout and the plan below.
//
// A batch of up to BATCH lines is gathered into a scratch buffer laid out point-major
// (point k of line b at k·count + b), transformed by Stockham autosort stages of radix 4, 2, 3 and
// 5 (m = 2^a·3^b·5^c, see linePlan for their order), and scattered back. In that layout every
// butterfly of a stage runs a flat loop over contiguous memory with one set of twiddles, which is
// what a JIT turns into tight code; and lines along the strided axes are gathered with contiguous
// reads of `count` values.
//
// Only the forward transform (e^{−2πi jk/m}) exists: the inverse of (re, im) is the forward
// transform of (im, re) with the roles swapped back, unnormalised (the convolution folds 1/m³ into
// the kernel spectra). Twiddles come from Math.cos/Math.sin of each angle, not a recurrence, so the
// transform is accurate to a few ulps times log m.

/** Lines transformed together: 16 lines of m = 256 points fill 64 KiB of scratch per array. */
export const BATCH = 16;

export type Radix = 2 | 3 | 4 | 5;

export interface LinePlan {
  m: number;
  /**
   * Per stage: radix R, sub-transform length n and the twiddles w^p, w^{2p}, … w^{(R−1)p} for
   * p < n/R, interleaved (re, im), 2(R − 1) numbers per p.
   */
  stages: { radix: Radix; n: number; twiddles: Float64Array }[];
  /** The first stage is radix 2 or 4, so a forward transform whose upper input half is zero reads only the lower half. */
  prunesInput: boolean;
  /** The last stage is radix 2 or 4, so a transform wanted on the lower output half computes only that half. */
  prunesOutput: boolean;
}

export function linePlan(m: number): LinePlan {
  const radices = stageRadices(m);
  const stages: LinePlan['stages'] = [];
  let n = m;
  for (const radix of radices) {
    const q = n / radix;
    const twiddles = new Float64Array(q * 2 * (radix - 1));
    for (let p = 0; p < q; p++) {
      for (let r = 1; r < radix; r++) {
        const angle = (-2 * Math.PI * p * r) / n;
        twiddles[(p * (radix - 1) + r - 1) * 2] = Math.cos(angle);
        twiddles[(p * (radix - 1) + r - 1) * 2 + 1] = Math.sin(angle);
      }
    }
    stages.push({ radix, n, twiddles });
    n = q;
  }
  const halving = (r: Radix) => m >= 4 && (r === 2 || r === 4);
  return { m, stages, prunesInput: halving(radices[0]!), prunesOutput: halving(radices[radices.length - 1]!) };
}

/**
 * The radices of the stages of a length-m transform, m = 2^a·3^b·5^c: the factors 2 paired into
 * radix 4 (one radix 2 when a is odd), placed so that the first and the last stage are radix 2 or
 * 4 where m has two factors 2 to spare (those are the stages that the zero padding prunes), the
 * radix-3 and radix-5 stages between them: 192 → 4 4 3 4, 80 → 4 5 4, 12 → 2 3 2.
 */
export function stageRadices(m: number): Radix[] {
  if (!Number.isInteger(m) || m < 2) throw new RangeError(`FFT length ${m} is not an integer ≥ 2`);
  const count = (p: number) => {
    let k = 0;
    while (m % p === 0) (m /= p), k++;
    return k;
  };
  const [twos, threes, fives] = [count(2), count(3), count(5)];
  if (m !== 1) throw new RangeError(`FFT length has the prime factor ${m}; lengths must be 2^a·3^b·5^c (fftSize gives one)`);
  let powers: Radix[] = [...Array<Radix>(twos >> 1).fill(4), ...(twos & 1 ? [2 as const] : [])];
  const odd: Radix[] = [...Array<Radix>(threes).fill(3), ...Array<Radix>(fives).fill(5)];
  if (powers.length === 1 && powers[0] === 4 && odd.length > 0) powers = [2, 2];
  if (powers.length < 2) return [...powers, ...odd];
  return [powers[0]!, ...powers.slice(1, -1), ...odd, powers[powers.length - 1]!];
}

/** Two ping-pong buffers of m · BATCH complex values, split into re and im. */
export interface LineScratch {
  re: [Float64Array, Float64Array];
  im: [Float64Array, Float64Array];
}

export function lineScratch(m: number): LineScratch {
  const size = m * BATCH;
  return { re: [new Float64Array(size), new Float64Array(size)], im: [new Float64Array(size), new Float64Array(size)] };
}

/**
 * Transforms `count` ≤ BATCH lines of the field (re, im) in place. Line b starts at
 * start + b·lineStride and its points lie `stride` apart; points k ≥ inLength are taken as zero
 * (they are not read), and only points k < outLength are written back.
 */
export function transformLines(
  plan: LinePlan,
  scratch: LineScratch,
  re: Float64Array,
  im: Float64Array,
  start: number,
  lineStride: number,
  count: number,
  stride: number,
  inLength: number,
  outLength: number,
): void {
  const m = plan.m;
  const xr = scratch.re[0];
  const xi = scratch.im[0];
  // Gather, zero-padding the points beyond inLength; along each line when its points are
  // contiguous, across the lines when the lines are (the strided axes). With half the input zero
  // (the padded forward transforms) the first stage reads only the lower half.
  const halfIn = plan.prunesInput && inLength <= m / 2;
  const halfOut = plan.prunesOutput && outLength <= m / 2;
  if (stride === 1) gatherAlongLines(re, im, start, lineStride, count, inLength, xr, xi);
  else gatherAcrossLines(re, im, start, lineStride, count, stride, inLength, xr, xi);
  const zeroEnd = (halfIn ? m / 2 : m) * count;
  xr.fill(0, inLength * count, zeroEnd);
  xi.fill(0, inLength * count, zeroEnd);
  // The stages ping-pong between the two scratch buffers.
  const r = runStages(plan, xr, xi, scratch.re[1], scratch.im[1], count, halfIn, halfOut);
  if (stride === 1) scatterAlongLines(scratch.re[r], scratch.im[r], count, outLength, re, im, start, lineStride);
  else scatterAcrossLines(scratch.re[r], scratch.im[r], count, outLength, re, im, start, lineStride, stride);
}

/**
 * Transforms `count` lines already held point-major (point k of line b at k·count + b) in (re, im),
 * in place, with (tmpRe, tmpIm) of the same size as the second buffer. halfIn: the upper half of
 * the input is zero (and not read); halfOut: only the lower half of the output is computed.
 */
export function transformGathered(
  plan: LinePlan,
  re: Float64Array,
  im: Float64Array,
  tmpRe: Float64Array,
  tmpIm: Float64Array,
  count: number,
  halfIn: boolean,
  halfOut: boolean,
): void {
  const { m } = plan;
  // Where the first stage cannot skip the zero half, it reads it: make it zero.
  if (halfIn && !plan.prunesInput) {
    re.fill(0, (m >> 1) * count, m * count);
    im.fill(0, (m >> 1) * count, m * count);
  }
  const lowerOut = halfOut && plan.prunesOutput;
  if (runStages(plan, re, im, tmpRe, tmpIm, count, halfIn && plan.prunesInput, lowerOut) === 1) {
    const length = (lowerOut ? m / 2 : m) * count;
    re.set(tmpRe.subarray(0, length));
    im.set(tmpIm.subarray(0, length));
  }
}

// Gathers and scatters, one function per direction and layout: each has a single loop shape, so
// the JIT never meets a branch it has no feedback for in the middle of a hot loop.

function gatherAlongLines(re: Float64Array, im: Float64Array, start: number, lineStride: number, count: number, inLength: number, xr: Float64Array, xi: Float64Array): void {
  for (let b = 0; b < count; b++) {
    const src = start + b * lineStride;
    for (let k = 0; k < inLength; k++) {
      xr[k * count + b] = re[src + k]!;
      xi[k * count + b] = im[src + k]!;
    }
  }
}

function gatherAcrossLines(re: Float64Array, im: Float64Array, start: number, lineStride: number, count: number, stride: number, inLength: number, xr: Float64Array, xi: Float64Array): void {
  for (let k = 0; k < inLength; k++) {
    const src = start + k * stride;
    const dst = k * count;
    for (let b = 0; b < count; b++) {
      xr[dst + b] = re[src + b * lineStride]!;
      xi[dst + b] = im[src + b * lineStride]!;
    }
  }
}

function scatterAlongLines(xr: Float64Array, xi: Float64Array, count: number, outLength: number, re: Float64Array, im: Float64Array, start: number, lineStride: number): void {
  for (let b = 0; b < count; b++) {
    const dst = start + b * lineStride;
    for (let k = 0; k < outLength; k++) {
      re[dst + k] = xr[k * count + b]!;
      im[dst + k] = xi[k * count + b]!;
    }
  }
}

function scatterAcrossLines(xr: Float64Array, xi: Float64Array, count: number, outLength: number, re: Float64Array, im: Float64Array, start: number, lineStride: number, stride: number): void {
  for (let k = 0; k < outLength; k++) {
    const dst = start + k * stride;
    const src = k * count;
    for (let b = 0; b < count; b++) {
      re[dst + b * lineStride] = xr[src + b]!;
      im[dst + b * lineStride] = xi[src + b]!;
    }
  }
}

/**
 * Stockham stages on a gathered batch in buffer 0 = (xr0, xi0): sub-transforms of length n with
 * s = m/n interleaved sequences of `count` lines; stage k reads buffer k mod 2 and writes the
 * other. Returns the buffer that holds the result.
 */
function runStages(plan: LinePlan, xr0: Float64Array, xi0: Float64Array, xr1: Float64Array, xi1: Float64Array, count: number, halfIn: boolean, halfOut: boolean): 0 | 1 {
  let s = count;
  const stages = plan.stages;
  const last = stages.length - 1;
  for (let k = 0; k <= last; k++) {
    const stage = stages[k]!;
    const radix = stage.radix;
    const q = stage.n / radix;
    const odd = (k & 1) === 1;
    const xr = odd ? xr1 : xr0, xi = odd ? xi1 : xi0;
    const yr = odd ? xr0 : xr1, yi = odd ? xi0 : xi1;
    const tw = stage.twiddles;
    // halfIn and halfOut are only asked for where the plan's first and last stages are radix 2 or 4.
    if (k === 0 && halfIn) {
      if (radix === 4) radix4LowerInput(xr, xi, yr, yi, q, s, tw);
      else radix2LowerInput(xr, xi, yr, yi, q, s, tw);
    } else if (k === last && halfOut) {
      // The last stage has q = 1: unit twiddles, and the wanted half is its first two (radix 4) or one (radix 2) outputs.
      if (radix === 4) radix4LowerOutput(xr, xi, yr, yi, s);
      else radix2LowerOutput(xr, xi, yr, yi, s);
    } else if (radix === 4) radix4(xr, xi, yr, yi, q, s, tw);
    else if (radix === 2) radix2(xr, xi, yr, yi, q, s, tw);
    else if (radix === 3) radix3(xr, xi, yr, yi, q, s, tw);
    else radix5(xr, xi, yr, yi, q, s, tw);
    s *= radix;
  }
  return (stages.length & 1) as 0 | 1;
}

// One Stockham stage each: inputs x[p·s + j + r·q·s] (r < radix), outputs y[radix·p·s + j + r·s]
// times the twiddle w^{r·p}; one function per case keeps every loop monomorphic for the JIT.

function radix4(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  const qs = q * s;
  for (let p = 0; p < q; p++) {
    const w1r = tw[p * 6]!, w1i = tw[p * 6 + 1]!;
    const w2r = tw[p * 6 + 2]!, w2i = tw[p * 6 + 3]!;
    const w3r = tw[p * 6 + 4]!, w3i = tw[p * 6 + 5]!;
    const ia = p * s;
    const io = 4 * p * s;
    for (let j = 0; j < s; j++) {
      const a = ia + j;
      const ar = xr[a]!, ai = xi[a]!;
      const br = xr[a + qs]!, bi = xi[a + qs]!;
      const cr = xr[a + 2 * qs]!, ci = xi[a + 2 * qs]!;
      const dr = xr[a + 3 * qs]!, di = xi[a + 3 * qs]!;
      const apcr = ar + cr, apci = ai + ci;
      const amcr = ar - cr, amci = ai - ci;
      const bpdr = br + dr, bpdi = bi + di;
      // i·(b − d)
      const jr = di - bi, ji = br - dr;
      const o = io + j;
      yr[o] = apcr + bpdr;
      yi[o] = apci + bpdi;
      const t1r = amcr - jr, t1i = amci - ji;
      yr[o + s] = w1r * t1r - w1i * t1i;
      yi[o + s] = w1r * t1i + w1i * t1r;
      const t2r = apcr - bpdr, t2i = apci - bpdi;
      yr[o + 2 * s] = w2r * t2r - w2i * t2i;
      yi[o + 2 * s] = w2r * t2i + w2i * t2r;
      const t3r = amcr + jr, t3i = amci + ji;
      yr[o + 3 * s] = w3r * t3r - w3i * t3i;
      yi[o + 3 * s] = w3r * t3i + w3i * t3r;
    }
  }
}

/** radix4 with c = d = 0 (inputs from m/2 on are zero). */
function radix4LowerInput(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  const qs = q * s;
  for (let p = 0; p < q; p++) {
    const w1r = tw[p * 6]!, w1i = tw[p * 6 + 1]!;
    const w2r = tw[p * 6 + 2]!, w2i = tw[p * 6 + 3]!;
    const w3r = tw[p * 6 + 4]!, w3i = tw[p * 6 + 5]!;
    const ia = p * s;
    const io = 4 * p * s;
    for (let j = 0; j < s; j++) {
      const a = ia + j;
      const ar = xr[a]!, ai = xi[a]!;
      const br = xr[a + qs]!, bi = xi[a + qs]!;
      const o = io + j;
      yr[o] = ar + br;
      yi[o] = ai + bi;
      // a − i·b, a − b, a + i·b
      const t1r = ar + bi, t1i = ai - br;
      yr[o + s] = w1r * t1r - w1i * t1i;
      yi[o + s] = w1r * t1i + w1i * t1r;
      const t2r = ar - br, t2i = ai - bi;
      yr[o + 2 * s] = w2r * t2r - w2i * t2i;
      yi[o + 2 * s] = w2r * t2i + w2i * t2r;
      const t3r = ar - bi, t3i = ai + br;
      yr[o + 3 * s] = w3r * t3r - w3i * t3i;
      yi[o + 3 * s] = w3r * t3i + w3i * t3r;
    }
  }
}

/** The last radix-4 stage (q = 1) writing only outputs 0 and 1 of each butterfly: the lower half. */
function radix4LowerOutput(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, s: number): void {
  for (let j = 0; j < s; j++) {
    const ar = xr[j]!, ai = xi[j]!;
    const br = xr[j + s]!, bi = xi[j + s]!;
    const cr = xr[j + 2 * s]!, ci = xi[j + 2 * s]!;
    const dr = xr[j + 3 * s]!, di = xi[j + 3 * s]!;
    yr[j] = ar + cr + br + dr;
    yi[j] = ai + ci + bi + di;
    yr[j + s] = ar - cr - (di - bi);
    yi[j + s] = ai - ci - (br - dr);
  }
}

function radix2(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  const qs = q * s;
  for (let p = 0; p < q; p++) {
    const wr = tw[p * 2]!, wi = tw[p * 2 + 1]!;
    const ia = p * s;
    const io = 2 * p * s;
    for (let j = 0; j < s; j++) {
      const a = ia + j;
      const ar = xr[a]!, ai = xi[a]!;
      const br = xr[a + qs]!, bi = xi[a + qs]!;
      const o = io + j;
      yr[o] = ar + br;
      yi[o] = ai + bi;
      const dr = ar - br, di = ai - bi;
      yr[o + s] = wr * dr - wi * di;
      yi[o + s] = wr * di + wi * dr;
    }
  }
}

/** radix2 with b = 0. */
function radix2LowerInput(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  for (let p = 0; p < q; p++) {
    const wr = tw[p * 2]!, wi = tw[p * 2 + 1]!;
    const ia = p * s;
    const io = 2 * p * s;
    for (let j = 0; j < s; j++) {
      const ar = xr[ia + j]!, ai = xi[ia + j]!;
      const o = io + j;
      yr[o] = ar;
      yi[o] = ai;
      yr[o + s] = wr * ar - wi * ai;
      yi[o + s] = wr * ai + wi * ar;
    }
  }
}

/** The last radix-2 stage (q = 1) writing only output 0: the lower half. */
function radix2LowerOutput(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, s: number): void {
  for (let j = 0; j < s; j++) {
    yr[j] = xr[j]! + xr[j + s]!;
    yi[j] = xi[j]! + xi[j + s]!;
  }
}

const SIN_60 = Math.sqrt(3) / 2;

function radix3(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  const qs = q * s;
  for (let p = 0; p < q; p++) {
    const w1r = tw[p * 4]!, w1i = tw[p * 4 + 1]!;
    const w2r = tw[p * 4 + 2]!, w2i = tw[p * 4 + 3]!;
    const ia = p * s;
    const io = 3 * p * s;
    for (let j = 0; j < s; j++) {
      const a = ia + j;
      const ar = xr[a]!, ai = xi[a]!;
      const br = xr[a + qs]!, bi = xi[a + qs]!;
      const cr = xr[a + 2 * qs]!, ci = xi[a + 2 * qs]!;
      const sr = br + cr, si = bi + ci;
      // a + b·w^{±1} + c·w^{∓1} with w = e^{−2πi/3}: a − (b + c)/2 ∓ i·sin 60°·(b − c).
      const mr = ar - 0.5 * sr, mi = ai - 0.5 * si;
      const dr = SIN_60 * (bi - ci), di = SIN_60 * (cr - br);
      const o = io + j;
      yr[o] = ar + sr;
      yi[o] = ai + si;
      const t1r = mr + dr, t1i = mi + di;
      yr[o + s] = w1r * t1r - w1i * t1i;
      yi[o + s] = w1r * t1i + w1i * t1r;
      const t2r = mr - dr, t2i = mi - di;
      yr[o + 2 * s] = w2r * t2r - w2i * t2i;
      yi[o + 2 * s] = w2r * t2i + w2i * t2r;
    }
  }
}

const COS_72 = Math.cos((2 * Math.PI) / 5), SIN_72 = Math.sin((2 * Math.PI) / 5);
const COS_144 = Math.cos((4 * Math.PI) / 5), SIN_144 = Math.sin((4 * Math.PI) / 5);

function radix5(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, q: number, s: number, tw: Float64Array): void {
  const qs = q * s;
  for (let p = 0; p < q; p++) {
    const t = p * 8;
    const w1r = tw[t]!, w1i = tw[t + 1]!;
    const w2r = tw[t + 2]!, w2i = tw[t + 3]!;
    const w3r = tw[t + 4]!, w3i = tw[t + 5]!;
    const w4r = tw[t + 6]!, w4i = tw[t + 7]!;
    const ia = p * s;
    const io = 5 * p * s;
    for (let j = 0; j < s; j++) {
      const a = ia + j;
      const ar = xr[a]!, ai = xi[a]!;
      const br = xr[a + qs]!, bi = xi[a + qs]!;
      const cr = xr[a + 2 * qs]!, ci = xi[a + 2 * qs]!;
      const dr = xr[a + 3 * qs]!, di = xi[a + 3 * qs]!;
      const er = xr[a + 4 * qs]!, ei = xi[a + 4 * qs]!;
      // Outputs k and 5 − k share the cosine part (of b + e, c + d) and differ in the sign of the
      // sine part (of b − e, c − d), which is multiplied by −i.
      const s1r = br + er, s1i = bi + ei, s2r = cr + dr, s2i = ci + di;
      const d1r = br - er, d1i = bi - ei, d2r = cr - dr, d2i = ci - di;
      const c1r = ar + COS_72 * s1r + COS_144 * s2r, c1i = ai + COS_72 * s1i + COS_144 * s2i;
      const c2r = ar + COS_144 * s1r + COS_72 * s2r, c2i = ai + COS_144 * s1i + COS_72 * s2i;
      const n1r = SIN_72 * d1r + SIN_144 * d2r, n1i = SIN_72 * d1i + SIN_144 * d2i;
      const n2r = SIN_144 * d1r - SIN_72 * d2r, n2i = SIN_144 * d1i - SIN_72 * d2i;
      const o = io + j;
      yr[o] = ar + s1r + s2r;
      yi[o] = ai + s1i + s2i;
      // −i·n = (n.im, −n.re)
      const t1r = c1r + n1i, t1i = c1i - n1r;
      yr[o + s] = w1r * t1r - w1i * t1i;
      yi[o + s] = w1r * t1i + w1i * t1r;
      const t2r = c2r + n2i, t2i = c2i - n2r;
      yr[o + 2 * s] = w2r * t2r - w2i * t2i;
      yi[o + 2 * s] = w2r * t2i + w2i * t2r;
      const t3r = c2r - n2i, t3i = c2i + n2r;
      yr[o + 3 * s] = w3r * t3r - w3i * t3i;
      yi[o + 3 * s] = w3r * t3i + w3i * t3r;
      const t4r = c1r - n1i, t4i = c1i + n1r;
      yr[o + 4 * s] = w4r * t4r - w4i * t4i;
      yi[o + 4 * s] = w4r * t4i + w4i * t4r;
    }
  }
}

// Complex FFTs of many grid lines at once, in f64, for the native CPU backend's convolutions. Over
// 300 lines: one flat stage kernel per radix and per pruned variant (full, the nonzero half in,
// the wanted half out), which share the batch layout and the plan below.
//
// A batch of up to BATCH lines is gathered into a scratch buffer laid out point-major
// (point k of line b at k·count + b), transformed by Stockham autosort stages of radix 4 (and one of
// radix 2 when log₂ m is odd), and scattered back. In that layout every butterfly of a stage runs a
// flat loop over contiguous memory with one twiddle, which is what a JIT turns into tight code; and
// lines along the strided axes are gathered with contiguous reads of `count` values.
//
// Only the forward transform (e^{−2πi jk/m}) exists: the inverse of (re, im) is the forward
// transform of (im, re) with the roles swapped back, unnormalised (the convolution folds 1/m³ into
// the kernel spectra). Twiddles come from Math.cos/Math.sin of each angle, not a recurrence, so the
// transform is accurate to a few ulps times log m.

/** Lines transformed together: 16 lines of m = 256 points fill 64 KiB of scratch per array. */
export const BATCH = 16;

export interface LinePlan {
  m: number;
  /** Per stage: radix and the twiddles w^p, w^{2p}, w^{3p} for p < m/(radix·s), interleaved (re, im). */
  stages: { radix: 2 | 4; n: number; twiddles: Float64Array }[];
}

export function linePlan(m: number): LinePlan {
  if (!(m >= 2 && (m & (m - 1)) === 0)) throw new RangeError(`FFT length ${m} is not a power of two ≥ 2`);
  const stages: LinePlan['stages'] = [];
  for (let n = m; n > 1; ) {
    const radix = n % 4 === 0 ? 4 : 2;
    const quarter = n / radix;
    const twiddles = new Float64Array(quarter * 6);
    for (let p = 0; p < quarter; p++) {
      for (let r = 1; r < radix; r++) {
        const angle = (-2 * Math.PI * p * r) / n;
        twiddles[p * 6 + (r - 1) * 2] = Math.cos(angle);
        twiddles[p * 6 + (r - 1) * 2 + 1] = Math.sin(angle);
      }
    }
    stages.push({ radix, n, twiddles });
    n = quarter;
  }
  return { m, stages };
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
  const halfIn = inLength <= m / 2 && m >= 4;
  const halfOut = outLength <= m / 2 && m >= 4;
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
  if (runStages(plan, re, im, tmpRe, tmpIm, count, halfIn && plan.m >= 4, halfOut && plan.m >= 4) === 1) {
    const length = (halfOut && plan.m >= 4 ? plan.m / 2 : plan.m) * count;
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
    if (k === 0 && halfIn) {
      if (radix === 4) radix4LowerInput(xr, xi, yr, yi, q, s, stage.twiddles);
      else radix2LowerInput(xr, xi, yr, yi, q, s, stage.twiddles);
    } else if (k === last && halfOut) {
      // The last stage has q = 1: unit twiddles, and the wanted half is its first two (radix 4) or one (radix 2) outputs.
      if (radix === 4) radix4LowerOutput(xr, xi, yr, yi, s);
      else radix2LowerOutput(xr, xi, yr, yi, s);
    } else if (radix === 4) radix4(xr, xi, yr, yi, q, s, stage.twiddles);
    else radix2(xr, xi, yr, yi, q, s, stage.twiddles);
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
    const wr = tw[p * 6]!, wi = tw[p * 6 + 1]!;
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
    const wr = tw[p * 6]!, wi = tw[p * 6 + 1]!;
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

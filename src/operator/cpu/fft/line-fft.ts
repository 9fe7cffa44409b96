// Complex FFTs of many grid lines at once, in f64, for the native CPU backend's convolutions.
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
  let xr = scratch.re[0];
  let xi = scratch.im[0];
  let yr = scratch.re[1];
  let yi = scratch.im[1];
  // Gather, zero-padding the points beyond inLength; along each line when its points are
  // contiguous, across the lines when the lines are (the strided axes).
  if (stride === 1) {
    for (let b = 0; b < count; b++) {
      const src = start + b * lineStride;
      for (let k = 0; k < inLength; k++) {
        xr[k * count + b] = re[src + k]!;
        xi[k * count + b] = im[src + k]!;
      }
    }
  } else {
    for (let k = 0; k < inLength; k++) {
      const src = start + k * stride;
      const dst = k * count;
      for (let b = 0; b < count; b++) {
        xr[dst + b] = re[src + b * lineStride]!;
        xi[dst + b] = im[src + b * lineStride]!;
      }
    }
  }
  xr.fill(0, inLength * count, m * count);
  xi.fill(0, inLength * count, m * count);

  // Stockham stages: sub-transforms of length n with s = m/n interleaved sequences of `count` lines.
  let s = count;
  for (const stage of plan.stages) {
    const tw = stage.twiddles;
    if (stage.radix === 4) {
      const q = stage.n / 4;
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
      s *= 4;
    } else {
      const q = stage.n / 2;
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
      s *= 2;
    }
    [xr, yr] = [yr, xr];
    [xi, yi] = [yi, xi];
  }

  // Scatter the points that are wanted (loop order as in the gather).
  if (stride === 1) {
    for (let b = 0; b < count; b++) {
      const dst = start + b * lineStride;
      for (let k = 0; k < outLength; k++) {
        re[dst + k] = xr[k * count + b]!;
        im[dst + k] = xi[k * count + b]!;
      }
    }
  } else {
    for (let k = 0; k < outLength; k++) {
      const dst = start + k * stride;
      const src = k * count;
      for (let b = 0; b < count; b++) {
        re[dst + b * lineStride] = xr[src + b]!;
        im[dst + b * lineStride] = xi[src + b]!;
      }
    }
  }
}

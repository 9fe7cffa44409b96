// The discrete Fourier spectrum of a field on the N³ grid, for any N: what the resolution guard
// reads from a field given as a file. Power-of-two lines use an iterative radix-2 transform; other
// lengths Bluestein's chirp transform, which maps a length-N DFT onto a power-of-two convolution.
// Host-side and single-threaded: it runs once per --init field, not per step (the solver's FFTs
// are in src/backends/cpu/fft and src/backends/gpu).

/** An in-place forward DFT (e^{−2πi jk/m}) of a power-of-two length m, its bit reversal and twiddles tabulated once. */
function radix2(m: number): (re: Float64Array, im: Float64Array) => void {
  const reversed = new Uint32Array(m);
  for (let i = 1, j = 0; i < m; i++) {
    let bit = m >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    reversed[i] = j;
  }
  // w^p = e^{−2πi p/m} for p < m/2; a stage of length len uses every (m/len)-th.
  const cos = Float64Array.from({ length: m / 2 }, (_, p) => Math.cos((-2 * Math.PI * p) / m));
  const sin = Float64Array.from({ length: m / 2 }, (_, p) => Math.sin((-2 * Math.PI * p) / m));
  return (re, im) => {
    for (let i = 1; i < m; i++) {
      const j = reversed[i]!;
      if (i < j) {
        const r = re[i]!;
        re[i] = re[j]!;
        re[j] = r;
        const t = im[i]!;
        im[i] = im[j]!;
        im[j] = t;
      }
    }
    for (let len = 2; len <= m; len <<= 1) {
      const half = len >> 1;
      const step = m / len;
      for (let p = 0; p < half; p++) {
        const wr = cos[p * step]!;
        const wi = sin[p * step]!;
        for (let a = p; a < m; a += len) {
          const b = a + half;
          const tr = re[b]! * wr - im[b]! * wi;
          const ti = re[b]! * wi + im[b]! * wr;
          re[b] = re[a]! - tr;
          im[b] = im[a]! - ti;
          re[a] = re[a]! + tr;
          im[a] = im[a]! + ti;
        }
      }
    }
  };
}

/** A reusable forward DFT of length n (any n ≥ 1), in place on (re, im). */
export function lineDft(n: number): (re: Float64Array, im: Float64Array) => void {
  if ((n & (n - 1)) === 0) return radix2(n);
  // Bluestein: X_k = conj(w_k) Σ_j (x_j conj(w_j)) w_{k−j}, with w_j = e^{iπ j²/n}; the sum is a
  // circular convolution of length m ≥ 2n − 1, done with radix-2 transforms.
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const angle = (Math.PI * ((j * j) % (2 * n))) / n; // j² mod 2n keeps the angle exact for large j
    chirpRe[j] = Math.cos(angle);
    chirpIm[j] = Math.sin(angle);
  }
  const transform = radix2(m);
  const kernelRe = new Float64Array(m);
  const kernelIm = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    kernelRe[j] = chirpRe[j]!;
    kernelIm[j] = chirpIm[j]!;
    if (j > 0) {
      kernelRe[m - j] = chirpRe[j]!;
      kernelIm[m - j] = chirpIm[j]!;
    }
  }
  transform(kernelRe, kernelIm);
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  return (re, im) => {
    ar.fill(0);
    ai.fill(0);
    for (let j = 0; j < n; j++) {
      // x_j · conj(w_j)
      ar[j] = re[j]! * chirpRe[j]! + im[j]! * chirpIm[j]!;
      ai[j] = im[j]! * chirpRe[j]! - re[j]! * chirpIm[j]!;
    }
    transform(ar, ai);
    for (let k = 0; k < m; k++) {
      const r = ar[k]! * kernelRe[k]! - ai[k]! * kernelIm[k]!;
      // conjugated, so that the forward transform below is the inverse one (up to 1/m)
      ai[k] = -(ar[k]! * kernelIm[k]! + ai[k]! * kernelRe[k]!);
      ar[k] = r;
    }
    transform(ar, ai);
    for (let k = 0; k < n; k++) {
      const cr = ar[k]! / m;
      const ci = -ai[k]! / m;
      re[k] = cr * chirpRe[k]! + ci * chirpIm[k]!;
      im[k] = ci * chirpRe[k]! - cr * chirpIm[k]!;
    }
  };
}

/** The 3D DFT of a real field of N³ values in C order: its real and imaginary parts. */
export function dft3(n: number, f: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const re = Float64Array.from(f);
  const im = new Float64Array(re.length);
  const transform = lineDft(n);
  const lineRe = new Float64Array(n);
  const lineIm = new Float64Array(n);
  // Lines along axis a start at the cells whose index along a is 0: loop over the other two indices.
  for (const [stride, outer, inner] of [
    [n * n, n, 1],
    [n, n * n, 1],
    [1, n * n, n],
  ] as const) {
    for (let p = 0; p < n; p++)
      for (let q = 0; q < n; q++) {
        const c = p * outer + q * inner;
        for (let k = 0; k < n; k++) {
          lineRe[k] = re[c + k * stride]!;
          lineIm[k] = im[c + k * stride]!;
        }
        transform(lineRe, lineIm);
        for (let k = 0; k < n; k++) {
          re[c + k * stride] = lineRe[k]!;
          im[c + k * stride] = lineIm[k]!;
        }
      }
  }
  return { re, im };
}

/** |k| of DFT index i along an axis in units of the Nyquist frequency: min(i, N − i) / (N/2). */
export function nyquistFraction(i: number, n: number): number {
  return Math.min(i, n - i) / (n / 2);
}

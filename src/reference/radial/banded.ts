// Banded LU factorisation with partial pivoting (the algorithm of LAPACK's dgbtf2/dgbtrs, row
// storage), for the O(N) Newton systems of the implicit radial stepper.
//
// Row i of the n×n matrix holds columns i−kl … i+ku+kl: the extra kl columns take the fill-in that
// row interchanges bring. Entry (i, j) lives at data[i·W + (j − i + kl)], W = 2kl + ku + 1.

export class BandedMatrix {
  readonly n: number;
  readonly kl: number;
  readonly ku: number;
  readonly width: number;
  readonly data: Float64Array;
  private readonly lower: Float64Array;
  private readonly pivots: Int32Array;
  private factored = false;

  constructor(n: number, kl: number, ku: number) {
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    this.width = 2 * kl + ku + 1;
    this.data = new Float64Array(n * this.width);
    this.lower = new Float64Array(n * kl);
    this.pivots = new Int32Array(n);
  }

  clear(): void {
    this.data.fill(0);
    this.factored = false;
  }

  /** Adds v to entry (i, j); |j − i| must lie within the band (−kl … ku). */
  add(i: number, j: number, v: number): void {
    const o = j - i + this.kl;
    if (o < 0 || j - i > this.ku) throw new Error(`banded matrix: (${i}, ${j}) outside the band`);
    this.data[i * this.width + o]! += v;
  }

  /**
   * Equilibrates the (unfactored) matrix: A ← R A C with C = diag(colScale) given and R chosen so
   * that every row has largest entry 1. Writes R into rowScale. Then A x = b becomes
   * (R A C) y = R b, x = C y.
   */
  equilibrate(colScale: Float64Array, rowScale: Float64Array): void {
    const { n, kl, ku, width: W, data: a } = this;
    for (let i = 0; i < n; i++) {
      const row = i * W - i + kl;
      const j0 = Math.max(0, i - kl);
      const j1 = Math.min(n - 1, i + ku);
      let big = 0;
      for (let j = j0; j <= j1; j++) {
        const v = a[row + j]! * colScale[j]!;
        a[row + j] = v;
        if (Math.abs(v) > big) big = Math.abs(v);
      }
      const r = big > 0 ? 1 / big : 1;
      rowScale[i] = r;
      for (let j = j0; j <= j1; j++) a[row + j]! *= r;
    }
  }

  /** In-place LU with partial pivoting. Throws on an exactly singular pivot. */
  factor(): void {
    const { n, kl, ku, width: W, data: a, lower } = this;
    for (let j = 0; j < n; j++) {
      const iMax = Math.min(n - 1, j + kl);
      let p = j;
      let best = Math.abs(a[j * W + kl]!);
      for (let i = j + 1; i <= iMax; i++) {
        const v = Math.abs(a[i * W + (j - i + kl)]!);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      this.pivots[j] = p;
      if (best === 0 || !Number.isFinite(best)) throw new Error(`banded LU: singular or invalid pivot at column ${j}`);
      const cMax = Math.min(n - 1, j + ku + kl);
      if (p !== j) {
        for (let c = j; c <= cMax; c++) {
          const ij = j * W + (c - j + kl);
          const ip = p * W + (c - p + kl);
          const t = a[ij]!;
          a[ij] = a[ip]!;
          a[ip] = t;
        }
      }
      const piv = a[j * W + kl]!;
      const rowJ = j * W - j + kl; // + c gives entry (j, c)
      for (let i = j + 1; i <= iMax; i++) {
        const rowI = i * W - i + kl;
        const l = a[rowI + j]! / piv;
        lower[j * kl + (i - j - 1)] = l;
        a[rowI + j] = 0;
        if (l !== 0) for (let c = j + 1; c <= cMax; c++) a[rowI + c]! -= l * a[rowJ + c]!;
      }
    }
    this.factored = true;
  }

  /** Solves A x = b in place (b is overwritten by x) after factor(). */
  solve(b: Float64Array): Float64Array {
    if (!this.factored) throw new Error('banded LU: solve before factor');
    const { n, kl, ku, width: W, data: a, lower, pivots } = this;
    for (let j = 0; j < n; j++) {
      const p = pivots[j]!;
      if (p !== j) {
        const t = b[j]!;
        b[j] = b[p]!;
        b[p] = t;
      }
      const bj = b[j]!;
      if (bj !== 0) {
        const iMax = Math.min(n - 1, j + kl);
        for (let i = j + 1; i <= iMax; i++) b[i]! -= lower[j * kl + (i - j - 1)]! * bj;
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      const row = i * W - i + kl;
      const cMax = Math.min(n - 1, i + ku + kl);
      let s = b[i]!;
      for (let c = i + 1; c <= cMax; c++) s -= a[row + c]! * b[c]!;
      b[i] = s / a[row + i]!;
    }
    return b;
  }
}

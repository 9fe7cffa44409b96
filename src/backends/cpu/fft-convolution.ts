// The native CPU backend's convolutions: the direct reference's discrete sums by zero-padded FFT in
// f64, O(m³ log m) with m = fftSize(N), on one thread or a pool of worker threads (the passes are in
// fft/fft-workspace.ts). The kernel spectra are computed once, with the physical scale and the 1/m³
// of the inverse transform folded in. One evaluation: pack the N³ sources into the box of the padded
// grid → forward transform of 4 complex fields → products → inverse transform of 6 → read the box.
import type { Grid } from '../../core/grid/grid.js';
import type { KernelTable } from '../../core/kernel/kernel-table.js';
import type { Convolved, CpuConvolution, Sources } from './convolution.js';
import { INPUT_FIELDS, OUTPUT_FIELDS, Pass, Products, type PassSpec } from './fft/fft-workspace.js';
import type { PassRunner } from './fft/pass-runner.js';

const KERNEL_FIELDS = 3;

export class FftConvolution implements CpuConvolution {
  readonly name = 'fft' as const;
  private readonly m: number;
  private readonly m3: number;
  /** Padded-grid index of every cell of the N³ box. */
  private readonly boxIndex: Int32Array;

  constructor(
    private readonly grid: Grid,
    table: KernelTable,
    scale: number,
    private readonly interior: Int32Array,
    private readonly runner: PassRunner,
  ) {
    const ws = runner.workspace;
    this.m = ws.m;
    this.m3 = ws.m3;
    this.boxIndex = new Int32Array(grid.cells);
    for (let c = 0; c < grid.cells; c++) {
      const [ix, iy, iz] = grid.coords(c);
      this.boxIndex[c] = (ix * this.m + iy) * this.m + iz;
    }
    this.kernelSpectra(table, scale / this.m3);
  }

  get threads(): number {
    return this.runner.threads;
  }

  convolve(src: Sources, out: Convolved): void {
    const { inRe, inIm } = this.runner.workspace.arrays;
    const { m3, boxIndex } = this;
    const { F, P, M } = src;
    // (χF + i p⁺x), (p⁺y + i p⁺z), (p⁻x + i p⁻y), (p⁻z + i 0): the pairing the products expect.
    for (let c = 0; c < boxIndex.length; c++) {
      const t = boxIndex[c]!;
      inRe[t] = F[c]!;
      inIm[t] = P[3 * c]!;
      inRe[m3 + t] = P[3 * c + 1]!;
      inIm[m3 + t] = P[3 * c + 2]!;
      inRe[2 * m3 + t] = M[3 * c]!;
      inIm[2 * m3 + t] = M[3 * c + 1]!;
      inRe[3 * m3 + t] = M[3 * c + 2]!;
      inIm[3 * m3 + t] = 0;
    }
    this.transform(INPUT_FIELDS, OUTPUT_FIELDS, Products.Flux);
    const { outRe, outIm } = this.runner.workspace.arrays;
    const { A, Bp, Bm } = out;
    for (const c of this.interior) {
      const t = boxIndex[c]!;
      A[6 * c] = outRe[t]!;
      A[6 * c + 1] = outIm[t]!;
      A[6 * c + 2] = outRe[m3 + t]!;
      A[6 * c + 3] = outIm[m3 + t]!;
      A[6 * c + 4] = outRe[2 * m3 + t]!;
      A[6 * c + 5] = outIm[2 * m3 + t]!;
      // (B⁺x, B⁺y), (B⁺z, B⁻x), (B⁻y, B⁻z).
      Bp[3 * c] = outRe[3 * m3 + t]!;
      Bp[3 * c + 1] = outIm[3 * m3 + t]!;
      Bp[3 * c + 2] = outRe[4 * m3 + t]!;
      Bm[3 * c] = outIm[4 * m3 + t]!;
      Bm[3 * c + 1] = outRe[5 * m3 + t]!;
      Bm[3 * c + 2] = outIm[5 * m3 + t]!;
    }
  }

  diffusion(f: Float64Array, out: Float64Array): void {
    const { inRe, inIm, outRe, outIm } = this.runner.workspace.arrays;
    const { m3, boxIndex } = this;
    for (let c = 0; c < boxIndex.length; c++) {
      inRe[boxIndex[c]!] = f[c]!;
      inIm[boxIndex[c]!] = 0;
    }
    this.transform(1, 3, Products.Diffusion);
    for (let c = 0; c < boxIndex.length; c++) {
      const t = boxIndex[c]!;
      for (let k = 0; k < 3; k++) {
        out[6 * c + 2 * k] = outRe[k * m3 + t]!;
        out[6 * c + 2 * k + 1] = outIm[k * m3 + t]!;
      }
    }
  }

  dispose(): void {
    this.runner.dispose();
  }

  /** Forward transform of the packed box, products, inverse transform back to the box (z and the products in one pass). */
  private transform(inputs: number, outputs: number, products: Products): void {
    const n = this.grid.n;
    const run = (pass: Pass, fields: number) => this.runner.run({ pass, fields, extent: n, products } satisfies PassSpec);
    run(Pass.ForwardX, inputs);
    run(Pass.ForwardY, inputs);
    run(Pass.Spectral, 0);
    run(Pass.InverseY, outputs);
    run(Pass.InverseX, outputs);
  }

  /**
   * Ŵ_ab, real (W is even), from a forward transform of the whole padded grid: offset d sits at
   * d mod m for |d_k| < N (the table's range) and the grid is zero elsewhere.
   */
  private kernelSpectra(table: KernelTable, factor: number): void {
    const { m, m3 } = this;
    const { n, weights: w } = table;
    const { inRe, inIm, spectra } = this.runner.workspace.arrays;
    inRe.fill(0, 0, KERNEL_FIELDS * m3);
    inIm.fill(0, 0, KERNEL_FIELDS * m3);
    const signed = (p: number) => (p < m / 2 ? p : p - m);
    for (let x = 0; x < m; x++) {
      const dx = signed(x);
      if (Math.abs(dx) >= n) continue;
      for (let y = 0; y < m; y++) {
        const dy = signed(y);
        if (Math.abs(dy) >= n) continue;
        for (let z = 0; z < m; z++) {
          const dz = signed(z);
          if (Math.abs(dz) >= n) continue;
          const t = (x * m + y) * m + z;
          const b = ((Math.abs(dx) * n + Math.abs(dy)) * n + Math.abs(dz)) * 6;
          inRe[t] = w[b]! * factor;
          inIm[t] = w[b + 1]! * factor;
          inRe[m3 + t] = w[b + 2]! * factor;
          inIm[m3 + t] = ((dx ^ dy) < 0 ? -w[b + 3]! : w[b + 3]!) * factor;
          inRe[2 * m3 + t] = ((dx ^ dz) < 0 ? -w[b + 4]! : w[b + 4]!) * factor;
          inIm[2 * m3 + t] = ((dy ^ dz) < 0 ? -w[b + 5]! : w[b + 5]!) * factor;
        }
      }
    }
    for (const pass of [Pass.ForwardX, Pass.ForwardY, Pass.ForwardZ]) {
      this.runner.run({ pass, fields: KERNEL_FIELDS, extent: m, products: Products.Flux });
    }
    // (Wxx + i Wyy) → Ŵxx, Ŵyy; (Wzz + i Wxy) → Ŵzz, Ŵxy; (Wxz + i Wyz) → Ŵxz, Ŵyz.
    for (let k = 0; k < KERNEL_FIELDS; k++) {
      spectra.set(inRe.subarray(k * m3, (k + 1) * m3), 2 * k * m3);
      spectra.set(inIm.subarray(k * m3, (k + 1) * m3), (2 * k + 1) * m3);
    }
  }
}

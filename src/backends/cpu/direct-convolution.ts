// The f64 reference convolutions: every pair of cells summed directly, O(N⁶). The oracle that the
// FFT paths (CPU f64 and WGSL) are tested against.
import type { Grid } from '../../core/grid/grid.js';
import type { KernelTable } from '../../core/kernel/kernel-table.js';
import type { Convolved, CpuConvolution, Sources } from './convolution.js';

export class DirectConvolution implements CpuConvolution {
  readonly name = 'direct' as const;
  readonly threads = 1;

  /** scale: the physical weight of one table unit (kernelScale). */
  constructor(
    private readonly grid: Grid,
    private readonly table: KernelTable,
    private readonly scale: number,
    private readonly interior: Int32Array,
  ) {}

  diffusion(f: Float64Array, out: Float64Array): void {
    const { n, cells } = this.grid;
    const w = this.table.weights;
    const scale = this.scale;
    for (let i = 0; i < cells; i++) {
      const [ix, iy, iz] = this.grid.coords(i);
      let axx = 0, ayy = 0, azz = 0, axy = 0, axz = 0, ayz = 0;
      for (let j = 0; j < cells; j++) {
        // Grid.coords inlined: this is the N⁶ loop.
        const dx = ix - ((j / (n * n)) | 0);
        const dy = iy - (((j / n) | 0) % n);
        const dz = iz - (j % n);
        const b = ((Math.abs(dx) * n + Math.abs(dy)) * n + Math.abs(dz)) * 6;
        const fj = f[j]!;
        axx += w[b]! * fj;
        ayy += w[b + 1]! * fj;
        azz += w[b + 2]! * fj;
        axy += ((dx ^ dy) < 0 ? -w[b + 3]! : w[b + 3]!) * fj;
        axz += ((dx ^ dz) < 0 ? -w[b + 4]! : w[b + 4]!) * fj;
        ayz += ((dy ^ dz) < 0 ? -w[b + 5]! : w[b + 5]!) * fj;
      }
      out.set([axx * scale, ayy * scale, azz * scale, axy * scale, axz * scale, ayz * scale], i * 6);
    }
  }

  convolve(src: Sources, out: Convolved): void {
    const n = this.grid.n;
    const scale = this.scale;
    const w = this.table.weights;
    const interior = this.interior;
    const { F: srcF, P: srcP, M: srcM } = src;
    for (const i of interior) {
      const [ix, iy, iz] = this.grid.coords(i);
      let axx = 0, ayy = 0, azz = 0, axy = 0, axz = 0, ayz = 0;
      let bpx = 0, bpy = 0, bpz = 0, bmx = 0, bmy = 0, bmz = 0;
      for (const j of interior) {
        // Grid.coords inlined: this is the N⁶ loop.
        const dx = ix - ((j / (n * n)) | 0);
        const dy = iy - (((j / n) | 0) % n);
        const dz = iz - (j % n);
        const b = ((Math.abs(dx) * n + Math.abs(dy)) * n + Math.abs(dz)) * 6;
        const wxx = w[b]!, wyy = w[b + 1]!, wzz = w[b + 2]!;
        const wxy = (dx ^ dy) < 0 ? -w[b + 3]! : w[b + 3]!;
        const wxz = (dx ^ dz) < 0 ? -w[b + 4]! : w[b + 4]!;
        const wyz = (dy ^ dz) < 0 ? -w[b + 5]! : w[b + 5]!;
        const fj = srcF[j]!;
        axx += wxx * fj; ayy += wyy * fj; azz += wzz * fj;
        axy += wxy * fj; axz += wxz * fj; ayz += wyz * fj;
        const px = srcP[j * 3]!, py = srcP[j * 3 + 1]!, pz = srcP[j * 3 + 2]!;
        const mx = srcM[j * 3]!, my = srcM[j * 3 + 1]!, mz = srcM[j * 3 + 2]!;
        const cx = 0.5 * (px + mx), cy = 0.5 * (py + my), cz = 0.5 * (pz + mz);
        // The off-diagonal part of W on p̄, shared by both signs.
        const ox = wxy * cy + wxz * cz;
        const oy = wxy * cx + wyz * cz;
        const oz = wxz * cx + wyz * cy;
        bpx += wxx * px + ox; bpy += wyy * py + oy; bpz += wzz * pz + oz;
        bmx += wxx * mx + ox; bmy += wyy * my + oy; bmz += wzz * mz + oz;
      }
      out.A.set([axx * scale, ayy * scale, azz * scale, axy * scale, axz * scale, ayz * scale], i * 6);
      out.Bp.set([bpx * scale, bpy * scale, bpz * scale], i * 3);
      out.Bm.set([bmx * scale, bmy * scale, bmz * scale], i * 3);
    }
  }

  dispose(): void {}
}

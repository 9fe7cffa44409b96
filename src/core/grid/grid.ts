// Uniform cell-centred grid of N³ cells on [−L, L]³ (docs/mathematics.md §4). Cell (ix, iy, iz) is stored at
// index (ix·N + iy)·N + iz, i.e. C order with axes (v_x, v_y, v_z), the layout of every field and .npy file.

export interface GridSpec {
  n: number;
  L: number;
}

export class Grid {
  readonly n: number;
  readonly L: number;
  readonly h: number;
  readonly cells: number;
  readonly cellVolume: number;
  /** Cell-centre coordinate along one axis, shared by all three. */
  readonly axis: Float64Array;

  constructor(spec: GridSpec) {
    this.n = spec.n;
    this.L = spec.L;
    this.h = (2 * spec.L) / spec.n;
    this.cells = spec.n ** 3;
    this.cellVolume = this.h ** 3;
    this.axis = new Float64Array(spec.n);
    for (let i = 0; i < spec.n; i++) this.axis[i] = -spec.L + (i + 0.5) * this.h;
  }

  index(ix: number, iy: number, iz: number): number {
    return (ix * this.n + iy) * this.n + iz;
  }

  /** Fills a field with g(vx, vy, vz) sampled at the cell centres. */
  sample(g: (vx: number, vy: number, vz: number) => number): Float64Array {
    const out = new Float64Array(this.cells);
    const a = this.axis;
    let c = 0;
    for (let ix = 0; ix < this.n; ix++)
      for (let iy = 0; iy < this.n; iy++) for (let iz = 0; iz < this.n; iz++) out[c++] = g(a[ix]!, a[iy]!, a[iz]!);
    return out;
  }
}

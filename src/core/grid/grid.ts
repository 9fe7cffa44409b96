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

  /** Axis indices (ix, iy, iz) of cell c (the N⁶ loops of the direct sums inline this). */
  coords(c: number): [number, number, number] {
    const n = this.n;
    return [(c / (n * n)) | 0, ((c / n) | 0) % n, c % n];
  }

  /** Velocity at the centre of cell c. */
  velocity(c: number): [number, number, number] {
    const [ix, iy, iz] = this.coords(c);
    return [this.axis[ix]!, this.axis[iy]!, this.axis[iz]!];
  }

  /** |v|² at the centre of cell c. */
  speed2(c: number): number {
    const [ix, iy, iz] = this.coords(c);
    return this.axis[ix]! ** 2 + this.axis[iy]! ** 2 + this.axis[iz]! ** 2;
  }

  /** Visits every cell in storage order with its index and axis indices. */
  forEachCell(visit: (c: number, ix: number, iy: number, iz: number) => void): void {
    const n = this.n;
    let c = 0;
    for (let ix = 0; ix < n; ix++) for (let iy = 0; iy < n; iy++) for (let iz = 0; iz < n; iz++) visit(c++, ix, iy, iz);
  }

  /** Fills a field with g(vx, vy, vz) sampled at the cell centres. */
  sample(g: (vx: number, vy: number, vz: number) => number): Float64Array {
    const out = new Float64Array(this.cells);
    const a = this.axis;
    this.forEachCell((c, ix, iy, iz) => (out[c] = g(a[ix]!, a[iy]!, a[iz]!)));
    return out;
  }
}

// The weighted space L²_M of [GW24] on the grid: the inner product (f, g)_M = ∫ f g M⁻¹, the
// dissipation D_M(g) = ∫ (⟨v⟩⁻¹ g² + ⟨v⟩⁻³ |∇g|²) M⁻¹ of (2.18), and the L²_M-orthogonal projection
// off the kernel span{M, v M, |v|² M} of L_M (2.19).
//
// Sums run over a set S of interior cells (where both one-sided differences exist): all of them, or a
// ball |v| ≤ R_w — the weight M⁻¹ grows like e^{|v|²/2}, so on data from a run the tail cells, where F
// is f32 round-off, would otherwise decide every weighted quantity. |∇g|² is the mean of the squared
// forward and backward differences, the gradient of the operator's discretisation.
import type { Grid } from '../../core/grid/grid.js';

/** A weighted L² space over a set of interior cells; the weight w is M for L²_M, μ_T for L²_μ. */
export class WeightedSpace {
  /** Cells of S, ascending. */
  readonly cells: Int32Array;
  private readonly invWeight: Float64Array;
  /** The kernel fields restricted to S, orthonormal in this space, built on first use. */
  private basis: Float64Array[] | null = null;

  /** weight: the positive reference on the grid; radius: restrict S to |v| ≤ radius. */
  constructor(
    readonly grid: Grid,
    readonly weight: Float64Array,
    radius = Infinity,
  ) {
    const { n, axis } = grid;
    const cells: number[] = [];
    for (let ix = 1; ix < n - 1; ix++)
      for (let iy = 1; iy < n - 1; iy++)
        for (let iz = 1; iz < n - 1; iz++) {
          const c = grid.index(ix, iy, iz);
          // Cells where the weight underflows (a narrow Maxwellian far out) carry no information.
          if (Math.hypot(axis[ix]!, axis[iy]!, axis[iz]!) <= radius && weight[c]! > 1e-300) cells.push(c);
        }
    this.cells = Int32Array.from(cells);
    this.invWeight = weight.map((m) => 1 / m);
  }

  /** f on S, zero elsewhere. */
  restrict(f: ArrayLike<number>): Float64Array {
    const out = new Float64Array(f.length);
    for (const c of this.cells) out[c] = f[c]!;
    return out;
  }

  inner(f: ArrayLike<number>, g: ArrayLike<number>): number {
    let sum = 0;
    for (const c of this.cells) sum += f[c]! * g[c]! * this.invWeight[c]!;
    return sum * this.grid.cellVolume;
  }

  norm(f: ArrayLike<number>): number {
    return Math.sqrt(this.inner(f, f));
  }

  /** D_M(g) of (2.18) over S. */
  dissipation(g: ArrayLike<number>): number {
    return this.integrate(g, (v2, gc, grad2) => {
      const bracket = Math.sqrt(1 + v2);
      return gc * gc / bracket + grad2 / bracket ** 3;
    });
  }

  /** ∫ ⟨v⟩⁻³ |∇g|² w⁻¹ over S (the gradient part of D_M). */
  gradientTerm(g: ArrayLike<number>): number {
    return this.integrate(g, (v2, _gc, grad2) => grad2 / (1 + v2) ** 1.5);
  }

  /** ∫ density(|v|², g, |∇g|²) w⁻¹ over S. */
  integrate(g: ArrayLike<number>, density: (v2: number, g: number, grad2: number) => number): number {
    const { n, h } = this.grid;
    const strides = [n * n, n, 1];
    let sum = 0;
    for (const c of this.cells) {
      const v2 = this.grid.speed2(c);
      let grad2 = 0;
      for (const s of strides) {
        const up = (g[c + s]! - g[c]!) / h;
        const down = (g[c]! - g[c - s]!) / h;
        grad2 += 0.5 * (up * up + down * down);
      }
      sum += density(v2, g[c]!, grad2) * this.invWeight[c]!;
    }
    return sum * this.grid.cellVolume;
  }

  /** P⊥g: g minus its L²_M-orthogonal projection (over S) onto span{pM : p = 1, v₁, v₂, v₃, |v|²}. */
  projectOffKernel(g: ArrayLike<number>): Float64Array {
    // The kernel fields restricted to S, so that P⊥ keeps a field supported in S supported in S.
    this.basis ??= orthonormalise(this, kernelFields(this.grid, this.weight).map((f) => this.restrict(f)));
    const out = Float64Array.from(g);
    for (const b of this.basis) {
      const c = this.inner(out, b);
      for (let i = 0; i < out.length; i++) out[i]! -= c * b[i]!;
    }
    return out;
  }
}

/** The kernel fields pM for p = 1, v₁, v₂, v₃, |v|² (M: the weight). */
export function kernelFields(grid: Grid, m: Float64Array): Float64Array[] {
  const polys = [
    () => 1,
    (x: number) => x,
    (_x: number, y: number) => y,
    (_x: number, _y: number, z: number) => z,
    (x: number, y: number, z: number) => x * x + y * y + z * z,
  ];
  return polys.map((p) => {
    const field = grid.sample(p);
    for (let c = 0; c < field.length; c++) field[c]! *= m[c]!;
    return field;
  });
}

/** Modified Gram–Schmidt, twice, in the space's inner product. */
function orthonormalise(space: WeightedSpace, fields: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const f of fields) {
    const g = Float64Array.from(f);
    for (let pass = 0; pass < 2; pass++) {
      for (const b of out) {
        const c = space.inner(g, b);
        for (let i = 0; i < g.length; i++) g[i]! -= c * b[i]!;
      }
    }
    const norm = space.norm(g);
    for (let i = 0; i < g.length; i++) g[i]! /= norm;
    out.push(g);
  }
  return out;
}

// The best constant of Lemma 2.4, c̄0 = min { −(L_M g, g)_M / D_M(g) : g ⊥_M ker L_M }, as the
// smallest eigenvalue of a symmetric pencil, computed by LOBPCG with the operator's L_M as mat-vec.
//
// Unknowns are ψ = g/√M on the interior cells V (g = 0 outside V), so that (·,·)_M becomes the
// Euclidean product: K ψ = −M^{−1/2} L_M(√M ψ) and ψᵀBψ = D_M(√M ψ) (cell volume dropped from both).
// The kernel of L_M becomes span{p√M}, the constraint space. The preconditioner is (K_loc + B)⁻¹ by
// a few conjugate-gradient steps, with K_loc the local part ∫ M ∇uᵀA[M]∇u (u = g/M) of the form,
// whose coefficients are the closed-form eigenvalues of A[M].
import type { Grid } from '../../core/grid/grid.js';
import { lambdaRadial, lambdaTangential, maxwellian } from '../../core/math/closed-forms.js';
import type { LandauOperator } from '../../backends/landau-operator.js';
import { linearised } from '../../diagnostics/coercivity/linearised.js';
import { dot, lobpcg, type LobpcgOptions, type LobpcgResult } from './lobpcg.js';
import { kernelFields, WeightedSpace } from '../../diagnostics/coercivity/weighted-space.js';

export interface BestConstant {
  n: number;
  cbar0: number;
  /** The next Ritz values of the block (how isolated c̄0 is). */
  ritzValues: number[];
  iterations: number;
  converged: boolean;
  residual: number;
  /** Smallest Ritz value after each iteration. */
  history: number[];
  /** Mat-vecs with L_M (two bilinear evaluations each). */
  matvecs: number;
}

export async function bestCoercivityConstant(op: LandauOperator, options: LobpcgOptions = {}): Promise<BestConstant> {
  const pencil = new CoercivityPencil(op);
  const result: LobpcgResult = await lobpcg(
    {
      size: pencil.size,
      applyA: async (block) => {
        const out: Float64Array[] = [];
        for (const x of block) out.push(await pencil.applyK(x));
        return out;
      },
      applyB: (block) => block.map((x) => pencil.applyB(x)),
      precondition: (r) => pencil.precondition(r),
      constraints: pencil.constraints(),
    },
    { blockSize: 3, tolerance: 1e-4, maxIterations: 150, ...options },
  );
  return {
    n: op.grid.n,
    cbar0: result.values[0]!,
    ritzValues: result.values,
    iterations: result.iterations,
    converged: result.converged,
    residual: result.residuals[0]!,
    history: result.history,
    matvecs: pencil.matvecs,
  };
}

/** The pencil (K, B) in ψ variables on the interior cells. */
export class CoercivityPencil {
  readonly grid: Grid;
  readonly size: number;
  readonly m: Float64Array;
  readonly space: WeightedSpace;
  matvecs = 0;
  private readonly sqrtM: Float64Array;
  /** Per interior cell (in V order): ⟨v⟩⁻¹/M of D_M, and the symmetric gradient coefficients
   *  [xx, yy, zz, xy, xz, yz] of D_M (½⟨v⟩⁻³/M · I) and of K_loc (M·A[M]). */
  private readonly w0: Float64Array;
  private readonly gradB: Float64Array;
  private readonly localA: Float64Array;
  /** Index in V of every grid cell, −1 outside. */
  private readonly position: Int32Array;
  private readonly diagonal: Float64Array;

  constructor(private readonly op: LandauOperator) {
    const grid = (this.grid = op.grid);
    this.m = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
    this.sqrtM = this.m.map(Math.sqrt);
    this.space = new WeightedSpace(grid, this.m);
    const cells = this.space.cells;
    this.size = cells.length;
    this.w0 = new Float64Array(this.size);
    this.gradB = new Float64Array(this.size * 6);
    this.localA = new Float64Array(this.size * 6);
    this.position = new Int32Array(grid.cells).fill(-1);
    cells.forEach((c, k) => {
      this.position[c] = k;
      const v = this.velocity(c);
      const r = Math.hypot(...v);
      const bracket = Math.sqrt(1 + r * r);
      this.w0[k] = 1 / (bracket * this.m[c]!);
      this.gradB.fill(0.5 / (bracket ** 3 * this.m[c]!), k * 6, k * 6 + 3);
      // A[M] = λ1 v̂v̂ᵀ + λ2 (I − v̂v̂ᵀ)
      const l1 = lambdaRadial(r);
      const l2 = lambdaTangential(r);
      const e = r > 0 ? v.map((x) => x / r) : [0, 0, 0];
      const pairs = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]] as const;
      pairs.forEach(([a, b], j) => {
        this.localA[k * 6 + j] = this.m[c]! * ((a === b ? l2 : 0) + (l1 - l2) * e[a]! * e[b]!);
      });
    });
    this.diagonal = this.preconditionerDiagonal();
  }

  /** K ψ = −M^{−1/2} L_M(√M ψ) on V, with the cell volume dropped. */
  async applyK(x: Float64Array): Promise<Float64Array> {
    const g = this.scatter(x, this.sqrtM);
    const lg = await linearised(this.op, this.m, g);
    this.matvecs++;
    return Float64Array.from(this.space.cells, (c) => -lg[c]! / this.sqrtM[c]!);
  }

  /** B ψ with ψᵀBψ = D_M(√M ψ) / h³. */
  applyB(x: Float64Array): Float64Array {
    const g = this.scatter(x, this.sqrtM);
    const grad = this.gradientForm(g, this.gradB);
    return Float64Array.from(this.space.cells, (c, k) => this.sqrtM[c]! * (this.w0[k]! * g[c]! + grad[c]!));
  }

  /** K_loc ψ: the local part of K, ψ → M^{−1/2} Σ± (D±)ᵀ M A[M] D± (ψ/√M). */
  applyLocal(x: Float64Array): Float64Array {
    const u = this.scatter(x, this.sqrtM.map((s) => 1 / s));
    const grad = this.gradientForm(u, this.localA);
    return Float64Array.from(this.space.cells, (c) => grad[c]! / this.sqrtM[c]!);
  }

  /** (K_loc + B)⁻¹ r by Jacobi-preconditioned conjugate gradients (a fixed, small number of steps). */
  precondition(r: Float64Array, steps = 25): Float64Array {
    const apply = (x: Float64Array) => {
      const a = this.applyLocal(x);
      const b = this.applyB(x);
      for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
      return a;
    };
    const x = new Float64Array(r.length);
    const res = Float64Array.from(r);
    const z = res.map((e, i) => e / this.diagonal[i]!);
    const p = Float64Array.from(z);
    let rz = dot(res, z);
    const stop = 1e-3 * Math.sqrt(dot(r, r));
    for (let it = 0; it < steps && Math.sqrt(dot(res, res)) > stop; it++) {
      const ap = apply(p);
      const alpha = rz / dot(p, ap);
      for (let i = 0; i < x.length; i++) {
        x[i]! += alpha * p[i]!;
        res[i]! -= alpha * ap[i]!;
      }
      for (let i = 0; i < z.length; i++) z[i] = res[i]! / this.diagonal[i]!;
      const next = dot(res, z);
      for (let i = 0; i < p.length; i++) p[i] = z[i]! + (next / rz) * p[i]!;
      rz = next;
    }
    return x;
  }

  /** The kernel of K: p√M on V for p = 1, v₁, v₂, v₃, |v|². */
  constraints(): Float64Array[] {
    return kernelFields(this.grid, this.sqrtM).map((f) => Float64Array.from(this.space.cells, (c) => f[c]!));
  }

  /** ψ on V → the grid field g = scale·ψ, zero outside V. */
  scatter(x: ArrayLike<number>, scale: Float64Array): Float64Array {
    const g = new Float64Array(this.grid.cells);
    this.space.cells.forEach((c, k) => (g[c] = scale[c]! * x[k]!));
    return g;
  }

  /**
   * Σ± (D±)ᵀ C D± u on the grid for a field u: one-sided differences at the cells of V, the
   * coefficient C applied per cell (k: index in V), then the transposed differences.
   */
  private gradientForm(u: Float64Array, coefficient: Float64Array): Float64Array {
    const { n, h } = this.grid;
    const strides = [n * n, n, 1];
    const out = new Float64Array(this.grid.cells);
    this.space.cells.forEach((c, k) => {
      const up = strides.map((s) => (u[c + s]! - u[c]!) / h);
      const down = strides.map((s) => (u[c]! - u[c - s]!) / h);
      const wu = symApply(coefficient, k, up);
      const wd = symApply(coefficient, k, down);
      strides.forEach((s, a) => {
        out[c + s]! += wu[a]! / h;
        out[c]! -= wu[a]! / h;
        out[c]! += wd[a]! / h;
        out[c - s]! -= wd[a]! / h;
      });
    });
    return out;
  }

  /** Diagonal of K_loc + B, from the stencil: the ∂²/∂u_c² of each one-sided difference term. */
  private preconditionerDiagonal(): Float64Array {
    const { n, h } = this.grid;
    const strides = [n * n, n, 1];
    const diag = new Float64Array(this.size);
    const formDiagonal = (coefficient: Float64Array, c: number, k: number) => {
      const o = k * 6;
      // the cell's own forward and backward differences depend on u_c in every component
      let sum = 2 * (coefficient[o]! + coefficient[o + 1]! + coefficient[o + 2]! + 2 * (coefficient[o + 3]! + coefficient[o + 4]! + coefficient[o + 5]!));
      strides.forEach((s, a) => {
        for (const neighbour of [c - s, c + s]) {
          const j = this.position[neighbour]!;
          if (j >= 0) sum += coefficient[j * 6 + a]!;
        }
      });
      return sum / (h * h);
    };
    this.space.cells.forEach((c, k) => {
      diag[k] = formDiagonal(this.localA, c, k) / this.m[c]! + this.m[c]! * (this.w0[k]! + formDiagonal(this.gradB, c, k));
    });
    return diag;
  }

  private velocity(c: number): [number, number, number] {
    return this.grid.velocity(c);
  }
}

function symApply(m: Float64Array, k: number, d: number[]): number[] {
  const o = k * 6;
  return [
    m[o]! * d[0]! + m[o + 3]! * d[1]! + m[o + 4]! * d[2]!,
    m[o + 3]! * d[0]! + m[o + 1]! * d[1]! + m[o + 5]! * d[2]!,
    m[o + 4]! * d[0]! + m[o + 5]! * d[1]! + m[o + 2]! * d[2]!,
  ];
}

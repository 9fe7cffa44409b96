// The compact core of the order-8 differences (log-gradient.ts) along the grid's lines: which rows
// are compact, with what weight, and the tridiagonal systems that finish their differences and
// transposes. On a line the centred parts solve P C = D̃ f: P is the identity on explicit rows and
// has α at both neighbours of a compact row; D̃ is each row's right-hand side (the centred part
// (G⁺ + G⁻)/2 of its table). A compact row i blends its solution with the explicit order-8 centred
// difference C₈, C_i = θ_i (P⁻¹D̃ f)_i + (1 − θ_i)(C₈ f)_i, θ_i ∈ (0, 1] falling smoothly to 0 at the
// core's edge (coreWeight): a sudden change of scheme would put the jump of the two truncation
// errors under the divergence, an error of order h⁻¹ times theirs. The members are G± = C ∓ E, E
// the rows' upwind part (G⁻ − G⁺)/2, each row exact on quadratics. Transposed,
//   Σ_± (G±)ᵀJ± = D̃ᵀ P⁻ᵀ(θ∘S) + C₈ᵀ((1 − θ)∘S) − EᵀU,  S = J⁺ + J⁻, U = J⁺ − J⁻ (θ = 1 on explicit rows):
// the table's face form applied to J'± = (Y ± U)/2 with Pᵀ Y = θ∘S, plus the face form of C₈ on
// the blend fluxes (1 − θ)∘S of the compact rows. Lines without compact rows are left untouched, so
// operators of order 2 … 6, and order 8 outside the core, are the explicit pairs bit for bit.
// The CPU operator calls these; compact_gradient.wgsl and compact_flux.wgsl do the same on the GPU.
import { COMPACT_ALPHA, COMPACT_ROW, coreWeight, EDGE_BAND, edgeWeight, MAX_HALF_ORDER, type GradientOrder } from './log-gradient.js';

/** The signed centred part (G⁺ + G⁻)/2 and upwind part (G⁻ − G⁺)/2 (times h) of row id at offset o (row-stencils.ts). */
export interface RowWeights {
  readonly reach: number;
  centred(id: number, o: number): number;
  upwind(id: number, o: number): number;
}

const EIGHT = MAX_HALF_ORDER;

export class CompactLines {
  /** Whether this order has a compact core at all (order 8). */
  readonly active: boolean;
  /** θ per cell and axis (index c·3 + axis): the compact share of each compact row, 0 elsewhere. */
  readonly theta: Float64Array;
  /** First cell of every line along each axis (coordinate 0 on that axis), and its stride. */
  private readonly bases: Int32Array[];
  private readonly strides: number[];
  /** Per axis and line: whether the last choose() made any of its rows compact. */
  private readonly hasCompact: Uint8Array[];
  private readonly rhs: Float64Array;
  private readonly lower: Float64Array;
  private readonly sup: Float64Array;
  private readonly row: Float64Array;
  /** Per row of the line being chosen: its distance to the edge of the order-8 rows (edgeDistances). */
  private readonly edge: Int32Array;

  constructor(
    readonly n: number,
    order: GradientOrder,
  ) {
    this.active = order === 2 * MAX_HALF_ORDER;
    this.strides = [n * n, n, 1];
    this.theta = new Float64Array(this.active ? n ** 3 * 3 : 0);
    this.bases = this.strides.map((s) => {
      const out = new Int32Array(n * n);
      let k = 0;
      for (let c = 0; c < n ** 3; c++) if (Math.floor(c / s) % n === 0) out[k++] = c;
      return out;
    });
    this.hasCompact = [0, 1, 2].map(() => new Uint8Array(n * n));
    this.rhs = new Float64Array(n);
    this.lower = new Float64Array(n);
    this.sup = new Float64Array(n);
    this.row = new Float64Array(n);
    this.edge = new Int32Array(n);
  }

  /**
   * Makes compact the rows (ids, index c·3 + axis) that hold the full pair of order 8 and have a
   * positive core weight (coreWeight of their log F below the largest over the interior cells), and
   * keeps the weights in theta: the core weight times edgeWeight of the row's distance to the edge
   * of the order-8 rows.
   */
  choose(ids: Uint8Array, lf: ArrayLike<number>): void {
    if (!this.active) return;
    const { n, theta } = this;
    theta.fill(0);
    let top = -Infinity;
    for (let c = 0; c < n ** 3; c++) if (ids[c * 3] !== 0) top = Math.max(top, lf[c]!);
    for (let k = 0; k < 3; k++) {
      const s = this.strides[k]!;
      const flags = this.hasCompact[k]!;
      this.bases[k]!.forEach((base, line) => {
        let any = 0;
        this.edgeDistances(ids, base, s, k);
        for (let i = 1; i < n - 1; i++) {
          const c = base + i * s;
          if (ids[c * 3 + k] !== EIGHT) continue;
          const depthWeight = coreWeight(top - lf[c]!);
          if (depthWeight > 0) {
            ids[c * 3 + k] = COMPACT_ROW;
            theta[c * 3 + k] = depthWeight * edgeWeight(this.edge[i]!);
            any = 1;
          }
        }
        flags[line] = any;
      });
    }
  }

  /**
   * Finishes the differences of a field: plus, minus hold h·G± of every row as its table gives them
   * (a compact row's: D̃ ∓ E); on the compact rows they become h·(C ∓ E). field is what the rows
   * differentiate (log F, or a part of bilinear()'s sources), for C₈.
   */
  solveGradients(ids: Uint8Array, field: ArrayLike<number>, weights: RowWeights, plus: Float64Array, minus: Float64Array): void {
    this.eachCompactLine((base, s, k) => {
      const { n, rhs, theta } = this;
      for (let i = 0; i < n; i++) {
        const x = (base + i * s) * 3 + k;
        rhs[i] = 0.5 * (plus[x]! + minus[x]!);
      }
      this.solve(ids, base, s, k, false);
      for (let i = 1; i < n - 1; i++) {
        const c = base + i * s;
        const x = c * 3 + k;
        if (ids[x] !== COMPACT_ROW) continue;
        let explicit = 0;
        for (let o = -EIGHT; o <= EIGHT; o++) if (o !== 0) explicit += weights.centred(EIGHT, o) * (field[c + o * s]! - field[c]!);
        const centred = theta[x]! * rhs[i]! + (1 - theta[x]!) * explicit;
        const e = 0.5 * (minus[x]! - plus[x]!);
        plus[x] = centred - e;
        minus[x] = centred + e;
      }
    });
  }

  /**
   * Prepares the fluxes J± (index c·3 + axis) for the face form: J'± = (Y ± (J⁺ − J⁻))/2 with
   * Pᵀ Y = θ∘(J⁺ + J⁻), and blend = (1 − θ)(J⁺ + J⁻) on the compact rows (0 elsewhere), whose
   * divergence is C₈'s.
   */
  solveFluxes(ids: Uint8Array, plus: Float64Array, minus: Float64Array, blend: Float64Array): void {
    if (!this.active) return;
    blend.fill(0);
    this.eachCompactLine((base, s, k) => {
      const { n, rhs, theta } = this;
      for (let i = 0; i < n; i++) {
        const x = (base + i * s) * 3 + k;
        const sum = plus[x]! + minus[x]!;
        if (ids[x] === COMPACT_ROW) {
          rhs[i] = theta[x]! * sum;
          blend[x] = (1 - theta[x]!) * sum;
        } else rhs[i] = sum;
      }
      this.solve(ids, base, s, k, true);
      for (let i = 1; i < n - 1; i++) {
        // Y differs from J⁺ + J⁻ only on compact rows and their neighbours.
        if (!this.touches(ids, base, s, k, i)) continue;
        const x = (base + i * s) * 3 + k;
        const u = plus[x]! - minus[x]!;
        plus[x] = 0.5 * (rhs[i]! + u);
        minus[x] = 0.5 * (rhs[i]! - u);
      }
    });
  }

  /**
   * The compact rows' share of the rate bound's couplings, per cell k and axis (index k·3 + axis,
   * zero off compact lines): X_k = Σ_{i compact} Σ_± |G±_ik|·Σ_j|G±_ij|·F_i·r_i with the rows of
   * G± formed exactly, r_i the row's A row sum. Row i of P⁻¹ is the solution of Pᵀx = e_i.
   */
  couplings(ids: Uint8Array, weights: RowWeights, f: ArrayLike<number>, rowSum: ArrayLike<number>, out: Float64Array): void {
    out.fill(0);
    this.eachCompactLine((base, s, k) => {
      const { n, rhs, row, theta } = this;
      const reach = weights.reach;
      for (let i = 1; i < n - 1; i++) {
        const ci = base + i * s;
        if (ids[ci * 3 + k] !== COMPACT_ROW) continue;
        const t = theta[ci * 3 + k]!;
        rhs.fill(0);
        rhs[i] = 1;
        this.solve(ids, base, s, k, true);
        for (const upwind of [-1, 1]) {
          // Row i of G^∓: θ Σ_l x_l D̃_l· + (1 − θ) C₈ ∓ E_i·.
          row.fill(0);
          for (let l = 1; l < n - 1; l++) {
            const x = rhs[l]!;
            if (x === 0) continue;
            const id = ids[(base + l * s) * 3 + k]!;
            for (let o = -reach; o <= reach; o++) if (l + o >= 0 && l + o < n) row[l + o]! += t * x * weights.centred(id, o);
          }
          for (let o = -reach; o <= reach; o++) {
            if (i + o < 0 || i + o >= n) continue;
            row[i + o]! += (1 - t) * weights.centred(EIGHT, o) + upwind * weights.upwind(COMPACT_ROW, o);
          }
          let total = 0;
          for (let j = 0; j < n; j++) if (row[j] !== 0) total += Math.abs(row[j]!) / Math.sqrt(f[base + j * s]!);
          const scale = total * f[ci]! * rowSum[ci]!;
          for (let j = 0; j < n; j++) if (row[j] !== 0) out[(base + j * s) * 3 + k]! += Math.abs(row[j]!) * scale;
        }
      }
    });
  }

  /** Per row i of the line, the cells to the nearest row not of order 8 (or past the line's end), at most EDGE_BAND + 1, into edge. */
  private edgeDistances(ids: Uint8Array, base: number, s: number, k: number): void {
    const { n, edge } = this;
    const cap = EDGE_BAND + 1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      edge[i] = Math.min(i - last, cap);
      if (ids[(base + i * s) * 3 + k] !== EIGHT) last = i;
    }
    last = n;
    for (let i = n - 1; i >= 0; i--) {
      edge[i] = Math.min(edge[i]!, last - i);
      if (ids[(base + i * s) * 3 + k] !== EIGHT) last = i;
    }
  }

  private eachCompactLine(work: (base: number, stride: number, axis: number) => void): void {
    if (!this.active) return;
    for (let k = 0; k < 3; k++) {
      const flags = this.hasCompact[k]!;
      const s = this.strides[k]!;
      this.bases[k]!.forEach((base, line) => {
        if (flags[line]) work(base, s, k);
      });
    }
  }

  /** Whether row i of the line is compact or next to one: where Pᵀ's solution can differ from its right-hand side. */
  private touches(ids: Uint8Array, base: number, s: number, k: number, i: number): boolean {
    for (let j = i - 1; j <= i + 1; j++) if (j >= 0 && j < this.n && ids[(base + j * s) * 3 + k] === COMPACT_ROW) return true;
    return false;
  }

  /** Solves P x = rhs (or Pᵀ x = rhs) along the line in place in rhs: the Thomas algorithm, stable as P is diagonally dominant (2α < 1). */
  private solve(ids: Uint8Array, base: number, s: number, k: number, transposed: boolean): void {
    const { n, rhs, lower, sup } = this;
    const compact = (i: number) => i >= 0 && i < n && ids[(base + i * s) * 3 + k] === COMPACT_ROW;
    for (let i = 0; i < n; i++) {
      // Row i of P has α at i ± 1 when i is compact; row i of Pᵀ has α at i − 1 when i − 1 is, at i + 1 when i + 1 is.
      lower[i] = (transposed ? compact(i - 1) : compact(i)) ? COMPACT_ALPHA : 0;
      sup[i] = (transposed ? compact(i + 1) : compact(i)) ? COMPACT_ALPHA : 0;
    }
    for (let i = 1; i < n; i++) {
      if (lower[i] === 0) continue;
      const m = 1 - lower[i]! * sup[i - 1]!;
      sup[i] = sup[i]! / m;
      rhs[i] = (rhs[i]! - lower[i]! * rhs[i - 1]!) / m;
    }
    for (let i = n - 2; i >= 0; i--) if (sup[i] !== 0) rhs[i] = rhs[i]! - sup[i]! * rhs[i + 1]!;
  }
}

// The rows of the log F differences G± on an N³ grid (log-gradient.ts): each cell and axis takes a
// stencil id (chooseRow) from the field whose logarithm the flux differentiates, and dense tables by
// id and offset serve the flux sources (apply) and the transposed divergence and its rate bound
// (weight, coupling). The CPU operator mirrors pair_gradient.wgsl with it.
import { absoluteWeight, chooseRow, faceWeights, NO_ROW, pairOfRow, ROW_IDS, rowOfOrder, type GradientOrder } from './log-gradient.js';

interface RowTable {
  /** weights[s][o + reach], s = 0 for G⁺, 1 for G⁻. */
  weights: [Float64Array, Float64Array];
  /** The face weights s_o (faceWeights) at each offset, per sign. */
  faces: [Float64Array, Float64Array];
  /** |w|·Σ|w| at each offset, per sign (Σ|w| of that member). */
  couplings: [Float64Array, Float64Array];
  /** Non-zero offsets other than 0 and their weights, per sign (apply works on differences from the row's cell). */
  taps: { offsets: number[]; weights: number[] }[];
}

export class RowStencils {
  /** Largest |offset| of any row (at least 2, the tail pairs'): the divergence at k gathers the rows k − reach … k + reach. */
  readonly reach: number;
  /** Factor on the drift part of the rate bound: the largest Σ|w| of a row over that of D± (2). */
  readonly driftFactor: number;
  /** Stencil id per cell and axis (index c·3 + axis), set by choose(). */
  readonly ids: Uint8Array;
  private readonly tables: RowTable[];

  constructor(
    readonly n: number,
    readonly order: GradientOrder,
  ) {
    this.reach = Math.max(order / 2, 2);
    this.ids = new Uint8Array(n ** 3 * 3);
    const width = 2 * this.reach + 1;
    this.tables = [];
    let largest = 0;
    for (let id = 0; id < ROW_IDS; id++) {
      const table: RowTable = {
        weights: [new Float64Array(width), new Float64Array(width)],
        faces: [new Float64Array(width), new Float64Array(width)],
        couplings: [new Float64Array(width), new Float64Array(width)],
        taps: [],
      };
      const pair = pairOfRow(id);
      if (pair) {
        [pair.plus, pair.minus].forEach((stencil, s) => {
          const total = absoluteWeight(stencil);
          const face = faceWeights(stencil);
          face.offsets.forEach((o, k) => (table.faces[s]![o + this.reach] = face.weights[k]!));
          if (rowOfOrder(id, order)) largest = Math.max(largest, total);
          const taps = { offsets: [] as number[], weights: [] as number[] };
          stencil.offsets.forEach((o, k) => {
            const w = stencil.weights[k]!;
            table.weights[s]![o + this.reach] = w;
            table.couplings[s]![o + this.reach] = Math.abs(w) * total;
            if (o !== 0) {
              taps.offsets.push(o);
              taps.weights.push(w);
            }
          });
          table.taps.push(taps);
        });
      } else {
        table.taps.push({ offsets: [], weights: [] }, { offsets: [], weights: [] });
      }
      this.tables.push(table);
    }
    this.driftFactor = largest / 2;
  }

  /** Chooses the row of every interior cell and axis from log F (or log R) given per cell; other cells get NO_ROW. */
  choose(logField: ArrayLike<number>, interior: Int32Array): void {
    const { n, ids } = this;
    const window = this.order / 2;
    ids.fill(NO_ROW);
    const strides = [n * n, n, 1];
    for (const c of interior) {
      for (let k = 0; k < 3; k++) {
        const s = strides[k]!;
        const i = axisCoordinate(c, k, n);
        let jump = 0;
        for (let j = Math.max(0, i - window); j < Math.min(n - 1, i + window); j++) {
          const x = c + (j - i) * s;
          jump = Math.max(jump, Math.abs(logField[x + s]! - logField[x]!));
        }
        const slope = logField[c + s]! - logField[c]! + (logField[c]! - logField[c - s]!);
        ids[c * 3 + k] = chooseRow(i, n, jump, slope, this.order);
      }
    }
  }

  /** Weight of G^sign on the row of cell x along axis k at offset o (the cell x + o), 0 off its stencil. */
  weight(x: number, k: number, sign: 1 | -1, o: number): number {
    return this.tables[this.ids[x * 3 + k]!]!.weights[sign > 0 ? 0 : 1][o + this.reach]!;
  }

  /** Face weight s_o of G^sign on the row of cell x along axis k: its share of J at the face o + ½ cells from x. */
  faceWeight(x: number, k: number, sign: 1 | -1, o: number): number {
    if (o < -this.reach || o > this.reach) return 0;
    return this.tables[this.ids[x * 3 + k]!]!.faces[sign > 0 ? 0 : 1][o + this.reach]!;
  }

  /** |G_{x,x+o}|·Σ|G_x·| (times h²): how strongly the row of cell x couples cell x + o in the rate bound. */
  coupling(x: number, k: number, sign: 1 | -1, o: number): number {
    return this.tables[this.ids[x * 3 + k]!]!.couplings[sign > 0 ? 0 : 1][o + this.reach]!;
  }

  /**
   * h·(G⁺, G⁻) log F on the row of cell c along axis k (stride s), into out[0], out[1]: the same sums
   * as apply() with differences lf[x] − lf[c], without a closure per tap (the hot loop of Q).
   */
  applyLog(lf: Float64Array, c: number, k: number, s: number, out: Float64Array): void {
    const table = this.tables[this.ids[c * 3 + k]!]!;
    const base = lf[c]!;
    for (let sign = 0; sign < 2; sign++) {
      const taps = table.taps[sign]!;
      let sum = 0;
      for (let t = 0; t < taps.offsets.length; t++) sum += taps.weights[t]! * (lf[c + taps.offsets[t]! * s]! - base);
      out[sign] = sum;
    }
  }

  /**
   * h·(G^sign y) on the row of cell c along axis k (stride s), for a field given by its differences
   * from cell c: Σ_o w_o difference(c + o·s) (the weights sum to zero, so the value at c drops out).
   */
  apply(c: number, k: number, sign: 1 | -1, s: number, difference: (cell: number) => number): number {
    const taps = this.tables[this.ids[c * 3 + k]!]!.taps[sign > 0 ? 0 : 1]!;
    let sum = 0;
    for (let t = 0; t < taps.offsets.length; t++) sum += taps.weights[t]! * difference(c + taps.offsets[t]! * s);
    return sum;
  }
}

/** Coordinate along axis k (0: x, 1: y, 2: z) of cell c of an n³ grid. */
export function axisCoordinate(c: number, k: number, n: number): number {
  return k === 0 ? Math.floor(c / (n * n)) : k === 1 ? Math.floor(c / n) % n : c % n;
}

/** The cells with both neighbours on every axis (V), in storage order. */
export function interiorCells(n: number): Int32Array {
  const out: number[] = [];
  for (let ix = 1; ix < n - 1; ix++) for (let iy = 1; iy < n - 1; iy++) for (let iz = 1; iz < n - 1; iz++) out.push((ix * n + iy) * n + iz);
  return Int32Array.from(out);
}

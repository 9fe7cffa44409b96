// The rows of the log F differences G± on an N³ grid (log-gradient.ts): each cell and axis takes a
// stencil id (chooseRow) from the field whose logarithm the flux differentiates, and dense tables by
// id and offset serve the flux sources (applyLog, apply), the transposed divergence (faces) and its
// rate bound (weights, couplings). The CPU operator mirrors pair_gradient.wgsl with it.
import { absoluteWeight, chooseRow, faceWeights, halfSum, MAX_HALF_ORDER, NO_ROW, pairOfHalfOrder, pairOfRow, ROW_IDS, rowOfOrder, type GradientOrder } from './log-gradient.js';

interface RowTaps {
  /** Non-zero offsets other than 0 and their weights, per sign (apply works on differences from the row's cell). */
  taps: { offsets: number[]; weights: number[] }[];
}

export class RowStencils {
  /** Largest |offset| of any row (at least 2, the tail pairs'): the divergence at k gathers the rows k − reach … k + reach. */
  readonly reach: number;
  /** Entries per sign and id in the dense tables: offsets −reach … reach. */
  readonly width: number;
  /** Factor on the drift part of the rate bound: the largest Σ|w| of a row over that of D± (2). */
  readonly driftFactor: number;
  /** Stencil id per cell and axis (index c·3 + axis), set by choose(). */
  readonly ids: Uint8Array;
  /**
   * Dense tables by entry (id·2 + s)·width + o + reach, s = 0 for G⁺ and 1 for G⁻ (see entry()), so
   * the hot loops of the divergence and its rate bound read one typed array per quantity:
   * the weights w_o, the face weights s_o (faceWeights), and |w_o|·Σ|w| (the couplings of the rate bound).
   */
  readonly weights: Float64Array;
  readonly faces: Float64Array;
  readonly couplings: Float64Array;
  /** The centred part (G⁺ + G⁻)/2 and upwind part (G⁻ − G⁺)/2 of each row by entry(id, 0, o): compact-lines.ts forms G± from them. */
  readonly centredParts: Float64Array;
  /** Face weights of C₈, the order-8 pair's centred part, by offset o + reach: the divergence of the compact rows' blend fluxes. */
  readonly blendFaces: Float64Array;
  readonly upwindParts: Float64Array;
  private readonly rowTaps: RowTaps[];

  constructor(
    readonly n: number,
    readonly order: GradientOrder,
  ) {
    this.reach = Math.max(order / 2, 2);
    this.ids = new Uint8Array(n ** 3 * 3);
    const width = (this.width = 2 * this.reach + 1);
    this.weights = new Float64Array(ROW_IDS * 2 * width);
    this.faces = new Float64Array(ROW_IDS * 2 * width);
    this.couplings = new Float64Array(ROW_IDS * 2 * width);
    this.centredParts = new Float64Array(ROW_IDS * 2 * width);
    this.upwindParts = new Float64Array(ROW_IDS * 2 * width);
    this.rowTaps = [];
    this.blendFaces = new Float64Array(width);
    if (order === 2 * MAX_HALF_ORDER) {
      const face = faceWeights(halfSum(pairOfHalfOrder(MAX_HALF_ORDER), 1));
      face.offsets.forEach((o, k) => (this.blendFaces[o + this.reach] = face.weights[k]!));
    }
    let largest = 0;
    for (let id = 0; id < ROW_IDS; id++) {
      const row: RowTaps = { taps: [] };
      const pair = pairOfRow(id);
      if (pair) {
        for (const [parts, table] of [[halfSum(pair, 1), this.centredParts], [halfSum(pair, -1), this.upwindParts]] as const) {
          parts.offsets.forEach((o, k) => (table[this.entry(id, 0, o)] = parts.weights[k]!));
        }
        [pair.plus, pair.minus].forEach((stencil, s) => {
          const total = absoluteWeight(stencil);
          const face = faceWeights(stencil);
          face.offsets.forEach((o, k) => (this.faces[this.entry(id, s, o)] = face.weights[k]!));
          if (rowOfOrder(id, order)) largest = Math.max(largest, total);
          const taps = { offsets: [] as number[], weights: [] as number[] };
          stencil.offsets.forEach((o, k) => {
            const w = stencil.weights[k]!;
            this.weights[this.entry(id, s, o)] = w;
            this.couplings[this.entry(id, s, o)] = Math.abs(w) * total;
            if (o !== 0) {
              taps.offsets.push(o);
              taps.weights.push(w);
            }
          });
          row.taps.push(taps);
        });
      } else {
        row.taps.push({ offsets: [], weights: [] }, { offsets: [], weights: [] });
      }
      this.rowTaps.push(row);
    }
    this.driftFactor = largest / 2;
  }

  centred(id: number, o: number): number {
    return this.centredParts[this.entry(id, 0, o)]!;
  }

  upwind(id: number, o: number): number {
    return this.upwindParts[this.entry(id, 0, o)]!;
  }

  /** Index in the dense tables of row id, member s (0: G⁺, 1: G⁻) and offset o (|o| ≤ reach). */
  entry(id: number, s: number, o: number): number {
    return (id * 2 + s) * this.width + o + this.reach;
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

  /**
   * h·(G⁺, G⁻) log F on the row of cell c along axis k (stride s), into out[0], out[1]: the same sums
   * as apply() with differences lf[x] − lf[c], without a closure per tap (the hot loop of Q).
   */
  applyLog(lf: Float64Array, c: number, k: number, s: number, out: Float64Array): void {
    const table = this.rowTaps[this.ids[c * 3 + k]!]!;
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
    const taps = this.rowTaps[this.ids[c * 3 + k]!]!.taps[sign > 0 ? 0 : 1]!;
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

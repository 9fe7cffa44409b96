// The numbers the WGSL kernels and the TypeScript host must agree on, declared once here and
// prepended to every shader by ShaderLibrary.compose as `const NAME: u32 = value;`, and the weights
// of the log F differences (src/equation/log-gradient.ts) as f32 tables built from the same function.
import { absoluteWeight, CENTRED_ROW, COMPACT_ALPHA, COMPACT_ROW, CORE_BAND, CORE_DEPTH, EDGE_BAND, faceWeights, halfSum, MAX_HALF_ORDER, NO_ROW, ONE_SIDED_ROW, pairOfHalfOrder, pairOfRow, ROW_IDS, ROW_JUMP_LIMITS, TAIL_ABOVE, TAIL_BELOW } from '../../../equation/log-gradient.js';

/**
 * The sums of the moment reduction (reduce_moments.wgsl), in order, with their number of
 * components: each gets its first index as SUM_<NAME>; the host reads them by the same names.
 */
const MOMENT_SUMS = [
  ['MASS', 1], // F
  ['MOMENTUM', 3], // v F
  ['ENERGY', 1], // |v|² F
  ['SECOND', 6], // v_a v_b F: xx, yy, zz, xy, xz, yz
  ['ENTROPY', 1], // F log F
  ['FISHER', 1], // F |D log F|²
  ['SECOND_RATE', 6], // v_a v_b Q
  ['ENTROPY_RATE', 1], // Q log F
  ['ABS_RATE', 1], // |Q|
] as const;

type SumIndex = { [K in (typeof MOMENT_SUMS)[number][0] as `SUM_${K}`]: number };

function sumIndices(): SumIndex & { SUMS: number } {
  const out: Record<string, number> = {};
  let next = 0;
  for (const [name, count] of MOMENT_SUMS) {
    out[`SUM_${name}`] = next;
    next += count;
  }
  return { ...(out as SumIndex), SUMS: next };
}

const SUM_INDICES = sumIndices();

export const SHADER_CONSTANTS = {
  /** Invocations per workgroup of every 1D kernel. */
  WORKGROUP: 64,
  /** First index of each moment sum, and their number (f32 pairs per partial record). */
  ...SUM_INDICES,
  /** Stride of each workgroup's partial record: 2·SUMS (hi, lo pairs), then min F, max F and the largest rate bound, padded to 4 words. */
  PARTIAL_STRIDE: 4 * Math.ceil((2 * SUM_INDICES.SUMS + 3) / 4),
  /** Flags of the RK stage uniform (divergence_update.wgsl): apply the stage; the last stage; record the largest stability ratio dt · rate bound; Q at the stage value. */
  STAGE_UPDATE: 1,
  STAGE_FINAL: 2,
  STAGE_RECORD_RATIO: 4,
  STAGE_AT_STAGE: 8,
  /** Workgroups of compact_top.wgsl, each leaving the largest F of its share of the grid. */
  COMPACT_TOP_GROUPS: 64,
} as const;

/** Offsets −MAX … MAX of every difference's table row. */
const PAIR_WIDTH = 2 * MAX_HALF_ORDER + 1;

/**
 * PAIR_WEIGHTS[(sign·ROW_IDS + id)·PAIR_WIDTH + o + MAX_HALF_ORDER]: the weight (times h) of G⁺
 * (sign 0) or G⁻ (sign 1) of the row id (log-gradient.ts) at offset o, zero off the stencil;
 * FACE_WEIGHTS, the same for the face weights s_o of log-gradient.ts's faceWeights (the
 * divergence as a difference of face values); PAIR_ABS_SUM[sign·ROW_IDS + id]: Σ|w| of that member.
 */
export function pairTables(): { weights: number[]; faces: number[]; absSum: number[] } {
  const weights: number[] = [];
  const faces: number[] = [];
  const absSum: number[] = [];
  for (const sign of ['plus', 'minus'] as const) {
    for (let id = 0; id < ROW_IDS; id++) {
      const row = new Array<number>(PAIR_WIDTH).fill(0);
      const pair = pairOfRow(id);
      const faceRow = new Array<number>(PAIR_WIDTH).fill(0);
      if (pair) pair[sign].offsets.forEach((o, k) => (row[o + MAX_HALF_ORDER] = pair[sign].weights[k]!));
      if (pair) {
        const face = faceWeights(pair[sign]);
        face.offsets.forEach((o, k) => (faceRow[o + MAX_HALF_ORDER] = face.weights[k]!));
      }
      faces.push(...faceRow);
      absSum.push(pair ? absoluteWeight(pair[sign]) : 0);
      weights.push(...row);
    }
  }
  return { weights, faces, absSum };
}

/** BLEND_FACES[o + MAX_HALF_ORDER]: the face weights of C₈, the centred part of the order-8 pair (the compact rows' blend fluxes, compact-lines.ts). */
export function blendFaces(): number[] {
  const out = new Array<number>(PAIR_WIDTH).fill(0);
  const face = faceWeights(halfSum(pairOfHalfOrder(MAX_HALF_ORDER), 1));
  face.offsets.forEach((o, k) => (out[o + MAX_HALF_ORDER] = face.weights[k]!));
  return out;
}

function f32Array(name: string, values: number[]): string {
  return `const ${name} = array<f32, ${values.length}>(${values.map((v) => (v === 0 ? '0.0' : v.toPrecision(17))).join(', ')});`;
}

/** The constants as WGSL declarations. */
export function constantsWgsl(): string {
  const { weights, faces, absSum } = pairTables();
  return [
    ...Object.entries(SHADER_CONSTANTS).map(([name, value]) => `const ${name}: u32 = ${value}u;`),
    `const MAX_HALF_ORDER: u32 = ${MAX_HALF_ORDER}u;`,
    `const PAIR_WIDTH: u32 = ${PAIR_WIDTH}u;`,
    ...Object.entries({ NO_ROW, ONE_SIDED_ROW, TAIL_BELOW, TAIL_ABOVE, CENTRED_ROW, COMPACT_ROW, ROW_IDS }).map(([name, value]) => `const ${name}: u32 = ${value}u;`),
    `const EDGE_BAND: i32 = ${EDGE_BAND};`,
    ...Object.entries({ COMPACT_ALPHA, CORE_DEPTH, CORE_BAND }).map(([name, value]) => `const ${name}: f32 = ${value.toPrecision(17)};`),
    f32Array('BLEND_FACES', blendFaces()),
    f32Array('PAIR_WEIGHTS', weights),
    f32Array('FACE_WEIGHTS', faces),
    f32Array('PAIR_ABS_SUM', absSum),
    f32Array('ROW_JUMP_LIMITS', [...ROW_JUMP_LIMITS]),
  ].join('\n');
}

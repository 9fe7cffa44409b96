// The numbers the WGSL kernels and the TypeScript host must agree on, declared once here and
// prepended to every shader by ShaderLibrary.compose as `const NAME: u32 = value;`.

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
  /** Flags of the RK stage uniform (divergence_update.wgsl): apply the stage; the last stage; record max dt·stiffness; Q at the stage value. */
  STAGE_UPDATE: 1,
  STAGE_FINAL: 2,
  STAGE_RECORD_RATIO: 4,
  STAGE_AT_STAGE: 8,
} as const;

/** The constants as WGSL declarations. */
export function constantsWgsl(): string {
  return Object.entries(SHADER_CONSTANTS)
    .map(([name, value]) => `const ${name}: u32 = ${value}u;`)
    .join('\n');
}

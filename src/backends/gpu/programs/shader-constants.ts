// The numbers the WGSL kernels and the TypeScript host must agree on, declared once here and
// prepended to every shader by ShaderLibrary.compose as `const NAME: u32 = value;`.
export const SHADER_CONSTANTS = {
  /** Invocations per workgroup of every 1D kernel. */
  WORKGROUP: 64,
  /** f32 pair sums of the moment reduction (reduce_moments.wgsl) and the stride of each group's partial record (2·SUMS + min, max, stiffness, padded). */
  SUMS: 21,
  PARTIAL_STRIDE: 48,
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

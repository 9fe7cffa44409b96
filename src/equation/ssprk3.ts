// Shu–Osher SSP-RK3 written in increment form, k_s = dt·Q(u_s):
//   u_1 = u0 + k0,   u_2 = u0 + ¼(k0 + k1),   u0 ← u0 + (k0 + k1)/6 + ⅔ k2,
// which is algebraically the convex-combination form but touches the state only by adding a small
// increment. That lets the f32 backend carry the state as a compensated (hi, lo) pair: increments
// far below one ulp of F are kept instead of being rounded away, which would otherwise bias the
// mass and energy of long runs.

export interface RkStage {
  /** Evaluate Q at the state (first stage) or at the stage buffer. */
  evaluateAt: 'state' | 'stage';
  /** acc ← accKeep·acc + k. */
  accKeep: number;
  /** Intermediate stages: stage ← u0 + stageScale·acc. */
  stageScale: number;
  /** Last stage: u0 ← u0 + finalAcc·acc + finalK·k (acc before this stage's k is added). */
  final: boolean;
  finalAcc: number;
  finalK: number;
}

export const SSPRK3_STAGES: readonly RkStage[] = [
  { evaluateAt: 'state', accKeep: 0, stageScale: 1, final: false, finalAcc: 0, finalK: 0 },
  { evaluateAt: 'stage', accKeep: 1, stageScale: 1 / 4, final: false, finalAcc: 0, finalK: 0 },
  { evaluateAt: 'stage', accKeep: 0, stageScale: 0, final: true, finalAcc: 1 / 6, finalK: 2 / 3 },
];

/** Extent of SSP-RK3's stability region along the negative real axis and along the imaginary axis. */
export const SSPRK3_REAL_EXTENT = 2.5127;
export const SSPRK3_IMAG_EXTENT = Math.sqrt(3);

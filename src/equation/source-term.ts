// The source εF² of the modified equation ∂tF = Q(F,F) + εF² as the time loop sees it. Q conserves
// mass exactly on the grid, so d(mass)/dt = ε∫F²: the mass check compares the change over an output
// interval with the trapezoid rule for that integral. And the source blows the solution up in finite
// time, so the loop stops when max F leaves the range it was given.
import type { Wording } from '../core/errors/user-input-error.js';

/** Stop when max F exceeds this multiple of the initial max F, unless told otherwise. */
export const DEFAULT_F_MAX_FACTOR = 1e3;

/**
 * With ε > 0, stop when the step allowed falls below this fraction of the first step: the source
 * limits dt to ~1/(ε max F), so that is where max F would have grown by DEFAULT_F_MAX_FACTOR, and a
 * blowing-up solution (whose tails stiffen the diffusion too) would otherwise crawl on for ever.
 */
export const STEP_COLLAPSE_FRACTION = 1 / DEFAULT_F_MAX_FACTOR;

/** ∫F² over the grid. */
export function squareIntegral(state: ArrayLike<number>, cellVolume: number): number {
  let sum = 0;
  for (let c = 0; c < state.length; c++) sum += state[c]! * state[c]!;
  return sum * cellVolume;
}

export interface MassBalanceInterval {
  eps: number;
  /** Length of the output interval. */
  dt: number;
  massBefore: number;
  massAfter: number;
  /** ∫F² at both ends. */
  squareBefore: number;
  squareAfter: number;
  /** Relative tolerance on the mass, as for the Landau equation. */
  limit: number;
}

/**
 * Why the mass change over an interval is not the one the source explains, or null. The trapezoid
 * rule's own error is at most half the change of ε∫F² over the interval times dt when ∫F² is monotone
 * there; that, plus the relative `limit`, is the slack.
 */
export function massBalanceProblem(m: MassBalanceInterval): Wording | null {
  const expected = 0.5 * m.eps * m.dt * (m.squareBefore + m.squareAfter);
  const slack = m.limit * m.massBefore + 0.5 * m.eps * m.dt * Math.abs(m.squareAfter - m.squareBefore);
  const change = m.massAfter - m.massBefore;
  if (Math.abs(change - expected) <= slack) return null;
  return [
    `the mass changed by ${change.toExponential(3)} over the interval, but the source εF² (ε = ${m.eps}) accounts for ` +
      `${expected.toExponential(3)} ± ${slack.toExponential(2)}: F is leaving the box (`,
    { option: 'L', change: 'raise' },
    ') or a value is corrupt.',
  ];
}

export function fMaxMessage(maxF: number, fMax: number, t: number, step: number, eps: number): Wording {
  const why = eps > 0
    ? `the solution of ∂tF = Q(F,F) + εF² (ε = ${eps}) blows up in finite time`
    : 'F is concentrating beyond the range asked for';
  return [
    `max F = ${maxF.toExponential(3)} exceeded `,
    { option: 'fMax', value: fMax.toExponential(3) },
    ` at t = ${t} (step ${step}): ${why}. The state at t = ${t} is kept.`,
  ];
}

export function stepCollapseMessage(dt: number, floor: number, t: number): string {
  return `the step allowed fell to ${dt.toExponential(3)} near t = ${t}, below ${floor.toExponential(3)} ` +
    `(${STEP_COLLAPSE_FRACTION} of the first step): the step size collapsed.`;
}

/** Appended to a failure of the time loop of a run with ε > 0. */
export function blowUpHint(eps: number, maxF: number, t: number): Wording {
  return [' With ', { option: 'epsF2', value: eps }, ` the solution blows up in finite time; max F was ${maxF.toExponential(3)} at t = ${t}, the last output.`];
}

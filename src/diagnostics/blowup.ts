// Diagnostics of runs of the modified equation ∂tF = Q(F,F) + εF², which blows up in finite time for
// ε > 0 ([GW24], end of §1): F near the origin, ∫F² and the mass production ε∫F² it drives, and
// the time at which 1/max F, extrapolated linearly through the last two outputs, reaches zero (for
// the pure reaction F' = εF², 1/F falls linearly to zero at the blow-up time; Infinity, null in
// JSON, while 1/max F is not falling).
import type { Grid } from '../core/grid/grid.js';
import type { Equation } from '../equation/equation.js';
import { squareIntegral } from '../equation/source-term.js';

/** F at v = 0: the central cell (odd N), or the mean of the 8 cells around 0 (even N), which is F's trilinear interpolant there. */
export function centerValue(grid: Grid, state: ArrayLike<number>): number {
  const n = grid.n;
  const mid = n >> 1;
  const around = n % 2 === 1 ? [mid] : [mid - 1, mid];
  let sum = 0;
  for (const ix of around) for (const iy of around) for (const iz of around) sum += state[grid.index(ix, iy, iz)]!;
  return sum / around.length ** 3;
}

/** A stateful diagnostic: call once per output, in time order. */
export function blowupDiagnostics(grid: Grid, equation: Equation): (t: number, state: ArrayLike<number>) => Record<string, number> {
  let previous: { t: number; inverseMax: number } | null = null;
  return (t, state) => {
    let max = 0;
    for (let c = 0; c < grid.cells; c++) max = Math.max(max, state[c]!);
    const inverseMax = 1 / max;
    let estimate = Infinity;
    if (previous && inverseMax < previous.inverseMax && t > previous.t) {
      estimate = t + (inverseMax * (t - previous.t)) / (previous.inverseMax - inverseMax);
    }
    previous = { t, inverseMax };
    const l2 = squareIntegral(state, grid.cellVolume);
    return {
      f_center: centerValue(grid, state),
      l2_squared: l2,
      mass_source_rate: equation.massRate(l2),
      blowup_time_estimate: estimate,
    };
  };
}

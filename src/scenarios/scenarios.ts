// Initial data F(v, 0) on the grid. Every scenario has unit mass up to the grid's quadrature error
// (the blow-down datum adds δ^α on top of M, as in the paper).
import type { Grid } from '../grid/grid.js';
import { maxwellian } from '../math/closed-forms.js';
import { bkwDensity, bkwK } from '../math/maxwell-molecules.js';

export const SCENARIOS = ['blowdown', 'maxwellian', 'bimaxwellian', 'two-maxwellians', 'bkw'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioParams {
  /** blowdown: width² of the concentrated bump M_δ, 0 < δ < 1. */
  delta: number;
  /** blowdown: amplitude exponent, bump mass δ^α. */
  alpha: number;
  /** bimaxwellian: temperature along the axis. */
  tPar: number;
  /** bimaxwellian: temperature across the axis. */
  tPerp: number;
  /** bimaxwellian: the distinguished axis (default z). */
  axis: 'x' | 'y' | 'z';
  /** two-maxwellians: the pair sits at ±shift along v_x. */
  shift: number;
  /** bkw: time shift of the BKW solution, K(0) = 1 − e^{−4Λ t0} (src/math/maxwell-molecules.ts). */
  t0: number;
}

export const DEFAULT_SCENARIO_PARAMS: ScenarioParams = { delta: 0.1, alpha: 0.4, tPar: 1.5, tPerp: 0.75, axis: 'z', shift: 1.5, t0: 8 };

/** The theorem of the blow-down paper holds for α ∈ (1/4, 1/2) and δ ≪ 1. */
export function blowdownRangeNote(p: ScenarioParams): string | null {
  if (p.alpha > 0.25 && p.alpha < 0.5) return null;
  return `alpha = ${p.alpha} is outside the theorem's range (1/4, 1/2); the run is still valid for the equation`;
}

export function initialState(grid: Grid, name: ScenarioName, p: ScenarioParams): Float64Array {
  switch (name) {
    case 'maxwellian':
      return grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
    case 'blowdown': {
      const bump = Math.pow(p.delta, p.alpha);
      return grid.sample((x, y, z) => {
        const v2 = x * x + y * y + z * z;
        return maxwellian(v2) + bump * maxwellian(v2, p.delta);
      });
    }
    case 'bimaxwellian': {
      const norm = Math.pow(2 * Math.PI, -1.5) / (p.tPerp * Math.sqrt(p.tPar));
      const k = { x: 0, y: 1, z: 2 }[p.axis];
      return grid.sample((...v) => {
        const along = v[k]! * v[k]!;
        const across = v[0] * v[0] + v[1] * v[1] + v[2] * v[2] - along;
        return norm * Math.exp(-across / (2 * p.tPerp) - along / (2 * p.tPar));
      });
    }
    case 'two-maxwellians':
      return grid.sample((x, y, z) => {
        const t = y * y + z * z;
        return 0.5 * (maxwellian((x - p.shift) ** 2 + t) + maxwellian((x + p.shift) ** 2 + t));
      });
    case 'bkw': {
      const k = bkwK(0, p.t0);
      return grid.sample((x, y, z) => bkwDensity(x * x + y * y + z * z, k));
    }
  }
}

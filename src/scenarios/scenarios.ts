// Initial data F(v, 0) on the grid. Every scenario has unit mass up to the grid's quadrature error
// (the blow-down datum adds δ^α on top of M, as in the paper).
import type { Grid } from '../grid/grid.js';
import { maxwellian } from '../math/closed-forms.js';

export const SCENARIOS = ['blowdown', 'maxwellian', 'bimaxwellian', 'two-maxwellians'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioParams {
  /** blowdown: width² of the concentrated bump M_δ, 0 < δ < 1. */
  delta: number;
  /** blowdown: amplitude exponent, bump mass δ^α. */
  alpha: number;
  /** bimaxwellian: temperature along v_z. */
  tPar: number;
  /** bimaxwellian: temperature across v_z. */
  tPerp: number;
  /** two-maxwellians: the pair sits at ±shift along v_x. */
  shift: number;
}

export const DEFAULT_SCENARIO_PARAMS: ScenarioParams = { delta: 0.1, alpha: 0.4, tPar: 1.5, tPerp: 0.75, shift: 1.5 };

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
      return grid.sample((x, y, z) => norm * Math.exp(-(x * x + y * y) / (2 * p.tPerp) - (z * z) / (2 * p.tPar)));
    }
    case 'two-maxwellians':
      return grid.sample((x, y, z) => {
        const t = y * y + z * z;
        return 0.5 * (maxwellian((x - p.shift) ** 2 + t) + maxwellian((x + p.shift) ** 2 + t));
      });
  }
}

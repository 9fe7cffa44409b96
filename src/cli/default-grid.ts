// The grid a run picks when --n is not given: the smallest that resolves the named scenario, rounded up.
import { Grid } from '../core/grid/grid.js';
import { RESOLUTION_N_LIMIT, separableTerms, smallestResolvingN } from '../scenarios/resolution.js';
import type { ScenarioName, ScenarioParams } from '../scenarios/scenario-params.js';

/** Default grids are multiples of this, and at least DEFAULT_N_MIN. */
const DEFAULT_N_STEP = 8;
const DEFAULT_N_MIN = 16;

/** The default N of a scenario: the smallest multiple of 8, at least 16, that resolves it (16 if none does). */
export function defaultN(name: ScenarioName, p: ScenarioParams, L: number): number {
  const smallest = smallestResolvingN(L, separableTerms(name, p), RESOLUTION_N_LIMIT, (n) => new Grid({ n, L }));
  if (smallest === null) return DEFAULT_N_MIN;
  return Math.max(DEFAULT_N_MIN, Math.ceil(smallest / DEFAULT_N_STEP) * DEFAULT_N_STEP);
}

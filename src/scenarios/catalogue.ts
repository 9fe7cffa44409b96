// Every scenario, looked up by name: the one place a new scenario is added (a module like
// blowdown.ts, and its name in SCENARIOS), and the initial data of a named one. Every scenario has
// unit mass up to the grid's quadrature error (the blow-down datum adds δ^α on top of M, as in the
// paper).
import type { Grid } from '../core/grid/grid.js';
import { BIMAXWELLIAN } from './bimaxwellian.js';
import { BKW } from './bkw.js';
import { BLOWDOWN } from './blowdown.js';
import { MAXWELLIAN } from './maxwellian.js';
import type { ScenarioDefinition } from './scenario-definition.js';
import type { ScenarioName, ScenarioParams } from './scenario-params.js';
import { TWO_MAXWELLIANS } from './two-maxwellians.js';

const CATALOGUE: Record<ScenarioName, ScenarioDefinition> = {
  blowdown: BLOWDOWN,
  maxwellian: MAXWELLIAN,
  bimaxwellian: BIMAXWELLIAN,
  'two-maxwellians': TWO_MAXWELLIANS,
  bkw: BKW,
};

export function scenario(name: ScenarioName): ScenarioDefinition {
  return CATALOGUE[name];
}

/** The definition of a name that may not be a scenario (a run of data from a file is 'file'). */
export function findScenario(name: string): ScenarioDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, name) ? CATALOGUE[name as ScenarioName] : undefined;
}

/** The initial data F(v, 0) of a named scenario on the grid. */
export function initialState(grid: Grid, name: ScenarioName, p: ScenarioParams): Float64Array {
  return scenario(name).initialState(grid, p);
}

/** Every scenario, in the catalogue's order. */
export function allScenarios(): ScenarioDefinition[] {
  return Object.values(CATALOGUE);
}

/** The scenarios whose closed forms hold for kernel γ. */
export function scenariosFor(gamma: number): ScenarioDefinition[] {
  return Object.values(CATALOGUE).filter((s) => s.requires?.gamma === undefined || s.requires.gamma === gamma);
}

/** The scenarios the radial reference solver can follow. */
export function radialScenarios(): ScenarioDefinition[] {
  return Object.values(CATALOGUE).filter((s) => s.radial !== undefined);
}

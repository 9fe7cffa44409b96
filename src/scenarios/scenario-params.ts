// The scenarios' names and the parameters they read, with their defaults. Each scenario is defined
// in a module of its own (a ScenarioDefinition, scenario-definition.ts), listed in catalogue.ts.

export const SCENARIOS = ['blowdown', 'maxwellian', 'bimaxwellian', 'two-maxwellians', 'bkw'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];
/** The main job's data, the default of every command that takes a scenario. */
export const DEFAULT_SCENARIO: ScenarioName = 'blowdown';

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
  /** bkw: time shift of the BKW solution, K(0) = 1 − e^{−4Λ t0} (src/core/math/maxwell-molecules.ts). */
  t0: number;
  /** blowdown: centre u of the bump (default the origin). */
  bumpCenter: [number, number, number];
  /** blowdown: the bump's covariance is δ·diag(a, b, c) (default 1, 1, 1: round). */
  bumpTemps: [number, number, number];
}

export const DEFAULT_SCENARIO_PARAMS: ScenarioParams = { delta: 0.1, alpha: 0.4, tPar: 1.5, tPerp: 0.75, axis: 'z', shift: 1.5, t0: 8, bumpCenter: [0, 0, 0], bumpTemps: [1, 1, 1] };

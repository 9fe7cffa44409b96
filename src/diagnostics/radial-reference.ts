// The radial reference solver (src/reference/radial/) set up for the scenarios that are radial, and the bridge
// from its shells to the 3D diagnostics (quadrature points, comparison with a 3D field). The
// reference values of a study come from two solves, on N and on 2N cells of the same sinh map
// (every cell split in two), Richardson-extrapolated: the scheme is second order on a fixed map
// (tests/radial.test.ts), so X = X_2N + (X_2N − X_N)/3 removes the leading error.
import type { Grid } from '../core/grid/grid.js';
import { blowdownGridOptions, RadialSolver } from '../reference/radial/index.js';
import type { ScenarioName, ScenarioParams } from '../scenarios/scenario-params.js';
import { radialScenarios, scenario } from '../scenarios/catalogue.js';
import type { ScenarioDefinition } from '../scenarios/scenario-definition.js';
import type { WeightedPoints } from '../scenarios/blowdown-profile.js';
import type { SphericalAverage } from './radial-symmetry.js';

/** The scenarios with a radial form (catalogue.ts), in the catalogue's order. */
export const RADIAL_SCENARIOS: readonly ScenarioName[] = radialScenarios().map((s) => s.name);
export type RadialScenarioName = ScenarioName;

export interface RadialReferenceOptions {
  cells: number;
  R: number;
  rtol: number;
}

export const DEFAULT_RADIAL_OPTIONS: RadialReferenceOptions = { cells: 400, R: 10, rtol: 1e-5 };

export function radialReference(name: RadialScenarioName, p: ScenarioParams, o: RadialReferenceOptions = DEFAULT_RADIAL_OPTIONS): RadialSolver {
  const variance = radialForm(name).narrowestVariance?.(p);
  const grid = variance !== undefined ? blowdownGridOptions(variance, o.cells, o.R) : { R: o.R, cells: o.cells, grading: 'sinh' as const, innerSpacing: o.R / (4 * o.cells) };
  return withScenario(new RadialSolver({ ...grid, time: { rtol: o.rtol } }), name, p);
}

/** The reference on N cells and on 2N cells of the same map, for Richardson extrapolation. */
export function radialReferencePair(name: RadialScenarioName, p: ScenarioParams, o: RadialReferenceOptions = DEFAULT_RADIAL_OPTIONS): { coarse: RadialSolver; fine: RadialSolver } {
  const coarse = radialReference(name, p, o);
  const { R, beta } = coarse.grid;
  const fine = withScenario(new RadialSolver({ R, cells: 2 * o.cells, grading: 'sinh', beta, time: { rtol: o.rtol } }), name, p);
  return { coarse, fine };
}

/** The extrapolated value from a second-order quantity on N (coarse) and 2N (fine) cells. */
export function richardson(coarse: number, fine: number): number {
  return fine + (fine - coarse) / 3;
}

/** Every numeric field extrapolated from the coarse and fine records (fields equal on both stay as they are). */
export function richardsonRecord<T extends object>(coarse: T, fine: T): T {
  const out = { ...fine } as Record<string, unknown>;
  for (const [key, value] of Object.entries(fine)) {
    const c = (coarse as Record<string, unknown>)[key];
    if (typeof value === 'number' && typeof c === 'number' && c !== value) out[key] = richardson(c, value);
  }
  return out as T;
}

function withScenario(solver: RadialSolver, name: RadialScenarioName, p: ScenarioParams): RadialSolver {
  return solver.setScenario(radialForm(name).data(p));
}

function radialForm(name: RadialScenarioName): NonNullable<ScenarioDefinition['radial']> {
  const form = scenario(name).radial;
  if (!form) throw new Error(`scenario '${name}' has no radial form for the reference solver`);
  return form;
}

/** The radial shells as 3D quadrature points (weight 4π × shell volume / 4π). */
export function radialPoints(solver: RadialSolver): WeightedPoints {
  const g = solver.grid;
  return { count: g.N, v2: (i) => g.r2[i]!, weight: (i) => 4 * Math.PI * g.volume[i]!, f: (i) => solver.f[i]! };
}

/** ‖S F − f_ref‖₂ / ‖f_ref‖₂ over the 3D cells, with S F the spherical average at each cell. */
export function radialError(grid: Grid, avg: SphericalAverage, reference: RadialSolver): number {
  let diff = 0;
  let norm = 0;
  grid.forEachCell((c, ix, iy, iz) => {
    const ref = reference.evaluate(Math.hypot(grid.axis[ix]!, grid.axis[iy]!, grid.axis[iz]!));
    diff += (avg.atCells[c]! - ref) ** 2;
    norm += ref * ref;
  });
  return Math.sqrt(diff / norm);
}

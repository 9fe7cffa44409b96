// Host-side diagnostics of the state at every output of a run: radial symmetry always, what the
// scenario adds (catalogue.ts: the blow-down norms and coercivity, the BKW error), and optionally
// the distance of the spherical average from the radial reference solver advanced to the same time. For Maxwell molecules (γ = 0, ε = 0) the errors
// against the exact solutions (BKW, deviator law); with the source εF² the blow-up watch.
import type { Grid } from '../core/grid/grid.js';
import { Equation } from '../equation/equation.js';
import { initialState, SCENARIOS, type ScenarioName, type ScenarioParams } from '../scenarios/scenarios.js';
import type { StateDiagnostics } from './series.js';
import { blowdownCoercivity } from '../studies/coercivity/blowdown-coercivity.js';
import type { LandauOperator } from '../backends/landau-operator.js';
import { findScenario } from '../scenarios/catalogue.js';
import { blowupDiagnostics } from './blowup.js';
import { deviatorLawError, secondMoments, type SecondMoments } from './maxwell-molecules.js';
import { radialError, radialReference, type RadialScenarioName } from './radial-reference.js';
import { radialSymmetry, sphericalAverage } from './radial-symmetry.js';

export interface OutputDiagnosticsOptions {
  scenario: string;
  params: ScenarioParams;
  rw: number;
  compareRadial: boolean;
  /** The run's operator: its equation picks the diagnostics of exact solutions and of the source; with it, blow-down runs also record the coercivity quantities of [GW24] (src/studies/coercivity/). Without one, the Landau–Coulomb equation. */
  operator?: LandauOperator;
  /** Receives the radial reference profile (|v| ≤ √3 L) at every output. */
  onReference?: (profile: { t: number; r: number[]; f: number[] }) => void;
  /** Outputs a resumed run has already passed: the reference is advanced through them as the run did. */
  priorOutputs?: number[];
}

export function outputDiagnostics(grid: Grid, o: OutputDiagnosticsOptions): StateDiagnostics {
  const reference = o.compareRadial ? radialReference(o.scenario as RadialScenarioName, o.params) : null;
  for (const t of reference ? (o.priorOutputs ?? []) : []) {
    if (t > reference!.t) reference!.advance(t, { includeStart: false });
  }
  const equation = o.operator?.equation ?? Equation.LANDAU_COULOMB;
  const moments0 = equation.isMaxwellMolecules ? initialSecondMoments(grid, o) : null;
  const blowup = equation.hasSource ? blowupDiagnostics(grid, equation) : null;
  const definition = findScenario(o.scenario);
  const withRw = { ...o.params, rw: o.rw };
  const coercivity = o.operator && definition?.coercivityAlongRun?.(o.params) ? blowdownCoercivity(o.operator, withRw) : null;
  return async (t, state) => {
    const avg = sphericalAverage(grid, state);
    const extra: Record<string, unknown> = { ...radialSymmetry(grid, state, avg) };
    if (definition?.outputDiagnostics) Object.assign(extra, definition.outputDiagnostics(grid, state, t, withRw));
    if (coercivity) Object.assign(extra, await coercivity(t, state));
    if (moments0) Object.assign(extra, deviatorLawError(moments0, secondMoments(grid, state), t));
    if (blowup) Object.assign(extra, blowup(t, state));
    if (reference) {
      if (t > reference.t) reference.advance(t, { includeStart: false });
      extra.radial_error = radialError(grid, avg, reference);
      const profile = reference.profile();
      const keep = Array.from(profile.r.keys()).filter((i) => profile.r[i]! <= Math.sqrt(3) * grid.L);
      o.onReference?.({ t, r: keep.map((i) => profile.r[i]!), f: keep.map((i) => profile.f[i]!) });
    }
    return extra;
  };
}

/** Second moments at t = 0, from the scenario (so also for a resumed run); none for --init data. */
function initialSecondMoments(grid: Grid, o: OutputDiagnosticsOptions): SecondMoments | null {
  if (!(SCENARIOS as readonly string[]).includes(o.scenario)) return null;
  return secondMoments(grid, initialState(grid, o.scenario as ScenarioName, o.params));
}

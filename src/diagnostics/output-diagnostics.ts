// Host-side diagnostics of the state at every output of a run, as a registry: each group says which
// runs it applies to, what it records (typed keys of SeriesExtras) and which of those the run's
// closing summary shows. The run's entry gets the groups' records in registry order. A new
// diagnostic is one more group here (or, for one scenario, its definition's outputDiagnostics).
import type { Grid } from '../core/grid/grid.js';
import { Equation } from '../equation/equation.js';
import { SCENARIOS, type ScenarioName, type ScenarioParams } from '../scenarios/scenario-params.js';
import { initialState } from '../scenarios/catalogue.js';
import type { SeriesEntry, SeriesExtras, StateDiagnostics } from './series.js';
import type { ScenarioDiagnostics } from '../scenarios/scenario-definition.js';
import { blowdownCoercivity } from './coercivity/blowdown-coercivity.js';
import type { LandauOperator } from '../backends/landau-operator.js';
import { allScenarios, findScenario } from '../scenarios/catalogue.js';
import { blowupDiagnostics } from './blowup.js';
import { deviatorLawError, secondMoments } from './maxwell-molecules.js';
import { radialError, radialReference, type RadialScenarioName } from './radial-reference.js';
import { radialSymmetry, sphericalAverage, type SphericalAverage } from './radial-symmetry.js';

export interface OutputDiagnosticsOptions {
  scenario: string;
  params: ScenarioParams;
  rw: number;
  compareRadial: boolean;
  /** The run's operator: its equation picks the diagnostics of exact solutions and of the source; with it, blow-down runs also record the coercivity quantities of [GW24] (coercivity/blowdown-coercivity.ts). Without one, the Landau–Coulomb equation. */
  operator?: LandauOperator;
  /** Receives the radial reference profile (|v| ≤ √3 L) at every output. */
  onReference?: (profile: { t: number; r: number[]; f: number[] }) => void;
  /** Outputs a resumed run has already passed: the reference is advanced through them as the run did. */
  priorOutputs?: number[];
}

/** What a group knows of the run it watches. */
export interface WatchedRun extends OutputDiagnosticsOptions {
  grid: Grid;
  equation: Equation;
}

/** One row of the closing summary: a label and the value at an output (a number, or null for '—'). */
export interface SummaryRow {
  label: string;
  value(e: SeriesEntry): unknown;
}

export interface DiagnosticGroup {
  name: string;
  appliesTo(run: WatchedRun): boolean;
  /** A recorder for the run's outputs, called once per output in time order (it may keep state). */
  start(run: WatchedRun): (t: number, state: Float64Array, average: SphericalAverage) => SeriesExtras | Promise<SeriesExtras>;
  /** The rows of the closing summary; each is shown when the last output has its value. */
  summary?: readonly SummaryRow[];
}

const scenarioOf = (run: WatchedRun) => findScenario(run.scenario);
/** A summary value: the ratio of two keys of an output, undefined where either is not a number. */
const ratioOf =
  ([top, bottom]: readonly [keyof ScenarioDiagnostics, keyof ScenarioDiagnostics]) =>
  (e: SeriesEntry): number | undefined => {
    const [a, b] = [e[top], e[bottom]];
    return typeof a === 'number' && typeof b === 'number' ? a / b : undefined;
  };
/** The scenario's parameters with the radius R_w of the blow-down norms. */
const withRw = (run: WatchedRun) => ({ ...run.params, rw: run.rw });

export const DIAGNOSTIC_GROUPS: readonly DiagnosticGroup[] = [
  {
    name: 'radial symmetry',
    appliesTo: () => true,
    start: (run) => (_t, state, average) => radialSymmetry(run.grid, state, average),
  },
  {
    name: "the scenario's closed forms",
    appliesTo: (run) => scenarioOf(run)?.outputDiagnostics !== undefined,
    start: (run) => {
      const definition = scenarioOf(run)!;
      return (t, state) => definition.outputDiagnostics!(run.grid, state, t, withRw(run));
    },
    // The rows each scenario names for its own keys (a run shows those its last output has).
    summary: allScenarios().flatMap((s) => (s.summaryRows ?? []).map((row) => ({ label: row.label, value: 'ratio' in row ? ratioOf(row.ratio) : (e: SeriesEntry) => e[row.key] }))),
  },
  {
    name: 'coercivity along the run [GW24]',
    appliesTo: (run) => run.operator !== undefined && scenarioOf(run)?.coercivityAlongRun?.(run.params) === true,
    start: (run) => {
      const coercivity = blowdownCoercivity(run.operator!, withRw(run));
      return (t, state) => coercivity(t, state);
    },
    // null where undefined (h = 0 at t = 0)
    summary: [
      { label: 'R(F − M_eq), Lemma 2.4', value: (e) => e.rayleigh_LM },
      { label: '(L_E h,h)_μ/‖L_E h‖‖h‖, Lemma 3.1', value: (e) => e.LE_form_rel },
      { label: 'smallest C of Lemma 3.3', value: (e) => e.lemma33?.C_needed },
    ],
  },
  {
    name: 'Maxwell molecules: the deviator law',
    appliesTo: (run) => run.equation.isMaxwellMolecules && (SCENARIOS as readonly string[]).includes(run.scenario),
    start: (run) => {
      // Second moments at t = 0 from the scenario, so also for a resumed run.
      const moments0 = secondMoments(run.grid, initialState(run.grid, run.scenario as ScenarioName, run.params));
      return (t, state) => deviatorLawError(moments0, secondMoments(run.grid, state), t);
    },
    summary: [{ label: 'deviator vs e^{−3ρt/(2π)}', value: (e) => e.deviator_law_error }],
  },
  {
    name: 'blow-up watch of the source εF²',
    appliesTo: (run) => run.equation.hasSource,
    start: (run) => blowupDiagnostics(run.grid, run.equation),
  },
  {
    name: 'radial reference solver',
    appliesTo: (run) => run.compareRadial,
    start: (run) => {
      const reference = radialReference(run.scenario as RadialScenarioName, run.params);
      for (const t of run.priorOutputs ?? []) {
        if (t > reference.t) reference.advance(t, { includeStart: false });
      }
      return (t, _state, average) => {
        if (t > reference.t) reference.advance(t, { includeStart: false });
        const radial_error = radialError(run.grid, average, reference);
        const profile = reference.profile();
        const keep = Array.from(profile.r.keys()).filter((i) => profile.r[i]! <= Math.sqrt(3) * run.grid.L);
        run.onReference?.({ t, r: keep.map((i) => profile.r[i]!), f: keep.map((i) => profile.f[i]!) });
        return { radial_error };
      };
    },
    summary: [{ label: 'radial_error ‖S F − f_ref‖/‖f_ref‖', value: (e) => e.radial_error }],
  },
];

/** The diagnostics of a run's outputs: every group that applies, in registry order. */
export function outputDiagnostics(grid: Grid, o: OutputDiagnosticsOptions): StateDiagnostics {
  const run: WatchedRun = { ...o, grid, equation: o.operator?.equation ?? Equation.LANDAU_COULOMB };
  const recorders = DIAGNOSTIC_GROUPS.filter((g) => g.appliesTo(run)).map((g) => g.start(run));
  return async (t, state) => {
    const average = sphericalAverage(grid, state);
    const extra: SeriesExtras = {};
    for (const record of recorders) Object.assign(extra, await record(t, state, average));
    return extra;
  };
}

/** The summary rows of every group, in registry order. */
export const SUMMARY_ROWS: readonly SummaryRow[] = DIAGNOSTIC_GROUPS.flatMap((g) => g.summary ?? []);

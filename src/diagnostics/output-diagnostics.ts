// Host-side diagnostics of the state at every output of a run: radial symmetry always, the
// blow-down norms for that scenario, and optionally the distance of the spherical average from the
// radial reference solver advanced to the same time.
import type { Grid } from '../grid/grid.js';
import type { ScenarioParams } from '../scenarios/scenarios.js';
import type { StateDiagnostics } from '../solver/simulate.js';
import { blowdownDiagnostics } from './blowdown.js';
import { radialError, radialReference, type RadialScenarioName } from './radial-reference.js';
import { radialSymmetry, sphericalAverage } from './radial-symmetry.js';

export interface OutputDiagnosticsOptions {
  scenario: string;
  params: ScenarioParams;
  rw: number;
  compareRadial: boolean;
  /** Receives the radial reference profile (|v| ≤ √3 L) at every output. */
  onReference?: (profile: { t: number; r: number[]; f: number[] }) => void;
}

export function outputDiagnostics(grid: Grid, o: OutputDiagnosticsOptions): StateDiagnostics {
  const reference = o.compareRadial ? radialReference(o.scenario as RadialScenarioName, o.params) : null;
  return (t, state) => {
    const avg = sphericalAverage(grid, state);
    const extra: Record<string, unknown> = { ...radialSymmetry(grid, state, avg) };
    if (o.scenario === 'blowdown') Object.assign(extra, blowdownDiagnostics(grid, state, t, { ...o.params, rw: o.rw }));
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

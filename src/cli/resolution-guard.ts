// The resolution guard of run, sweep and coercivity: initial data the grid cannot see is refused
// (one line naming the smallest N that resolves it at this L), or run with --allow-unresolved and the
// error recorded. The checks are in src/scenarios/resolution.ts.
import { Grid } from '../core/grid/grid.js';
import type { ScenarioName, ScenarioParams } from '../scenarios/scenario-params.js';
import { fieldResolution, RESOLUTION_N_LIMIT, RESOLUTION_TOL, scenarioResolutionRecord } from '../scenarios/resolution.js';
import { beyondLargestGrid } from './grid-advice.js';
import { UsageError } from './option-values.js';

export const N_LIMIT = RESOLUTION_N_LIMIT;
export { defaultN } from './default-grid.js';

import type { ResolutionRecord } from '../scenarios/resolution.js';
export type { ResolutionRecord };

/** Checks a named scenario on a grid; throws a UsageError when it is not resolved, unless allowed. */
export function guardScenario(grid: Grid, name: ScenarioName, p: ScenarioParams, allowUnresolved: boolean): ResolutionRecord {
  const record = scenarioResolutionRecord(grid, name, p);
  if (record.resolved || allowUnresolved) return record;
  const smallestN = record.smallestN ?? null;
  const fix =
    smallestN === null
      ? beyondLargestGrid(name, p, grid.L)
      : smallestN > grid.n
        ? `the smallest N that resolves it at L = ${grid.L} is ${smallestN}`
        : `N = ${smallestN} resolves it at L = ${grid.L}`;
  throw new UsageError(
    `the grid does not resolve the initial data: at N = ${grid.n}, L = ${grid.L} (h = ${grid.h.toPrecision(3)}) the mass or second moments of ${record.worst} ` +
      `are off by ${record.error.toExponential(2)} (limit ${RESOLUTION_TOL}); ${fix} (or pass --allow-unresolved to run it anyway)`,
  );
}

/** Checks a field read from a file (the width of its narrowest feature, from its 3D spectrum). */
export function guardField(n: number, f: ArrayLike<number>, allowUnresolved: boolean, source: string): ResolutionRecord {
  const r = fieldResolution(n, f);
  const worst = r.widthInCells === Infinity ? 'the field' : `its narrowest feature (width ≈ ${r.widthInCells.toFixed(2)} cells along v_${r.axis})`;
  const record: ResolutionRecord = { check: 'spectrum', error: r.error, limit: RESOLUTION_TOL, resolved: r.resolved, worst };
  if (r.resolved || allowUnresolved) return record;
  throw new UsageError(
    `${source} varies on the scale of a cell: its 3D spectrum decays as a feature ${r.widthInCells.toFixed(2)} cells wide along v_${r.axis}, ` +
      `whose mass and second moments the grid would miss by ~${r.error.toExponential(1)} (limit ${RESOLUTION_TOL}); ` +
      `sample it on a finer grid (or pass --allow-unresolved to run it anyway)`,
  );
}

/** One line for the run's header and summary. */
export function resolutionLine(r: ResolutionRecord, grid: Grid, chosen: boolean): string {
  const what =
    r.check === 'moments'
      ? `mass and second moments of ${r.worst} within ${r.error.toExponential(1)}`
      : r.error === 0
        ? 'its 3D spectrum, less the Maxwellian of its moments, is at round-off above half the Nyquist frequency'
        : `mass and second moments of ${r.worst} within ~${r.error.toExponential(1)} (estimated from the 3D spectrum)`;
  if (!r.resolved) {
    const hint = r.smallestN ? `; N = ${r.smallestN} would resolve it` : r.smallestN === null ? '; no N resolves it at this L' : '';
    return `resolution: NOT resolved (--allow-unresolved): ${what}, above the limit ${r.limit.toPrecision(2)}${hint}`;
  }
  return `resolution: N = ${grid.n}${chosen ? ' (default: the smallest multiple of 8, ≥ 16, that resolves the data)' : ''} resolves the data — ${what}${r.error === 0 && r.check === 'spectrum' ? '' : ` (limit ${r.limit.toPrecision(2)})`}`;
}

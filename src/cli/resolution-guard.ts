// The resolution guard of run, sweep and coercivity: initial data the grid cannot see is refused
// (one line naming the smallest N that resolves it at this L), or run with --allow-unresolved and the
// error recorded. The checks are in src/scenarios/resolution.ts.
import { Grid } from '../core/grid/grid.js';
import type { ScenarioName, ScenarioParams } from '../scenarios/scenarios.js';
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

/** Checks a field read from a file (its 1D marginals at the Nyquist frequency). */
export function guardField(n: number, f: ArrayLike<number>, allowUnresolved: boolean, source: string): ResolutionRecord {
  const r = fieldResolution(n, f);
  const record: ResolutionRecord = { check: 'nyquist', error: r.nyquistRatio, limit: r.limit, resolved: r.resolved };
  if (r.resolved || allowUnresolved) return record;
  throw new UsageError(
    `${source} varies on the scale of a cell: a 1D marginal has ${(100 * r.nyquistRatio).toFixed(1)} % of the mass at the Nyquist frequency ` +
      `(limit ${(100 * r.limit).toFixed(1)} %, a mass error of ~${RESOLUTION_TOL}); sample it on a finer grid (or pass --allow-unresolved to run it anyway)`,
  );
}

/** One line for the run's header and summary. */
export function resolutionLine(r: ResolutionRecord, grid: Grid, chosen: boolean): string {
  const what = r.check === 'moments' ? `mass and second moments of ${r.worst} within ${r.error.toExponential(1)}` : `marginals' Nyquist content ${r.error.toExponential(1)}`;
  if (!r.resolved) {
    const hint = r.smallestN ? `; N = ${r.smallestN} would resolve it` : r.smallestN === null ? '; no N resolves it at this L' : '';
    return `resolution: NOT resolved (--allow-unresolved): ${what}, above the limit ${r.limit.toPrecision(2)}${hint}`;
  }
  return `resolution: N = ${grid.n}${chosen ? ' (default: the smallest multiple of 8, ≥ 16, that resolves the data)' : ''} resolves the data — ${what} (limit ${r.limit.toPrecision(2)})`;
}

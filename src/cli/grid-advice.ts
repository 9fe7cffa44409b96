// What a user can do when the grid a named scenario needs is out of reach: larger than the memory
// allows (N was chosen to resolve the data), or finer than the largest grid. Both name the cause
// and the ways out: a wider bump, or a smaller grid run under-resolved.
import { Grid } from '../core/grid/grid.js';
import { findScenario } from '../scenarios/catalogue.js';
import { RESOLUTION_N_LIMIT as N_LIMIT, scenarioResolution, separableTerms, type ResolutionRecord } from '../scenarios/resolution.js';
import type { ScenarioName, ScenarioParams } from '../scenarios/scenario-params.js';
import { defaultN } from './default-grid.js';
import { UsageError } from './option-values.js';
import { cliMessage } from './option-flags.js';

/** Grids beyond the largest one are searched up to this N, only to say how fine the data need. */
const SEARCH_N_MAX = 16 * N_LIMIT;
/** Bisection steps on log δ for the smallest δ a grid resolves. */
const DELTA_STEPS = 24;

/** An error the backend raises for a grid it cannot hold, with the largest N it can. */
interface TooLarge {
  message: string;
  largestN: number;
}

function isTooLarge(err: unknown): err is TooLarge {
  return err instanceof Error && typeof (err as Partial<TooLarge>).largestN === 'number';
}

/**
 * The backend's refusal of a grid the resolution guard chose, told as such: why N is this large and
 * what else there is. Other errors, and grids the user gave with --n, come back unchanged.
 */
export function explainChosenGrid(err: unknown, grid: Grid, name: ScenarioName, p: ScenarioParams, resolution: ResolutionRecord): unknown {
  if (!isTooLarge(err) || err.largestN < 4) return err;
  const fits = err.largestN;
  const ways = [`--n ${fits} --allow-unresolved to run it on the largest grid that fits, its resolution error recorded`];
  const delta = smallestDeltaResolvedBy(name, p, grid.L, fits);
  if (delta !== null) ways.unshift(`a larger --delta (δ ≥ ${delta} is resolved at N ≤ ${fits})`);
  return new UsageError(
    `N = ${grid.n} is the grid chosen to resolve ${resolution.worst ?? 'the initial data'} at L = ${grid.L} (the smallest multiple of 8 that does), ` +
      `but ${cliMessage(err).replace(/^grid too large for this GPU: /, 'this GPU cannot hold it: ')}; instead give ${ways.join(', or ')}`,
  );
}

/**
 * Why no grid up to the largest resolves a scenario at this L, and what to do: a feature finer than
 * the largest grid's cells (then the N it would need, and a larger δ), or a box that cuts the tails.
 */
export function beyondLargestGrid(name: ScenarioName, p: ScenarioParams, L: number): string {
  const terms = separableTerms(name, p);
  const fine = new Grid({ n: SEARCH_N_MAX, L });
  if (!scenarioResolution(fine, terms).resolved) return `no N ≤ ${N_LIMIT} resolves it at L = ${L}: the box cuts its tails; enlarge --L`;
  const needed = smallestResolvingNAbove(N_LIMIT, SEARCH_N_MAX, (n) => scenarioResolution(new Grid({ n, L }), terms).resolved);
  const delta = smallestDeltaResolvedBy(name, p, L, N_LIMIT);
  const wider = delta !== null ? `give a larger --delta (δ ≥ ${delta} is resolved at N ≤ ${N_LIMIT})` : 'give wider data';
  return `it needs N ≈ ${needed} (h = ${((2 * L) / needed).toPrecision(2)}), beyond the largest grid N = ${N_LIMIT}; ${wider}`;
}

/** The smallest n in (lo, hi] passing `resolves` (true at hi), by bisection: the guard's verdict grows with n, up to round-off near the limit. */
function smallestResolvingNAbove(lo: number, hi: number, resolves: (n: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (resolves(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The smallest δ (two significant digits, rounded up) whose default grid (the one a run picks) is at most nMax at this L,
 * for scenarios that read δ; null for others, or when no δ < 1 is resolved there.
 */
export function smallestDeltaResolvedBy(name: ScenarioName, p: ScenarioParams, L: number, nMax: number): number | null {
  if (!findScenario(name)?.params.includes('delta')) return null;
  // The grid a run would choose for this δ: at most nMax, and resolving it.
  const fits = (delta: number) => {
    if (!(delta < 1)) return false;
    const q = { ...p, delta };
    const n = defaultN(name, q, L);
    return n <= nMax && scenarioResolution(new Grid({ n, L }), separableTerms(name, q)).resolved;
  };
  let [lo, hi] = [Math.log(p.delta), Math.log(0.99)];
  if (!fits(Math.exp(hi))) return null;
  for (let k = 0; k < DELTA_STEPS; k++) {
    const mid = (lo + hi) / 2;
    if (fits(Math.exp(mid))) hi = mid;
    else lo = mid;
  }
  // Rounded up to two digits, and stepped up until it is resolved (the bisection's edge may not be).
  const digits = (x: number) => 10 ** (Math.floor(Math.log10(x)) - 1);
  const edge = Math.exp(hi);
  let delta = Number((Math.ceil(edge / digits(edge)) * digits(edge)).toPrecision(2));
  while (!fits(delta) && delta < 1) delta = Number((delta + digits(delta)).toPrecision(2));
  return fits(delta) ? delta : null;
}

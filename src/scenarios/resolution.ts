// Does the grid see the initial data? Every named scenario is a sum of separable terms
// w · Π_a x_a^{p_a} exp(−(x_a − u_a)²/(2T_a)), so its discrete mass and second moments on the cell
// centres are products of 1D sums, and their exact values over R³ products of Gaussian moments:
// both are cheap for any N. A term whose discrete mass or second moments miss the exact ones by more
// than RESOLUTION_TOL (relative) is not resolved — a bump narrower than the cells, or a box that
// cuts the tails. For a field read from a file the exact values are unknown; there the check is the
// Nyquist content of the data's 1D marginals (see fieldResolution).
import { Grid } from '../core/grid/grid.js';
import { scenario } from './catalogue.js';
import type { ScenarioName, ScenarioParams } from './scenarios.js';

export const RESOLUTION_TOL = 1e-4;

/** w · Π_a x_a^{p_a} exp(−(x_a − u_a)²/(2 T_a)). */
export interface SeparableTerm {
  weight: number;
  centre: [number, number, number];
  temps: [number, number, number];
  powers: [number, number, number];
  label: string;
}

/** The initial data of a named scenario as separable terms (initialState samples the same sum). */
export function separableTerms(name: ScenarioName, p: ScenarioParams): SeparableTerm[] {
  return scenario(name).separableTerms(p);
}

/** ∫_R x^q e^{−(x−u)²/(2T)} dx for q ≤ 4 (moments of a normal law times √(2πT)). */
function gaussianMoment(q: number, u: number, t: number): number {
  const moments = [1, u, u * u + t, u ** 3 + 3 * u * t, u ** 4 + 6 * u * u * t + 3 * t * t];
  return Math.sqrt(2 * Math.PI * t) * moments[q]!;
}

/** h Σ_i x_i^q g(x_i) over the cell centres of one axis. */
function discreteMoment(grid: Grid, q: number, power: number, u: number, t: number): number {
  let sum = 0;
  for (const x of grid.axis) sum += x ** (q + power) * Math.exp(-((x - u) ** 2) / (2 * t));
  return sum * grid.h;
}

export interface ResolutionReport {
  /** Largest relative error of a term's mass or second moments: the grid against R³. */
  error: number;
  /** The term with that error. */
  worst: string;
  resolved: boolean;
}

/** Mass and second moments ∫v_a² of each term, discrete (grid) and exact (R³). */
export function scenarioResolution(grid: Grid, terms: SeparableTerm[]): ResolutionReport {
  let error = 0;
  let worst = '';
  // Groups of terms with one label are one feature of the data (BKW's polynomial parts).
  const labels = [...new Set(terms.map((t) => t.label))];
  for (const label of labels) {
    const group = terms.filter((t) => t.label === label);
    // moments[q] for q = 0 (mass) and the three ∫v_a² (q = 2 on axis a).
    const exact = [0, 0, 0, 0];
    const discrete = [0, 0, 0, 0];
    for (const term of group) {
      const axisMoment = (a: number, q: number, onGrid: boolean) =>
        onGrid ? discreteMoment(grid, q, term.powers[a], term.centre[a], term.temps[a]) : gaussianMoment(q + term.powers[a], term.centre[a], term.temps[a]);
      for (const onGrid of [false, true]) {
        const out = onGrid ? discrete : exact;
        const m = [0, 1, 2].map((a) => axisMoment(a, 0, onGrid));
        out[0]! += term.weight * m[0]! * m[1]! * m[2]!;
        for (let a = 0; a < 3; a++) {
          const others = m.reduce((p, x, b) => (b === a ? p : p * x), 1);
          out[1 + a]! += term.weight * axisMoment(a, 2, onGrid) * others;
        }
      }
    }
    const trace = exact[1]! + exact[2]! + exact[3]!;
    const errors = [Math.abs(discrete[0]! - exact[0]!) / Math.abs(exact[0]!), ...[1, 2, 3].map((k) => Math.abs(discrete[k]! - exact[k]!) / Math.abs(trace))];
    const e = Math.max(...errors);
    if (e > error || worst === '') {
      error = e;
      worst = label;
    }
  }
  return { error, worst, resolved: error <= RESOLUTION_TOL };
}

/** Smallest N ≤ nMax whose grid on [−L, L]³ resolves the terms, or null if none does (the box is too small). */
export function smallestResolvingN(L: number, terms: SeparableTerm[], nMax: number, grid: (n: number) => Grid): number | null {
  for (let n = 4; n <= nMax; n++) if (scenarioResolution(grid(n), terms).resolved) return n;
  return null;
}

/**
 * A field from a file: the largest Nyquist amplitude of its three 1D marginals relative to its mass,
 * |h Σ_i (−1)^i m_a(x_i)| / mass. For a Gaussian feature the mass error of the grid is about twice
 * the fourth power of that ratio, so a ratio above (RESOLUTION_TOL/2)^{1/4} ≈ 0.084 flags data that
 * varies on the scale of a cell.
 */
export function fieldResolution(n: number, f: ArrayLike<number>): { nyquistRatio: number; limit: number; resolved: boolean } {
  const marginals = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  let mass = 0;
  let c = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++, c++) {
        const v = f[c]!;
        marginals[0]![i]! += v;
        marginals[1]![j]! += v;
        marginals[2]![k]! += v;
        mass += v;
      }
  let ratio = 0;
  for (const m of marginals) {
    let alternating = 0;
    for (let i = 0; i < n; i++) alternating += i % 2 === 0 ? m[i]! : -m[i]!;
    ratio = Math.max(ratio, Math.abs(alternating) / mass);
  }
  const limit = Math.pow(RESOLUTION_TOL / 2, 0.25);
  return { nyquistRatio: ratio, limit, resolved: ratio <= limit };
}

/** The resolution verdict a run records in its configuration (cli/resolution-guard.ts makes it). */
export interface ResolutionRecord {
  /** 'moments': a named scenario's mass and second moments against their exact values; 'nyquist': a file's marginals. */
  check: 'moments' | 'nyquist';
  error: number;
  limit: number;
  resolved: boolean;
  /** What the error belongs to (a term of the data). */
  worst?: string;
  /** Smallest N that resolves the data at this L (null: none up to 512 — the box cuts it). */
  smallestN?: number | null;
}

/** Grids up to this N are searched for the smallest that resolves the data. */
export const RESOLUTION_N_LIMIT = 512;

/** The resolution record of a named scenario on a grid, with the smallest N that resolves it when this one does not. */
export function scenarioResolutionRecord(grid: Grid, name: ScenarioName, p: ScenarioParams): ResolutionRecord {
  const terms = separableTerms(name, p);
  const report = scenarioResolution(grid, terms);
  const record: ResolutionRecord = { check: 'moments', error: report.error, limit: RESOLUTION_TOL, resolved: report.resolved, worst: report.worst };
  if (!report.resolved) record.smallestN = smallestResolvingN(grid.L, terms, RESOLUTION_N_LIMIT, (n) => new Grid({ n, L: grid.L }));
  return record;
}

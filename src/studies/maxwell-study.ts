// Convergence study of the Maxwell-molecule kernel (γ = 0) against its exact solutions: for each N,
// a BKW run (error of F against F_BKW(t)) and a bi-Maxwellian run (error of the second-moment
// deviator against D(0)e^{−3ρt/(2π)}), both through the solver's time loop, reported per output time.
import { DEFAULT_STEP_LIMITS } from '../equation/stability.js';
import { Grid } from '../core/grid/grid.js';
import type { LandauOperator } from '../backends/landau-operator.js';
import { DEFAULT_SCENARIO_PARAMS, type ScenarioParams } from '../scenarios/scenario-params.js';
import { initialState } from '../scenarios/catalogue.js';
import { simulate } from '../solver/simulate.js';
import { deviatorLawError, secondMoments } from '../diagnostics/maxwell-molecules.js';
import { bkwError } from '../scenarios/bkw.js';
import type { SeriesExtras } from '../diagnostics/series.js';

export interface MaxwellStudyOptions {
  ns: number[];
  /** Box half-widths of the BKW and the bi-Maxwellian runs (γ = 0 is stiff in large boxes: A grows like |v|²). */
  bkwL: number;
  bimaxwellianL: number;
  /** Output times: multiples of the first, ascending. */
  bkwTimes: number[];
  deviatorTimes: number[];
  t0: number;
  /** Temperatures of the bi-Maxwellian. */
  tPar: number;
  tPerp: number;
  /** A γ = 0 operator on the grid; the study disposes it after its run. */
  makeOperator(grid: Grid): Promise<LandauOperator>;
  onRow?(row: MaxwellStudyRow): void;
}

export interface MaxwellStudyRow {
  run: 'bkw' | 'bimaxwellian';
  n: number;
  h: number;
  t: number;
  /** bkw: relative L¹ and max errors of F; bimaxwellian: deviator error relative to tr P(0)/3. */
  errorL1?: number;
  errorMax?: number;
  deviatorError?: number;
  steps: number;
}

export const DEFAULT_MAXWELL_STUDY: Omit<MaxwellStudyOptions, 'makeOperator'> = {
  ns: [12, 16, 20],
  bkwL: 4,
  bimaxwellianL: 5,
  bkwTimes: [0.5, 1, 2],
  deviatorTimes: [0.25, 0.5, 1],
  t0: DEFAULT_SCENARIO_PARAMS.t0,
  tPar: 1.2,
  tPerp: 0.9,
};

export async function maxwellStudy(o: MaxwellStudyOptions): Promise<MaxwellStudyRow[]> {
  const rows: MaxwellStudyRow[] = [];
  const keep = (row: MaxwellStudyRow) => {
    rows.push(row);
    o.onRow?.(row);
  };
  const params: ScenarioParams = { ...DEFAULT_SCENARIO_PARAMS, t0: o.t0, tPar: o.tPar, tPerp: o.tPerp };
  for (const n of o.ns) {
    const bkwGrid = new Grid({ n, L: o.bkwL });
    for (const e of await run(bkwGrid, 'bkw', params, o.bkwTimes, o, (t, f) => bkwError(bkwGrid, f, t, o.t0))) {
      keep({ run: 'bkw', n, h: bkwGrid.h, t: e.t, errorL1: e.bkw_error_l1!, errorMax: e.bkw_error_max!, steps: e.step });
    }
    const biGrid = new Grid({ n, L: o.bimaxwellianL });
    const reference = secondMoments(biGrid, initialState(biGrid, 'bimaxwellian', params));
    for (const e of await run(biGrid, 'bimaxwellian', params, o.deviatorTimes, o, (t, f) => deviatorLawError(reference, secondMoments(biGrid, f), t))) {
      keep({ run: 'bimaxwellian', n, h: biGrid.h, t: e.t, deviatorError: e.deviator_law_error!, steps: e.step });
    }
  }
  return rows;
}

async function run(
  grid: Grid,
  scenario: 'bkw' | 'bimaxwellian',
  params: ScenarioParams,
  times: number[],
  o: MaxwellStudyOptions,
  diagnose: (t: number, f: Float64Array) => SeriesExtras,
) {
  const op = await o.makeOperator(grid);
  try {
    op.setState(initialState(grid, scenario, params));
    const series = await simulate(op, { tEnd: times[times.length - 1]!, dtOut: times[0]!, ...DEFAULT_STEP_LIMITS }, {}, diagnose);
    return series.filter((e) => times.some((t) => Math.abs(e.t - t) < 1e-9));
  } finally {
    op.dispose();
  }
}

/** The rows as a Markdown table, one line per (run, N, t). */
export function maxwellStudyTable(rows: MaxwellStudyRow[]): string {
  const fmt = (x: number | undefined) => (x === undefined ? '' : x.toExponential(2));
  return [
    '| run | N | h | t | rel. L¹ error of F | rel. max error of F | deviator error / (tr P(0)/3) | steps |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.run} | ${r.n} | ${r.h.toFixed(3)} | ${r.t} | ${fmt(r.errorL1)} | ${fmt(r.errorMax)} | ${fmt(r.deviatorError)} | ${r.steps} |`),
  ].join('\n');
}

// The non-radial blow-down study: does the mechanism of [GW24] survive a bump that is off the
// origin or not round? For each δ and each bump (centres along v_x, anisotropic shapes at the
// origin) a resolved 3D run from M + δ^α N(u, δD) records, against the generalised profile E_u
// (src/scenarios/bump-profile.ts): ‖E_u + f‖ in L²(M⁻¹) at t* beside δ^{α−1/4} (the constant C of
// the bound), ‖f‖, the bump's measured centre and covariance against u and Σ(t*), the time its
// excess mass (∫(F − M_eq)₊ over four widths √λmax(Σ(t)) about u) takes to fall to 1/e of its start,
// and the rate of the decay to equilibrium after t*.
import { Grid } from '../core/grid/grid.js';
import { exponentialRate } from '../core/math/fits.js';
import type { LandauOperator } from '../backends/landau-operator.js';
import { BLOWDOWN } from '../scenarios/blowdown.js';
import { bumpDiagnostics } from '../scenarios/bump-profile.js';
import { scenarioResolutionRecord } from '../scenarios/resolution.js';
import { DEFAULT_SCENARIO_PARAMS, type ScenarioParams } from '../scenarios/scenario-params.js';
import { simulate, type ResumePoint } from '../solver/simulate.js';
import { stepwiseInterruptible } from '../solver/interruptible-operator.js';
import { caseId, finishedOrRun, type CaseCheckpoints, type StudyControl } from './study-cases.js';
import { DEFAULT_STEP_LIMITS } from '../equation/stability.js';
import type { SeriesEntry, StateDiagnostics } from '../diagnostics/series.js';

export interface NonradialSettings {
  deltas: number[];
  alpha: number;
  /** Bump centres (u, 0, 0), round bumps. */
  centres: number[];
  /** Anisotropic bumps at the origin: the diagonal (a, b, c) of D. */
  shapes: [number, number, number][];
  tStar: number;
  tEnd: number;
  dtOut: number;
  n: number;
  L: number;
  rw: number;
}

export interface NonradialRow {
  delta: number;
  centre: [number, number, number];
  shape: [number, number, number];
  /** Set when the grid does not resolve the case (then nothing else is). */
  n_needed?: number | null;
  ref_scale: number;
  Ef_L2M?: number;
  f_L2M?: number;
  /** ‖E_u + f‖(t*) / δ^{α−1/4}. */
  C?: number;
  bump_centre?: number[];
  bump_covariance?: number[];
  E_covariance?: number[];
  /** First time the excess mass is below 1/e of its start (linear between outputs); null if not by tEnd. */
  excess_efold_time?: number | null;
  /** 1/λ of excess ≈ C e^{−λt} fitted over the run: the 1/e time extrapolated where the run is shorter. */
  excess_efold_fit?: number | null;
  /** λ of ‖F − M_eq‖ ≈ C e^{−λt} fitted over t ≥ t*. */
  decay_rate?: number | null;
  /** The run's series, t and the tracked quantities at every output (for the report). */
  history?: { t: number; Ef_L2M: number; bump_mass: number; bump_excess: number; bump_covariance: number[]; E_covariance: number[]; bump_centre: number[] }[];
  conservation?: { mass: number; energy: number; momentum: number };
}

const triple = (name: string, value: (r: NonradialRow) => readonly number[] | undefined): [string, (r: NonradialRow) => number | undefined][] =>
  name.split(',').map((h, k) => [h, (r) => value(r)?.[k]]);

/** The columns of nonradial.csv (io/csv.ts writes them). */
export const NONRADIAL_COLUMNS: readonly (readonly [string, (r: NonradialRow) => number | null | undefined])[] = [
  ['delta', (r) => r.delta],
  ...triple('u_x,u_y,u_z', (r) => r.centre),
  ...triple('a,b,c', (r) => r.shape),
  ['ref_scale', (r) => r.ref_scale],
  ['Ef_L2M', (r) => r.Ef_L2M],
  ['C', (r) => r.C],
  ['f_L2M', (r) => r.f_L2M],
  ['centre_x', (r) => r.bump_centre?.[0]],
  ...triple('cov_xx,cov_yy,cov_zz', (r) => r.bump_covariance),
  ...triple('E_cov_xx,E_cov_yy,E_cov_zz', (r) => r.E_covariance),
  ['excess_efold_time', (r) => r.excess_efold_time],
  ['excess_efold_fit', (r) => r.excess_efold_fit],
  ['decay_rate', (r) => r.decay_rate],
  ['n_needed', (r) => r.n_needed],
];

/** A case's name in tables and legends: the round bump's centre, or the anisotropic bump's shape. */
export function caseName(r: { centre: number[]; shape: number[] }): string {
  return r.shape.every((a) => a === 1) ? `u = (${r.centre.join(', ')})` : `D = diag(${r.shape.join(', ')})`;
}

export function nonradialCases(o: NonradialSettings): { centre: [number, number, number]; shape: [number, number, number] }[] {
  return [
    ...o.centres.map((u) => ({ centre: [u, 0, 0] as [number, number, number], shape: [1, 1, 1] as [number, number, number] })),
    ...o.shapes.map((shape) => ({ centre: [0, 0, 0] as [number, number, number], shape })),
  ];
}

/** The id of a case of the study (study-cases.ts): δ, the bump's centre u and its shape D. */
export function nonradialCaseId(r: { delta: number; centre: readonly number[]; shape: readonly number[] }): string {
  return caseId({ delta: r.delta, u: r.centre, D: r.shape });
}

/**
 * Every δ with every bump; `onRow` sees each case as it is done (or taken from `control`'s store),
 * `control.signal` stops the study within a step of the case it runs.
 */
export async function nonradialStudy(
  o: NonradialSettings,
  operatorFor: (grid: Grid) => Promise<{ operator: LandauOperator; release(): void }>,
  onRow: (row: NonradialRow) => void = () => {},
  control: StudyControl<NonradialRow> = {},
): Promise<NonradialRow[]> {
  const rows: NonradialRow[] = [];
  for (const delta of o.deltas)
    for (const { centre, shape } of nonradialCases(o)) {
      const row = await finishedOrRun(control, nonradialCaseId({ delta, centre, shape }), () => nonradialCase(o, delta, centre, shape, operatorFor, control.signal));
      rows.push(row);
      onRow(row);
    }
  return rows;
}

/** One case: its resolution, and where the grid resolves it, the 3D run and what it measures. */
export async function nonradialCase(
  o: NonradialSettings,
  delta: number,
  centre: [number, number, number],
  shape: [number, number, number],
  operatorFor: (grid: Grid) => Promise<{ operator: LandauOperator; release(): void }>,
  signal?: AbortSignal,
  checkpoints?: CaseCheckpoints,
): Promise<NonradialRow> {
  const grid = new Grid({ n: o.n, L: o.L });
  const params: ScenarioParams = { ...DEFAULT_SCENARIO_PARAMS, delta, alpha: o.alpha, bumpCenter: centre, bumpTemps: shape };
  const row: NonradialRow = { delta, centre, shape, ref_scale: Math.pow(delta, o.alpha - 0.25) };
  const resolution = scenarioResolutionRecord(grid, BLOWDOWN.name, params);
  if (!resolution.resolved) {
    row.n_needed = resolution.smallestN ?? null;
    return row;
  }
  const { operator, release } = await operatorFor(grid);
  try {
    const earlier = (await checkpoints?.load()) ?? null;
    operator.setState(earlier?.state ?? BLOWDOWN.initialState(grid, params));
    const diagnose: StateDiagnostics = async (t, state) => ({ ...bumpDiagnostics(grid, state, t, { ...params, rw: o.rw }) });
    const stepped = signal ? stepwiseInterruptible(operator, signal) : operator;
    // The diagnostics depend on the state and t alone, so a run gone on from an output records what it would have.
    const kept = [...(earlier?.series ?? [])];
    const observer = checkpoints ? { onOutput: (entry: SeriesEntry, state: Float64Array, from: ResumePoint) => checkpoints.save({ from, series: (kept.push(entry), kept), state }) } : {};
    const series = [...(earlier?.series ?? []), ...(await simulate(stepped, { tEnd: o.tEnd, dtOut: o.dtOut, ...DEFAULT_STEP_LIMITS, signal }, observer, diagnose, earlier?.from))];
    const history = series.map((e) => ({
      t: e.t,
      Ef_L2M: e.Ef_L2M!,
      bump_mass: e.bump_mass!,
      bump_excess: e.bump_excess!,
      bump_covariance: e.bump_covariance!,
      E_covariance: e.E_covariance!,
      bump_centre: e.bump_centre!,
    }));
    const atStar = series.reduce((best, e) => (Math.abs(e.t - o.tStar) < Math.abs(best.t - o.tStar) ? e : best));
    Object.assign(row, {
      Ef_L2M: atStar.Ef_L2M,
      f_L2M: atStar.f_L2M,
      C: atStar.Ef_L2M! / row.ref_scale,
      bump_centre: atStar.bump_centre,
      bump_covariance: atStar.bump_covariance,
      E_covariance: atStar.E_covariance,
      excess_efold_time: efoldTime(history),
      excess_efold_fit: inverse(exponentialRate(history.map((h) => ({ t: h.t, y: h.bump_excess })))),
      decay_rate: exponentialRate(series.filter((e) => e.t >= o.tStar).map((e) => ({ t: e.t, y: e.dist_Meq_L2M! }))),
      history,
      conservation: { mass: series.at(-1)!.massDrift, energy: series.at(-1)!.energyDrift, momentum: series.at(-1)!.momentumDrift },
    });
  } finally {
    release();
  }
  return row;
}

const inverse = (rate: number | null) => (rate !== null && rate > 0 ? 1 / rate : null);

/** First time the bump's excess over M_eq is at most 1/e of its start, linearly between outputs. */
function efoldTime(history: { t: number; bump_excess: number }[]): number | null {
  const target = history[0]!.bump_excess / Math.E;
  for (let k = 1; k < history.length; k++) {
    const [a, b] = [history[k - 1]!, history[k]!];
    if (b.bump_excess <= target) return a.t + ((a.bump_excess - target) / (a.bump_excess - b.bump_excess)) * (b.t - a.t);
  }
  return null;
}

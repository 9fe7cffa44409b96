// The blow-down δ family of [GW24], Theorem 1.1: for every δ the radial reference solver (N and
// 2N shells, Richardson-extrapolated) runs to t*, and the 3D solver too where its grid resolves
// the bump (otherwise the row names the N that would); ‖E + f‖(t*) and ‖f‖(t*) in L²(M⁻¹) against
// δ^(α−1/4), the fitted exponents and one verdict. `landau3d sweep` (src/cli/sweep-command.ts)
// parses, calls and writes.
import { outputDiagnostics } from '../diagnostics/output-diagnostics.js';
import { radialPoints, radialReferencePair, richardsonRecord } from '../diagnostics/radial-reference.js';
import { DEFAULT_STEP_LIMITS } from '../equation/stability.js';
import { Grid } from '../core/grid/grid.js';
import { logSlope } from '../core/math/fits.js';
import type { LandauOperator } from '../backends/landau-operator.js';
import { blowdownNorms } from '../scenarios/blowdown-profile.js';
import { scenarioResolutionRecord } from '../scenarios/resolution.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import { BLOWDOWN } from '../scenarios/blowdown.js';
import { simulate } from '../solver/simulate.js';
import { stepwiseInterruptible } from '../solver/interruptible-operator.js';
import { caseId, finishedOrRun, type StudyControl } from './study-cases.js';

export interface SweepRow {
  delta: number;
  ref_scale: number;
  radial: { Ef_L2M: number; f_L2M: number; f0: number };
  grid3d: { n: number; Ef_L2M: number; f_L2M: number; radial_error: number } | null;
  /** Where the 3D grid does not resolve this δ: the smallest N that would at this L (null: none ≤ 512). */
  n_needed?: number | null;
}

/** The columns of sweep.csv (io/csv.ts writes them). */
export const SWEEP_COLUMNS: readonly (readonly [string, (r: SweepRow) => number | null | undefined])[] = [
  ['delta', (r) => r.delta],
  ['ref_scale', (r) => r.ref_scale],
  ['radial_Ef_L2M', (r) => r.radial.Ef_L2M],
  ['radial_f_L2M', (r) => r.radial.f_L2M],
  ['radial_f0', (r) => r.radial.f0],
  ['n3d', (r) => r.grid3d?.n],
  ['grid3d_Ef_L2M', (r) => r.grid3d?.Ef_L2M],
  ['grid3d_f_L2M', (r) => r.grid3d?.f_L2M],
  ['radial_error', (r) => r.grid3d?.radial_error],
  ['n_needed', (r) => r.n_needed],
];

export interface SweepSettings {
  deltas: number[];
  alpha: number;
  tStar: number;
  /** 3D grid, 0 for the radial solver only. */
  n: number;
  L: number;
  rw: number;
}

export interface SweepResult {
  rows: SweepRow[];
  fit: SweepFit;
  /** The exponent as δ → 0 is at least the theorem's α − 1/4. */
  met: boolean;
  verdict: string;
}

/** The id of the sweep's case δ (study-cases.ts). */
export const sweepCaseId = (delta: number) => caseId({ delta });

/**
 * The sweep; `operatorFor` gives the 3D backend of a grid, `onRow` sees each δ as it is done (or
 * taken from `control`'s store), `control.signal` stops it within a step of the δ it runs.
 */
export async function blowdownSweep(
  o: SweepSettings,
  operatorFor: (grid: Grid) => Promise<{ operator: LandauOperator; release(): void }>,
  onRow: (row: SweepRow) => void = () => {},
  control: StudyControl<SweepRow> = {},
): Promise<SweepResult> {
  const rows: SweepRow[] = [];
  for (const delta of o.deltas) {
    const row = await finishedOrRun(control, sweepCaseId(delta), () => sweepCase(o, delta, operatorFor, control.signal));
    rows.push(row);
    onRow(row);
  }
  return sweepResult(o, rows);
}

/** The fit and the verdict of the sweep's rows (one per δ of o.deltas, in that order). */
export function sweepResult(o: SweepSettings, rows: SweepRow[]): SweepResult {
  const { alpha } = o;
  // The asymptotic regime is δ ≪ 2c0 t*: below that E's temperature no longer depends on δ. The
  // tail fit over the three smallest δ shows the exponent there; C is max ‖E + f‖ / δ^(α−1/4).
  const smallest = [...rows].sort((a, b) => a.delta - b.delta).slice(0, 3);
  const fit: SweepFit = {
    Ef_radial_small_delta: smallest.length === 3 ? logSlope(smallest.map((r) => ({ x: r.delta, y: r.radial.Ef_L2M }))) : null,
    C: Math.max(...rows.map((r) => r.radial.Ef_L2M / r.ref_scale)),
    Ef_radial: logSlope(rows.map((r) => ({ x: r.delta, y: r.radial.Ef_L2M }))),
    f_radial: logSlope(rows.map((r) => ({ x: r.delta, y: r.radial.f_L2M }))),
    Ef_3d: logSlope(rows.filter((r) => r.grid3d).map((r) => ({ x: r.delta, y: r.grid3d!.Ef_L2M }))),
    theorem: alpha - 0.25,
  };
  return { rows, fit, met: boundMet(fit), verdict: sweepVerdict(rows, fit) };
}

/** One δ: the radial reference (N and 2N shells, extrapolated) and the 3D run where the grid resolves δ. */
export async function sweepCase(
  o: SweepSettings,
  delta: number,
  operatorFor: (grid: Grid) => Promise<{ operator: LandauOperator; release(): void }>,
  signal?: AbortSignal,
): Promise<SweepRow> {
  const { alpha, tStar, n, L, rw } = o;
  const name = BLOWDOWN.name;
  const params = { ...DEFAULT_SCENARIO_PARAMS, delta, alpha };
  const reference = radialReferencePair(name, params);
  const norms = [];
  for (const s of [reference.coarse, reference.fine]) {
    await s.advanceInterruptible(tStar, { includeStart: false }, signal);
    norms.push({ ...blowdownNorms(radialPoints(s), tStar, { delta, alpha, rw }), f0: s.diagnostics().f0 });
  }
  const rn = richardsonRecord(norms[0]!, norms[1]!);
  const row: SweepRow = { delta, ref_scale: rn.ref_scale, radial: { Ef_L2M: rn.Ef_L2M, f_L2M: rn.f_L2M, f0: rn.f0 }, grid3d: null };
  const grid = n > 0 ? new Grid({ n, L }) : null;
  const resolution = grid ? scenarioResolutionRecord(grid, name, params) : null;
  if (grid && resolution && !resolution.resolved) row.n_needed = resolution.smallestN;
  if (grid && resolution?.resolved) {
    const { operator, release } = await operatorFor(grid);
    try {
      operator.setState(BLOWDOWN.initialState(grid, params));
      const diagnose = outputDiagnostics(grid, { scenario: name, params, rw, compareRadial: true });
      const stepped = signal ? stepwiseInterruptible(operator, signal) : operator;
      const series = await simulate(stepped, { tEnd: tStar, dtOut: tStar, ...DEFAULT_STEP_LIMITS, signal }, {}, diagnose);
      const last = series[series.length - 1]!;
      row.grid3d = { n, Ef_L2M: last.Ef_L2M!, f_L2M: last.f_L2M!, radial_error: last.radial_error! };
    } finally {
      release();
    }
  }
  return row;
}

export interface SweepFit {
  Ef_radial_small_delta: number | null;
  C: number;
  Ef_radial: number | null;
  f_radial: number | null;
  Ef_3d: number | null;
  theorem: number;
}

/**
 * The exponent of ‖E + f‖(t*) ~ δ^p that the verdict judges, and the δ it is fitted over: the three
 * smallest (the asymptotic regime) where there are three, else all. The verdict and the report's
 * legend both quote this one.
 */
export function judgedExponent(fit: SweepFit): { value: number; over: string } | null {
  if (fit.Ef_radial_small_delta !== null) return { value: fit.Ef_radial_small_delta, over: 'over the three smallest δ' };
  if (fit.Ef_radial !== null) return { value: fit.Ef_radial, over: 'over all δ' };
  return null;
}

/** An exponent as the verdict and the legends print it (3 decimals, a true minus sign). */
export const exponentText = (p: number) => p.toFixed(3).replace('-', '−');

/** Whether ‖E + f‖ falls at least like the theorem's δ^(α−1/4) as δ → 0. */
export function boundMet(fit: SweepFit): boolean {
  const judged = judgedExponent(fit);
  return judged !== null && judged.value >= fit.theorem - 1e-9;
}

/** How a norm ~ δ^p moves as δ decreases, in words. */
const trend = (p: number) => `${p < 0 ? 'grows' : 'falls'} as δ decreases, like δ^${exponentText(p)}`;

/**
 * One sentence on the theorem's bound ‖E + f‖(t*) ≤ C δ^(α−1/4) as δ → 0. Over finitely many δ a
 * constant C always exists; what the data can show is whether ‖E + f‖/δ^(α−1/4) stays bounded as
 * δ decreases, i.e. whether ‖E + f‖ falls at least like δ^(α−1/4) over the smallest δ.
 */
export function sweepVerdict(rows: SweepRow[], fit: SweepFit): string {
  const judged = judgedExponent(fit);
  if (judged === null) return 'one δ only: no exponent to fit';
  const worst = rows.reduce((a, b) => (b.radial.Ef_L2M / b.ref_scale > a.radial.Ef_L2M / a.ref_scale ? b : a));
  const d3 = fit.Ef_3d !== null ? ` (3D, where resolved: like δ^${exponentText(fit.Ef_3d)})` : '';
  const head = `‖E + f‖(t*) in L²(M⁻¹) ${trend(judged.value)} ${judged.over}${d3}`;
  const bound = `the theorem's bound C·δ^(α−1/4) = C·δ^${exponentText(fit.theorem)}`;
  const f = fit.f_radial !== null ? `. ‖f‖ ${trend(fit.f_radial)} over all δ` : '';
  if (boundMet(fit)) return `${head}, at least as fast as ${bound} falls: ‖E + f‖/δ^(α−1/4) stays bounded (≤ ${fit.C.toFixed(3)} here), as the theorem says${f}`;
  const against = judged.value < 0 ? `while ${bound} falls` : `more slowly than ${bound}`;
  return `${head}, ${against}: ‖E + f‖/δ^(α−1/4) still grows as δ decreases (largest, ${fit.C.toFixed(3)}, at δ = ${worst.delta}), so these δ are not yet in the theorem's regime δ ≪ 2c0·t*; smaller δ would show whether the ratio levels off${f}`;
}

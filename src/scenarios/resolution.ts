// Does the grid see the initial data? Every named scenario is a sum of separable terms
// w · Π_a x_a^{p_a} exp(−(x_a − u_a)²/(2T_a)), so its discrete mass and second moments on the cell
// centres are products of 1D sums, and their exact values over R³ products of Gaussian moments:
// both are cheap for any N. A term whose discrete mass or second moments miss the exact ones by more
// than RESOLUTION_TOL (relative) is not resolved — a bump narrower than the cells, or a box that
// cuts the tails. For a field read from a file the exact values are unknown; there the same error is
// estimated from the decay of the field's 3D spectrum (see fieldResolution).
import { Grid } from '../core/grid/grid.js';
import { dft3, nyquistFraction } from '../core/math/spectrum.js';
import { scenario } from './catalogue.js';
import type { ScenarioName, ScenarioParams } from './scenario-params.js';
import type { SeparableTerm } from './scenario-definition.js';

export const RESOLUTION_TOL = 1e-4;

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

/** The wavenumber bands (fractions of the Nyquist frequency π/h) whose decay measures a feature's width. */
const LOWER_BAND: [number, number] = [0.5, 0.7];
const UPPER_BAND: [number, number] = [0.7, 0.9];
/**
 * Power relative to the mean's below which the upper band is round-off, not data: an amplitude of
 * 1e-6, which float32 data clear by orders of magnitude, and which bounds the mass of anything hidden below it.
 */
const POWER_FLOOR = 1e-12;
/** Near the axis of a face: the other two wavenumber components below this fraction of Nyquist. */
const NEAR_AXIS = 0.5;
/**
 * What each view's decay returns for a Gaussian feature of width σ/h, as a multiple of σ/h: the
 * whole face mixes in the decay across the axis, the near-axis view less so. Calibrated so that the
 * verdict is the named check's for the blow-down at δ = 0.01 … 0.5 and every N tried from unresolved
 * to resolved, and for the bump of covariance δ·diag(0.2, 1, 1) (tests/resolution.test.ts); near the
 * limit (errors of 1e-5 … 1e-3) the face view's error agrees with the exact one within a factor 3
 * for δ ≤ 0.3 (for a bump nearly as broad as M it is the more cautious: δ = 0.5, N = 12, 4.8e-2
 * against 5.8e-4).
 */
const VIEW_GAIN = { face: 1.39, nearAxis: 1.02 } as const;

export interface FieldResolution {
  /** Estimated relative error of the grid's mass and second moments for the narrowest feature (0: no spectrum above round-off). */
  error: number;
  /** Estimated width σ/h of that feature in cells (Infinity: none above round-off), and the axis it was measured along. */
  widthInCells: number;
  axis: 'x' | 'y' | 'z';
  resolved: boolean;
}

/**
 * Log-power of a band's wavenumbers as a histogram (bins of LOG_BIN from LOG_MIN up), so that the
 * median costs no memory per wavenumber at N = 512; values below LOG_MIN (exact zeros) count in the first bin.
 */
class LogHistogram {
  private readonly counts = new Float64Array(LOG_BINS);
  private total = 0;

  add(logPower: number): void {
    const bin = Math.min(LOG_BINS - 1, Math.max(0, Math.floor((logPower - LOG_MIN) / LOG_BIN)));
    this.counts[bin]!++;
    this.total++;
  }

  get size(): number {
    return this.total;
  }

  /** The median, to within LOG_BIN (interpolated inside its bin). */
  median(): number {
    let below = 0;
    for (let bin = 0; bin < LOG_BINS; bin++) {
      const count = this.counts[bin]!;
      if (below + count >= this.total / 2) return LOG_MIN + LOG_BIN * (bin + (this.total / 2 - below) / count);
      below += count;
    }
    return LOG_MIN + LOG_BIN * LOG_BINS;
  }
}
const LOG_MIN = -120;
const LOG_BIN = 0.02;
const LOG_BINS = Math.ceil((20 - LOG_MIN) / LOG_BIN);

type Bands = { lower: LogHistogram; upper: LogHistogram };

/**
 * A field from a file, whose exact moments are unknown: how narrow is its narrowest feature, seen in
 * its 3D spectrum? A Gaussian feature of width σ has power ∝ e^{−σ²|k|²} whatever its mass, centre or
 * the phase of the samples, and the grid misses ~2e^{−2π²σ²/h²} of its mass per axis (the alias at
 * 2π/h). So the Maxwellian of the field's own density, mean velocity and temperature is taken off
 * first (its broad spectrum would otherwise fill the bands and hide a small narrow feature); then, per
 * axis a, the wavenumbers whose largest component is k_a are split into two bands below Nyquist, and
 * the drop of the median log-power between them gives σ_a — over the whole face (robust for round
 * features) and over its part near the axis (which sees a feature narrow along a only). The
 * narrowest width gives the error 6·e^{−2π²(σ/h)²}, the quantity the named scenarios' check measures
 * exactly, held to the same RESOLUTION_TOL. Medians make zeros of the spectrum (a polynomial factor;
 * the Nyquist bin of data symmetric about a cell face) harmless. A feature that falls between the
 * samples still leaves a 2×2×2 blip whose spectrum does not decay, which is what flags it; one the
 * samples miss entirely is not in the data.
 */
export function fieldResolution(n: number, f: ArrayLike<number>): FieldResolution {
  const { re, im } = dft3(n, withoutMaxwellian(n, f));
  let total = 0;
  for (let c = 0; c < f.length; c++) total += f[c]!;
  const meanPower = total ** 2;
  const bands = (): Bands => ({ lower: new LogHistogram(), upper: new LogHistogram() });
  const faces = [0, 1, 2].map(() => ({ face: bands(), nearAxis: bands() }));
  let c = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++, c++) {
        const kappa = [nyquistFraction(i, n), nyquistFraction(j, n), nyquistFraction(k, n)];
        const axis = kappa.indexOf(Math.max(...kappa));
        const top = kappa[axis]!;
        const band = top >= LOWER_BAND[0] && top < LOWER_BAND[1] ? 'lower' : top >= UPPER_BAND[0] && top < UPPER_BAND[1] ? 'upper' : null;
        if (band === null) continue;
        const logPower = Math.log((re[c]! ** 2 + im[c]! ** 2) / meanPower);
        faces[axis]!.face[band].add(logPower);
        if (kappa.every((x, a) => a === axis || x < NEAR_AXIS)) faces[axis]!.nearAxis[band].add(logPower);
      }
  const widths = faces.map((views) => Math.min(bandDecayWidth(views.face) / VIEW_GAIN.face, bandDecayWidth(views.nearAxis) / VIEW_GAIN.nearAxis));
  const widthInCells = Math.min(...widths);
  const error = widthInCells === Infinity ? 0 : Math.min(1, 6 * Math.exp(-2 * Math.PI ** 2 * widthInCells ** 2));
  return { error, widthInCells, axis: (['x', 'y', 'z'] as const)[widths.indexOf(widthInCells)]!, resolved: error <= RESOLUTION_TOL };
}

/** F minus the Maxwellian of F's discrete density, mean and temperature (in cell units: only shapes matter here). */
function withoutMaxwellian(n: number, f: ArrayLike<number>): Float64Array {
  const x = (i: number) => i - (n - 1) / 2;
  let mass = 0;
  let square = 0;
  const first = [0, 0, 0];
  let c = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++, c++) {
        const v = f[c]!;
        mass += v;
        first[0]! += v * x(i);
        first[1]! += v * x(j);
        first[2]! += v * x(k);
        square += v * (x(i) ** 2 + x(j) ** 2 + x(k) ** 2);
      }
  const u = first.map((m) => m / mass);
  const t = (square / mass - (u[0]! ** 2 + u[1]! ** 2 + u[2]! ** 2)) / 3;
  const peak = mass / (2 * Math.PI * t) ** 1.5;
  const out = new Float64Array(n ** 3);
  c = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++, c++) out[c] = f[c]! - peak * Math.exp(-((x(i) - u[0]!) ** 2 + (x(j) - u[1]!) ** 2 + (x(k) - u[2]!) ** 2) / (2 * t));
  return out;
}

/** σ/h from the drop of the median log-power between the bands, P ∝ e^{−σ²k²} with k = κπ/h (before a view's gain). */
function bandDecayWidth({ lower, upper }: Bands): number {
  // Grids below N = 8 (but 7) have no wavenumber in a band: no decay to measure, nothing resolved.
  if (lower.size === 0 || upper.size === 0) return 0;
  const upperLog = upper.median();
  if (upperLog < Math.log(POWER_FLOOR)) return Infinity;
  const centre = (b: [number, number]) => (b[0] + b[1]) / 2;
  const drop = Math.max(0, lower.median() - upperLog);
  return Math.sqrt(drop / (Math.PI ** 2 * (centre(UPPER_BAND) ** 2 - centre(LOWER_BAND) ** 2)));
}

/** The resolution verdict a run records in its configuration (cli/resolution-guard.ts makes it). */
export interface ResolutionRecord {
  /** 'moments': a named scenario's mass and second moments against their exact values; 'spectrum': a file's, estimated from its 3D spectrum (fieldResolution). */
  check: 'moments' | 'spectrum';
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

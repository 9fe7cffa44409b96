// report.html for a run folder (`landau3d report DIR`): one self-contained page with inline SVG —
// the diagnostic time series, the radial profile of the spherical average against M + E(t) (and
// the radial reference when the run has one), slices of F and F − M − E through the three planes
// v_x, v_y, v_z = 0, and the settings that apply to the run.
import { esc, page, plotsDiv, TIME_AXIS } from './html.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findScenario } from '../scenarios/catalogue.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import type { ReferenceProfile, ScenarioDefinition } from '../scenarios/scenario-definition.js';
import { maxwellian } from '../core/math/closed-forms.js';
import { sphericalAverage } from '../diagnostics/radial-symmetry.js';
import type { SeriesEntry } from '../diagnostics/series.js';
import { entropyVerdict, fisherVerdict, verdictLine, type Precision } from '../diagnostics/monotonicity.js';
import type { SettingNames } from '../core/errors/user-input-error.js';
import { Grid } from '../core/grid/grid.js';
import { decodeNpy } from '../io/npy.js';
import { exponentialRate } from '../core/math/fits.js';
import type { ResolutionRecord } from '../scenarios/resolution.js';
import { renderHeatmapSvg, renderPlotSvg, type PlotSeries } from './plot.js';
import { axisName, planeMean, PLANES } from './slices.js';

export interface RunFolder {
  config: { scenario: string; n: number; L: number; params: { delta: number; alpha: number }; [k: string]: unknown };
  device: Record<string, unknown>;
  status: string;
  /** Why a failed or interrupted run stopped. */
  error?: string;
  series: SeriesEntry[];
  radialReference?: { t: number; r: number[]; f: number[] };
}

/** A series under a readable legend name (the diagnostics' keys are for files). */
function labelled(name: string, s: PlotSeries): PlotSeries {
  return { ...s, name };
}

function series(name: string, entries: SeriesEntry[], y: (e: SeriesEntry) => number, extra: Partial<PlotSeries> = {}): PlotSeries {
  return { name, points: entries.map((e) => ({ x: e.t, y: y(e) })), ...extra };
}

/** The report of a run folder; `names` words the settings and the options a verdict suggests (the CLI: its flags). */
export async function runReportHtml(dir: string, names: SettingNames): Promise<string> {
  const run: RunFolder = JSON.parse(await readFile(join(dir, 'diagnostics.json'), 'utf8'));
  const entries = run.series;
  const last = entries[entries.length - 1]!;
  const definition = findScenario(run.config.scenario);
  const params = { ...DEFAULT_SCENARIO_PARAMS, ...run.config.params };
  const closedForm = definition?.referenceProfile?.(last.t, params) ?? momentMaxwellian(last, !run.config.epsF2);
  const equilibrium = definition?.equilibriumProfile?.(params);
  const plots = await timePlots(entries);
  const blowdownNorms = entries[0]!.Ef_L2M !== undefined;
  const decay = blowdownNorms ? decayText(entries) : '';

  // The final state: radial profile and slices.
  const grid = new Grid({ n: run.config.n, L: run.config.L });
  const f = decodeNpy(new Uint8Array(await readFile(join(dir, 'final.npy'))), 'final.npy').data;
  const avg = sphericalAverage(grid, f);
  const rs = Array.from(avg.r);
  const profile: PlotSeries[] = [{ name: 'S F (3D, spherical average)', points: rs.map((r, i) => ({ x: r, y: avg.f[i]! })), mark: 'line+point' }];
  const reference = (v2: number) => closedForm.at(v2);
  profile.push({ name: `closed form ${closedForm.label}`, points: rs.map((r) => ({ x: r, y: reference(r * r) })), dashed: true });
  if (equilibrium) {
    profile.push({ name: `closed form ${equilibrium.label} (the equilibrium)`, points: rs.map((r) => ({ x: r, y: equilibrium.at(r * r) })), dashed: true });
  }
  if (run.radialReference) {
    const rr = run.radialReference;
    profile.push({ name: `radial reference (t = ${rr.t})`, points: rr.r.map((r, i) => ({ x: r, y: rr.f[i]! })) });
  }
  plots.push(
    await renderPlotSvg({ title: `Radial profile at t = ${last.t}`, xLabel: '|v|', yLabel: 'F', yLog: true, series: profile }),
  );
  const slices = await sliceMaps(grid, f, closedForm);

  const title = `Landau3D run: ${run.config.scenario}, N = ${grid.n}, t = 0 … ${last.t}`;
  return page(title, [
    stoppedText(run),
    `<p>Status <b>${esc(run.status)}</b>; device ${esc(String(run.device.kind))} — ${esc(String(run.device.device))}; ${entries.length} outputs, ${last.step} steps.</p>`,
    `<p>Mass drift ${last.massDrift.toExponential(2)}, energy drift ${last.energyDrift.toExponential(2)}, momentum drift ${last.momentumDrift.toExponential(2)}; entropy ${entries[0]!.entropy.toPrecision(8)} → ${last.entropy.toPrecision(8)}.</p>`,
    `<p>${esc(monotonicityText(entries, run.device.precision === 'f32' ? 'f32' : 'f64', Number(run.config.epsF2 ?? 0), names))}</p>`,
    decay,
    radialErrorText(entries),
    `<p>Time t is in units of τ and velocity in units of v_th (the scaling of docs/mathematics.md). Dashed lines are closed forms (${esc(closedFormsText(closedForm, equilibrium))})${blowdownNorms ? ' and the theorem’s scale δ^(α − 1/4)' : ''}; solid lines and points are the run.</p>`,
    resolutionNote(run.config.resolution as ResolutionRecord | undefined, closedForm.deviation),
    plotsDiv(plots),
    `<h2>Slices through v = 0</h2>`,
    `<p>log₁₀ F and ${esc(closedForm.deviation)} on the three coordinate planes, each row on one colour scale${grid.n % 2 === 0 ? `; N is even, so each plane v = 0 lies between two cell layers and shows their mean` : ''}.</p>`,
    plotsDiv(slices, 'slices'),
    `<h2>Configuration</h2>`,
    configurationTable(run, definition, names),
  ]);
}

/** For a run that failed or was interrupted: why, as diagnostics.json records it, above everything else. */
function stoppedText(run: RunFolder): string {
  if (run.status === 'completed' || run.status === 'running') return '';
  const reason = (run.error ?? 'diagnostics.json records no reason').replace(/\.$/, '');
  const what = run.status === 'interrupted' ? 'was interrupted' : run.status;
  return `<p><b>The run ${esc(what)}</b>: ${esc(reason)}.</p>`;
}

/** The closed forms the plots draw, in words. */
function closedFormsText(closedForm: ReferenceProfile, equilibrium: ReferenceProfile | undefined): string {
  return equilibrium ? `the explicit profile ${closedForm.label} and the equilibrium ${equilibrium.label}` : closedForm.label;
}

/**
 * Scenarios without a closed-form profile are compared with the Maxwellian of F's mass and
 * temperature at the last output: the equilibrium they relax to where both are conserved (ε = 0).
 */
function momentMaxwellian(entry: SeriesEntry, conserving: boolean): ReferenceProfile {
  const temperature = (entry.temperature[0][0] + entry.temperature[1][1] + entry.temperature[2][2]) / 3;
  return {
    name: 'M',
    label: `M (F’s mass, T = ${temperature.toPrecision(4)})${conserving ? ': the equilibrium' : ''}`,
    deviation: 'F − M',
    at: (v2) => entry.mass * maxwellian(v2, temperature),
  };
}

/** The smallest and largest finite g(value) of n × n maps. */
function extent(n: number, maps: ((a: number, b: number) => number)[], g: (x: number) => number): [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (const map of maps)
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++) {
        const x = g(map(a, b));
        if (Number.isFinite(x)) [lo, hi] = [Math.min(lo, x), Math.max(hi, x)];
      }
  return [lo, hi];
}

/** log₁₀ F and F minus the closed form on the planes v_z, v_y, v_x = 0; each row shares one colour scale. */
async function sliceMaps(grid: Grid, f: Float64Array, closedForm: ReferenceProfile): Promise<string[]> {
  const meanF = PLANES.map((plane) => planeMean(grid, plane, (_v, i) => f[i]!));
  const deviation = PLANES.map((plane) => planeMean(grid, plane, (v, i) => f[i]! - closedForm.at(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])));
  // Whole decades at the ends, so that the colour bar's labels are round.
  const logRange = extent(grid.n, meanF, Math.log10).map((x, k) => (k === 0 ? Math.floor(x) : Math.ceil(x))) as [number, number];
  const largest = extent(grid.n, deviation, Math.abs)[1];
  const maps: string[] = [];
  for (const [k, plane] of PLANES.entries()) {
    const axes = { xLabel: axisName(plane.horizontal), yLabel: axisName(plane.vertical), x: grid.axis, y: grid.axis };
    maps.push(await renderHeatmapSvg({ ...axes, title: `log₁₀ F on ${axisName(plane.fixed)} = 0`, values: (a, b) => Math.log10(meanF[k]!(a, b)), colorLabel: 'log₁₀ F', colorDomain: logRange }));
  }
  for (const [k, plane] of PLANES.entries()) {
    const axes = { xLabel: axisName(plane.horizontal), yLabel: axisName(plane.vertical), x: grid.axis, y: grid.axis };
    maps.push(
      await renderHeatmapSvg({ ...axes, title: `${closedForm.deviation} on ${axisName(plane.fixed)} = 0`, values: deviation[k]!, colorLabel: 'difference', scheme: 'redblue', colorDomain: [-largest, largest] }),
    );
  }
  return maps;
}

const timePlot = (entries: SeriesEntry[]) => (title: string, yLabel: string, s: PlotSeries[], yLog = false, yMinSpan?: number) =>
  renderPlotSvg({ title, xLabel: TIME_AXIS, yLabel, yLog, yMinSpan, series: s });

/** The plots over time: entropy, Fisher information, temperature, conservation, symmetry, and the blow-down norms where recorded. */
async function timePlots(entries: SeriesEntry[]): Promise<string[]> {
  const plot = timePlot(entries);
  const plots: string[] = [];
  plots.push(await plot('Entropy H = ∫ F log F', 'H', [series('H', entries, (e) => e.entropy, { mark: 'line+point' })]));
  plots.push(await plot('Fisher information ∫ |∇F|²/F', 'I', [series('I', entries, (e) => e.fisher, { mark: 'line+point' })]));
  plots.push(
    // At least 1e-4 of the temperature on the axis: f32 round-off (1e-9) must not look like relaxation.
    await plot(
      'Temperature tensor (diagonal)',
      'T',
      ['x', 'y', 'z'].map((a, k) => series(`T${a}${a}`, entries, (e) => e.temperature[k]![k]!)),
      false,
      1e-4 * Math.abs(entries[0]!.temperature[0]![0]! + entries[0]!.temperature[1]![1]! + entries[0]!.temperature[2]![2]!) / 3,
    ),
  );
  plots.push(
    await plot(
      'Conservation: |relative drift|',
      'drift',
      [
        series('mass', entries.slice(1), (e) => Math.abs(e.massDrift)),
        series('momentum', entries.slice(1), (e) => e.momentumDrift),
        series('energy', entries.slice(1), (e) => Math.abs(e.energyDrift)),
      ],
      true,
    ),
  );
  plots.push(await plot('Radial symmetry: ‖F − SF‖₂/‖F‖₂', 'anisotropy', [series('anisotropy', entries, (e) => e.anisotropy ?? NaN, { mark: 'line+point' })], true));
  if (entries[0]!.Ef_L2M !== undefined) plots.push(await blowdownNormsPlot(entries));
  return plots;
}

async function blowdownNormsPlot(entries: SeriesEntry[]): Promise<string> {
  const norm = (key: 'Ef_L2M' | 'f_L2M' | 'E_L2M' | 'dist_Meq_L2M') => series(key, entries, (e) => e[key] ?? NaN, { mark: 'line+point' });
  const ref = entries[0]!.ref_scale ?? NaN;
  return timePlot(entries)(
    `Blow-down norms in L²(M⁻¹ dv) over |v| ≤ ${entries[0]!.rw}`,
    'norm',
    [
      labelled('‖E + f‖', norm('Ef_L2M')),
      labelled('‖f‖, f = F − M − E', norm('f_L2M')),
      labelled('‖E‖', norm('E_L2M')),
      labelled('‖F − M_eq‖', norm('dist_Meq_L2M')),
      { name: 'theorem’s scale δ^(α − 1/4)', points: entries.map((e) => ({ x: e.t, y: ref })), dashed: true },
    ],
    true,
  );
}

/** The fitted decay of ‖F − M_eq‖ after t* (empty when it cannot be fitted). */
function decayText(entries: SeriesEntry[]): string {
  const tStar = 0.5;
  const rate = exponentialRate(entries.filter((e) => e.t >= tStar).map((e) => ({ t: e.t, y: e.dist_Meq_L2M ?? NaN })));
  return rate === null ? '' : `<p>Decay after t* = ${tStar}: ‖F − M<sub>eq</sub>‖<sub>L²(M⁻¹)</sub> ≈ C e<sup>−λt</sup> with fitted λ = ${rate.toPrecision(4)} (least squares on ${entries.filter((e) => e.t >= tStar).length} outputs).</p>`;
}

/** Settings of the folder and the console, not of the computation: left out of the table. */
const NOT_SETTINGS = new Set(['out', 'force', 'quiet', 'dryRun', 'allowUnresolved']);

/** A setting's value as the command line writes it; null where the option was not given (false, empty). */
function optionValue(v: unknown): string | null {
  if (v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0)) return null;
  if (v === true) return 'yes';
  return Array.isArray(v) ? v.join(',') : String(v);
}

/**
 * The settings that apply to this run, named by their options: the scenario's own parameters (not
 * those of other scenarios), the norms' radius where the run computes those norms, the cell width
 * and the resolution check.
 */
function configurationRows(run: RunFolder, definition: ScenarioDefinition | undefined, names: SettingNames): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, v] of Object.entries(run.config)) {
    // Data from a file: --init names it, and 'file' is no scenario.
    if (NOT_SETTINGS.has(key) || (key === 'scenario' && v === 'file')) continue;
    if (key === 'params') {
      const params = v as Record<string, unknown>;
      for (const p of definition?.params ?? []) {
        const value = optionValue(params[p]);
        if (value !== null) rows.push([names.name(p), value]);
      }
    } else if (key === 'h' && typeof v === 'number') rows.push(['h = 2L/N, the cell width', String(Number(v.toPrecision(6)))]);
    else if (key === 'resolution') rows.push(['resolution check', resolutionText(v as ResolutionRecord)]);
    else if (key === 'rw' && run.series[0]?.rw === undefined) continue;
    else {
      const value = optionValue(v);
      if (value !== null) rows.push([names.name(key), value]);
    }
  }
  return rows;
}

function configurationTable(run: RunFolder, definition: ScenarioDefinition | undefined, names: SettingNames): string {
  const rows = configurationRows(run, definition, names).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`);
  return `<table class="configuration"><tr><th>option</th><th>value</th></tr>${rows.join('')}</table>`;
}

/** The resolution guard's record in words. */
function resolutionText(r: ResolutionRecord): string {
  return `${r.resolved ? 'resolved' : 'not resolved'}: ${r.check} error ${r.error.toExponential(1)}${r.worst ? ` (${r.worst})` : ''} against the limit ${Number(r.limit.toPrecision(3))}`;
}

/** --compare-radial's distance from the radial reference solver, at the last output and its largest (empty without one). */
function radialErrorText(entries: SeriesEntry[]): string {
  const errors = entries.filter((e) => typeof e.radial_error === 'number');
  if (errors.length === 0) return '';
  const last = errors[errors.length - 1]!;
  const worst = errors.reduce((a, e) => ((e.radial_error as number) > (a.radial_error as number) ? e : a));
  return `<p>Radial reference: ‖S F − f<sub>ref</sub>‖₂/‖f<sub>ref</sub>‖₂ = ${(last.radial_error as number).toExponential(2)} at t = ${last.t} (largest ${(worst.radial_error as number).toExponential(2)}, at t = ${worst.t}).</p>`;
}

/** The entropy and Fisher-information verdicts in one paragraph. */
function monotonicityText(entries: SeriesEntry[], precision: Precision, epsF2: number, names: SettingNames): string {
  return `${verdictLine(entropyVerdict(entries, precision), precision, names, epsF2)}; ${verdictLine(fisherVerdict(entries, precision), precision, names, epsF2)}.`;
}

/** Says, above the plots, when the grid does not resolve the data: the slices of F − M − E then show discretisation error. */
function resolutionNote(resolution: ResolutionRecord | undefined, deviation: string): string {
  if (!resolution || resolution.resolved) return '';
  const needed = resolution.smallestN ? ` N = ${resolution.smallestN} would resolve it.` : '';
  return `<p><b>The grid does not resolve the initial data</b> (error ${resolution.error.toExponential(1)} against the limit ${resolution.limit}${resolution.worst ? `, ${esc(resolution.worst)}` : ''}):${needed} The slice of ${deviation} below is dominated by that discretisation error, not by the dynamics.</p>`;
}

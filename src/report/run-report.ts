// report.html for a run folder (`landau3d report DIR`): one self-contained page with inline SVG —
// the diagnostic time series, the radial profile of the spherical average against M + E(t) (and
// the radial reference when the run has one), and slices of F and F − M − E through v_z ≈ 0.
import { esc } from './html.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findScenario } from '../scenarios/catalogue.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenarios.js';
import { UNIT_MAXWELLIAN } from '../scenarios/maxwellian.js';
import { sphericalAverage } from '../diagnostics/radial-symmetry.js';
import type { SeriesEntry } from '../diagnostics/series.js';
import { entropyVerdict, fisherVerdict, verdictLine, type Precision } from '../diagnostics/monotonicity.js';
import { Grid } from '../core/grid/grid.js';
import { decodeNpy } from '../io/npy.js';
import { exponentialRate } from '../core/math/fits.js';
import type { ResolutionRecord } from '../scenarios/resolution.js';
import { renderHeatmapSvg, renderPlotSvg, type PlotSeries } from './plot.js';

export interface RunFolder {
  config: { scenario: string; n: number; L: number; params: { delta: number; alpha: number }; [k: string]: unknown };
  device: Record<string, unknown>;
  status: string;
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

export async function runReportHtml(dir: string): Promise<string> {
  const run: RunFolder = JSON.parse(await readFile(join(dir, 'diagnostics.json'), 'utf8'));
  const entries = run.series;
  const last = entries[entries.length - 1]!;
  const definition = findScenario(run.config.scenario);
  const params = { ...DEFAULT_SCENARIO_PARAMS, ...run.config.params };
  const closedForm = definition?.referenceProfile?.(last.t, params) ?? UNIT_MAXWELLIAN;
  const equilibrium = definition?.equilibriumProfile?.(params);
  const plots: string[] = [];
  const timePlot = (title: string, yLabel: string, s: PlotSeries[], yLog = false, yMinSpan?: number) =>
    renderPlotSvg({ title, xLabel: 't', yLabel, yLog, yMinSpan, series: s, width: 460, height: 260 });

  plots.push(await timePlot('Entropy H = ∫ F log F', 'H', [series('H', entries, (e) => e.entropy, { mark: 'line+point' })]));
  plots.push(await timePlot('Fisher information ∫ |∇F|²/F', 'I', [series('I', entries, (e) => e.fisher, { mark: 'line+point' })]));
  plots.push(
    // At least 1e-4 of the temperature on the axis: f32 round-off (1e-9) must not look like relaxation.
    await timePlot(
      'Temperature tensor (diagonal)',
      'T',
      ['x', 'y', 'z'].map((a, k) => series(`T${a}${a}`, entries, (e) => e.temperature[k]![k]!)),
      false,
      1e-4 * Math.abs(entries[0]!.temperature[0]![0]! + entries[0]!.temperature[1]![1]! + entries[0]!.temperature[2]![2]!) / 3,
    ),
  );
  plots.push(
    await timePlot(
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
  plots.push(await timePlot('Radial symmetry: ‖F − SF‖₂/‖F‖₂', 'anisotropy', [series('anisotropy', entries, (e) => e.anisotropy ?? NaN, { mark: 'line+point' })], true));
  let decay = '';
  if (entries[0]!.Ef_L2M !== undefined) {
    const norm = (key: 'Ef_L2M' | 'f_L2M' | 'E_L2M' | 'dist_Meq_L2M') => series(key, entries, (e) => e[key] ?? NaN, { mark: 'line+point' });
    const ref = entries[0]!.ref_scale ?? NaN;
    plots.push(
      await timePlot(
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
      ),
    );
    const tStar = 0.5;
    const rate = exponentialRate(entries.filter((e) => e.t >= tStar).map((e) => ({ t: e.t, y: e.dist_Meq_L2M ?? NaN })));
    decay = rate === null ? '' : `<p>Decay after t* = ${tStar}: ‖F − M<sub>eq</sub>‖<sub>L²(M⁻¹)</sub> ≈ C e<sup>−λt</sup> with fitted λ = ${rate.toPrecision(4)} (least squares on ${entries.filter((e) => e.t >= tStar).length} outputs).</p>`;
  }

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
    await renderPlotSvg({ title: `Radial profile at t = ${last.t}`, xLabel: '|v|', yLabel: 'F', yLog: true, series: profile, width: 460, height: 300 }),
  );
  const n = grid.n;
  const mid = Math.floor(n / 2);
  const at = (i: number, j: number) => f[(i * n + j) * n + mid]!;
  const vz = grid.axis[mid]!;
  plots.push(
    await renderHeatmapSvg({ title: `log₁₀ F on v_z = ${vz.toFixed(3)}`, xLabel: 'v_x', yLabel: 'v_y', x: grid.axis, y: grid.axis, values: (i, j) => Math.log10(at(i, j)), colorLabel: 'log₁₀ F' }),
  );
  plots.push(
    await renderHeatmapSvg({
      title: `${closedForm.deviation} on v_z = ${vz.toFixed(3)}`,
      xLabel: 'v_x',
      yLabel: 'v_y',
      x: grid.axis,
      y: grid.axis,
      values: (i, j) => at(i, j) - reference(grid.axis[i]! ** 2 + grid.axis[j]! ** 2 + vz * vz),
      colorLabel: 'difference',
      scheme: 'redblue',
    }),
  );

  // Every parameter, those of the scenario (δ, α, …) included; nested records are flattened.
  const cfg = configRows(run.config)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Landau3D run: ${esc(run.config.scenario)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td{border:1px solid #ccc;padding:2px 8px}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plots>div{flex:0 0 auto}</style></head>
<body>
<h1>Landau3D run: ${esc(run.config.scenario)}, N = ${grid.n}, t = 0 … ${last.t}</h1>
<p>Status <b>${esc(run.status)}</b>; device ${esc(String(run.device.kind))} — ${esc(String(run.device.device))}; ${entries.length} outputs, ${last.step} steps.</p>
<p>Mass drift ${last.massDrift.toExponential(2)}, energy drift ${last.energyDrift.toExponential(2)}, momentum drift ${last.momentumDrift.toExponential(2)}; entropy ${entries[0]!.entropy.toPrecision(8)} → ${last.entropy.toPrecision(8)}.</p>
<p>${esc(monotonicityText(entries, run.device.precision === 'f32' ? 'f32' : 'f64', Number(run.config.epsF2 ?? 0)))}</p>
${decay}
${radialErrorText(entries)}
<p>Dashed lines are closed forms (the explicit profile and the equilibrium); solid lines and points are the run.</p>
${resolutionNote(run.config.resolution as ResolutionRecord | undefined, closedForm.deviation)}
<div class="plots">${plots.map((p) => `<div>${p}</div>`).join('\n')}</div>
<h2>Configuration</h2><table>${cfg}</table>
</body></html>
`;
}

/** The run's configuration as (name, value) rows; nested records (params, resolution) become name.key. */
function configRows(config: Record<string, unknown>, prefix = ''): [string, string][] {
  return Object.entries(config).flatMap(([k, v]): [string, string][] => {
    if (v === undefined) return [];
    if (v && typeof v === 'object' && !Array.isArray(v)) return configRows(v as Record<string, unknown>, `${prefix}${k}.`);
    return [[`${prefix}${k}`, Array.isArray(v) ? v.join(', ') : String(v)]];
  });
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
function monotonicityText(entries: SeriesEntry[], precision: Precision, epsF2: number): string {
  return `${verdictLine(entropyVerdict(entries, precision), precision, epsF2)}; ${verdictLine(fisherVerdict(entries, precision), precision, epsF2)}.`;
}

/** Says, above the plots, when the grid does not resolve the data: the slices of F − M − E then show discretisation error. */
function resolutionNote(resolution: ResolutionRecord | undefined, deviation: string): string {
  if (!resolution || resolution.resolved) return '';
  const needed = resolution.smallestN ? ` N = ${resolution.smallestN} would resolve it.` : '';
  return `<p><b>The grid does not resolve the initial data</b> (error ${resolution.error.toExponential(1)} against the limit ${resolution.limit}${resolution.worst ? `, ${esc(resolution.worst)}` : ''}):${needed} The slice of ${deviation} below is dominated by that discretisation error, not by the dynamics.</p>`;
}

// report.html for the study folders: a radial reference run (`landau3d radial`), the blow-down δ
// sweep (`landau3d sweep`) and a coercivity study (`landau3d coercivity`). Each page has its plots
// as inline SVG and its numbers in words; closed forms are dashed and the legends say so.
import { esc, page, plotsDiv, TIME_AXIS } from './html.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findScenario } from '../scenarios/catalogue.js';
import { UNIT_MAXWELLIAN } from '../scenarios/maxwellian.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import type { RadialSeriesEntry } from '../diagnostics/series.js';
import { readRadialFolder, readSweepFolder } from './folder-files.js';
import { renderPlotSvg, type PlotSeries } from './plot.js';
import { exponentText, judgedExponent, sweepVerdict, type SweepRow } from '../studies/blowdown-sweep.js';
import { word, type OptionNames } from '../core/errors/user-input-error.js';


/** A `landau3d radial` folder: f(r → 0) and the blow-down norms over time, the final profile against the closed forms. */
export async function radialReportHtml(dir: string): Promise<string> {
  const { run, final } = readRadialFolder(dir);
  const entries = run.series;
  const last = entries.at(-1)!;
  const definition = findScenario(run.config.scenario);
  const params = { ...DEFAULT_SCENARIO_PARAMS, delta: run.config.delta, alpha: run.config.alpha };
  const closedForm = (t: number) => definition?.referenceProfile?.(t, params) ?? UNIT_MAXWELLIAN;
  const equilibrium = definition?.equilibriumProfile?.(params);
  const blowdownNorms = last.Ef_L2M !== undefined;
  const plots: string[] = [];
  const time = (name: string, y: (e: RadialSeriesEntry) => number, extra: Partial<PlotSeries> = {}): PlotSeries => ({ name, points: entries.map((e) => ({ x: e.t, y: y(e) })), ...extra });
  const f0: PlotSeries[] = [time('f(0), radial solver', (e) => e.f0 ?? NaN, { mark: 'line+point' })];
  if (definition?.referenceProfile) f0.push(time('closed form M(0) + E(t, 0)', (e) => closedForm(e.t).at(0), { dashed: true }));
  plots.push(await renderPlotSvg({ title: 'F at the origin', xLabel: TIME_AXIS, yLabel: 'F(0)', yLog: true, series: f0 }));
  if (blowdownNorms) {
    plots.push(
      await renderPlotSvg({
        title: `Blow-down norms in L²(M⁻¹ dv) over |v| ≤ ${run.config.rw}`,
        xLabel: TIME_AXIS,
        yLabel: 'norm',
        yLog: true,
        series: [
          time('‖E + f‖', (e) => e.Ef_L2M ?? NaN, { mark: 'line+point' }),
          time('‖f‖, f = F − M − E', (e) => e.f_L2M ?? NaN, { mark: 'line+point' }),
          time('‖F − M_eq‖', (e) => e.dist_Meq_L2M ?? NaN, { mark: 'line+point' }),
          time('theorem’s scale δ^(α − 1/4)', (e) => e.ref_scale ?? NaN, { dashed: true }),
        ],
      }),
    );
  }
  plots.push(
    await renderPlotSvg({
      title: 'Conservation: |relative drift|',
      xLabel: TIME_AXIS,
      yLabel: 'drift',
      yLog: true,
      series: [time('mass', (e) => Math.abs(e.massDrift)), time('energy', (e) => Math.abs(e.energyDrift))],
    }),
  );
  const rows = final.shape[0]!;
  const r = Array.from({ length: rows }, (_, i) => final.data[2 * i]!);
  const f = Array.from({ length: rows }, (_, i) => final.data[2 * i + 1]!);
  const profile: PlotSeries[] = [{ name: 'f(r), radial solver', points: r.map((x, i) => ({ x, y: f[i]! })) }];
  const final_ = closedForm(last.t);
  profile.push({ name: `closed form ${final_.label}`, points: r.map((x) => ({ x, y: final_.at(x * x) })), dashed: true });
  if (equilibrium) profile.push({ name: `closed form ${equilibrium.label} (the equilibrium)`, points: r.map((x) => ({ x, y: equilibrium.at(x * x) })), dashed: true });
  plots.push(await renderPlotSvg({ title: `Radial profile at t = ${last.t}`, xLabel: 'r = |v|', yLabel: 'f', yLog: true, series: profile }));
  const cells = Array.isArray(run.config.cells) ? `${run.config.cells.join(' and ')} shells, Richardson-extrapolated` : `${run.config.cells} shells`;
  return page(`Landau3D radial reference: ${run.config.scenario}, t = 0 … ${last.t}`, [
    `<p>${esc(cells)}; ${entries.length} outputs, ${last.step} steps. Mass drift ${last.massDrift.toExponential(2)}, energy drift ${last.energyDrift.toExponential(2)}; f(0) ${entries[0]!.f0!.toExponential(6)} → ${last.f0!.toExponential(6)}.</p>`,
    blowdownNorms ? `<p>δ = ${params.delta}, α = ${params.alpha}: ‖E + f‖<sub>L²(M⁻¹)</sub>(t = ${last.t}) = ${last.Ef_L2M!.toExponential(4)}, δ<sup>α−1/4</sup> = ${last.ref_scale!.toExponential(4)}.</p>` : '',
    '<p>Dashed lines are closed forms; solid lines and points are the solver.</p>',
    plotsDiv(plots),
  ]);
}


/**
 * A `landau3d sweep` folder: ‖E + f‖(t*) and ‖f‖ against δ on log–log axes with C·δ^(α−1/4), 3D
 * where resolved; `names` words the option of a sweep without 3D runs.
 */
export async function sweepReportHtml(dir: string, names: OptionNames): Promise<string> {
  const sweep = readSweepFolder(dir);
  const { rows, fit, config } = sweep;
  const by = (y: (r: SweepRow) => number) => rows.map((r) => ({ x: r.delta, y: y(r) }));
  // The exponents the verdict quotes, from the same fit and in the same words.
  const judged = judgedExponent(fit);
  const series: PlotSeries[] = [
    { name: `‖E + f‖, radial${judged ? `: like δ^${exponentText(judged.value)} ${judged.over}` : ''}`, points: by((r) => r.radial.Ef_L2M), mark: 'line+point' },
    { name: `‖f‖, radial${fit.f_radial !== null ? `: like δ^${exponentText(fit.f_radial)} over all δ` : ''}`, points: by((r) => r.radial.f_L2M), mark: 'line+point' },
    { name: `the theorem's bound C·δ^(α−1/4) = ${fit.C.toFixed(3)}·δ^${exponentText(fit.theorem)}`, points: by((r) => fit.C * r.ref_scale), dashed: true },
  ];
  const resolved = rows.filter((r) => r.grid3d);
  if (resolved.length > 0) {
    series.push(
      { name: `‖E + f‖, 3D N = ${config.n}`, points: resolved.map((r) => ({ x: r.delta, y: r.grid3d!.Ef_L2M })), mark: 'point' },
      { name: `‖f‖, 3D N = ${config.n}`, points: resolved.map((r) => ({ x: r.delta, y: r.grid3d!.f_L2M })), mark: 'point' },
    );
  }
  const plot = await renderPlotSvg({ title: `The blow-down family at t* = ${config.tStar}, α = ${config.alpha}`, xLabel: 'δ', yLabel: `norm in L²(M⁻¹ dv), |v| ≤ ${config.rw}`, xLog: true, yLog: true, series });
  const table = [
    '<table><tr><th>δ</th><th>δ<sup>α−1/4</sup></th><th>‖E + f‖ radial</th><th>‖f‖ radial</th><th>3D</th></tr>',
    ...rows.map((r) => {
      const g = r.grid3d;
      const d3 = g
        ? `N = ${g.n}: ‖E + f‖ ${g.Ef_L2M.toExponential(4)}, ‖f‖ ${g.f_L2M.toExponential(4)}, radial_error ${g.radial_error.toExponential(2)}`
        : config.n > 0
          ? `not resolved at N = ${config.n}: ${r.n_needed ? `needs N ≥ ${r.n_needed}` : `no N ≤ 512 resolves it at L = ${config.L}`}`
          : word(['not run (', { option: 'n', value: 0 }, ')'], names);
      return `<tr><td>${r.delta}</td><td>${r.ref_scale.toExponential(4)}</td><td>${r.radial.Ef_L2M.toExponential(4)}</td><td>${r.radial.f_L2M.toExponential(4)}</td><td>${esc(d3)}</td></tr>`;
    }),
    '</table>',
  ].join('\n');
  return page(`Landau3D blow-down sweep: ${rows.length} values of δ, t* = ${config.tStar}`, [
    `<p><b>Verdict:</b> ${esc(sweepVerdict(rows, fit))}.</p>`,
    '<p>The dashed line is the theorem’s scale with the largest constant the data need; the radial column is the extrapolated radial reference, the points the 3D runs where the grid resolves the data.</p>',
    plotsDiv([plot]),
    table,
  ]);
}

/** A `landau3d coercivity` folder: the table of coercivity.json and the eigenvalues along the ray. */
export async function coercivityReportHtml(dir: string, table: string): Promise<string> {
  const svg = await readFile(join(dir, 'eigen_along_ray.svg'), 'utf8');
  return page('Landau3D coercivity diagnostics', [`<pre>${esc(table)}</pre>`, plotsDiv([svg.replace(/^<\?xml[^>]*>\s*/, '')])]);
}

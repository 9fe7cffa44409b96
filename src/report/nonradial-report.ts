// report.html of a `landau3d nonradial` folder: the bound's constant C = ‖E_u + f‖(t*)/δ^{α−1/4}
// per bump and δ, and, per bump at the first δ, the measured covariance against Σ(t) and the
// excess mass over time; the table of every case.
import { readNonradialFolder } from './folder-files.js';
import { caseName } from '../studies/nonradial-study.js';
import { esc, page, plotsDiv, TIME_AXIS } from './html.js';
import { renderPlotSvg, type PlotSeries } from './plot.js';


export async function nonradialReportHtml(dir: string): Promise<string> {
  const { config, rows } = readNonradialFolder(dir);
  const run = rows.filter((r) => r.history);
  const names = [...new Set(run.map(caseName))];
  const constant: PlotSeries[] = names.map((name) => ({
    name,
    points: run.filter((r) => caseName(r) === name).map((r) => ({ x: r.delta, y: r.C! })),
    mark: 'line+point',
  }));
  const plots = [await renderPlotSvg({ title: `C = ‖E_u + f‖(t*)/δ^(α−1/4), t* = ${config.tStar}`, xLabel: 'δ', yLabel: 'C', xLog: true, series: constant })];
  const first = run.filter((r) => r.delta === run[0]?.delta);
  if (first.length > 0) {
    const cov: PlotSeries[] = first.flatMap((r) => [
      { name: `${caseName(r)}, measured Σ_xx`, group: caseName(r), points: r.history!.map((h) => ({ x: h.t, y: h.bump_covariance[0]! })), mark: 'line+point' as const },
      { name: `${caseName(r)}, E_u's Σ_xx(t)`, group: caseName(r), points: r.history!.map((h) => ({ x: h.t, y: h.E_covariance[0]! })), dashed: true },
    ]);
    const lineStyles = { solid: 'measured Σ_xx', dashed: "closed form: E_u's Σ_xx(t)" };
    plots.push(await renderPlotSvg({ title: `The bump's covariance along v_x, δ = ${first[0]!.delta}`, xLabel: TIME_AXIS, yLabel: 'Σ_xx', series: cov, lineStyles }));
    const mass: PlotSeries[] = first.map((r) => ({ name: caseName(r), points: r.history!.map((h) => ({ x: h.t, y: h.bump_excess / r.history![0]!.bump_excess })), mark: 'line+point' }));
    plots.push(await renderPlotSvg({ title: `Excess ∫(F − M_eq)₊ over four widths about u, δ = ${first[0]!.delta}`, xLabel: TIME_AXIS, yLabel: 'excess / excess(0)', series: mass }));
  }
  const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined ? '—' : x.toPrecision(d));
  const table = [
    '<table><tr><th>δ</th><th>bump</th><th>‖E_u + f‖(t*)</th><th>C</th><th>‖f‖(t*)</th><th>centre_x(t*)</th><th>Σ_xx, Σ_yy measured / E_u</th><th>excess ∫(F − M_eq)₊ 1/e time</th><th>decay rate</th></tr>',
    ...rows.map((r) =>
      r.history
        ? `<tr><td>${r.delta}</td><td>${esc(caseName(r))}</td><td>${f(r.Ef_L2M)}</td><td>${f(r.C)}</td><td>${f(r.f_L2M, 3)}</td><td>${f(r.bump_centre?.[0])}</td><td>${f(r.bump_covariance?.[0])} / ${f(r.E_covariance?.[0])}, ${f(r.bump_covariance?.[1])} / ${f(r.E_covariance?.[1])}</td><td>${r.excess_efold_time === null ? `beyond t = ${config.tEnd} (fit ${f(r.excess_efold_fit, 3)})` : f(r.excess_efold_time, 3)}</td><td>${f(r.decay_rate, 3)}</td></tr>`
        : `<tr><td>${r.delta}</td><td>${esc(caseName(r))}</td><td colspan="7">not resolved at N = ${config.n}${r.n_needed ? `: needs N ≥ ${r.n_needed}` : ''}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
  return page(`Landau3D non-radial blow-down: ${rows.length} cases, N = ${config.n}, t* = ${config.tStar}`, [
    `<p>α = ${config.alpha}, L = ${config.L}, norms over |v| ≤ ${config.rw}; runs to t = ${config.tEnd}. Dashed lines are the generalised profile E_u; solid lines and points are the runs.</p>`,
    plotsDiv(plots),
    table,
  ]);
}

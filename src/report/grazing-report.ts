// report.html for `landau3d grazing`: one self-contained page (inline SVG plots from
// src/report/plot.ts, no scripts, no external resources).

import { esc } from './html.js';
import { renderPlotSvg, type PlotSeries } from './plot.js';
import type { GrazingStudy } from '../studies/grazing/study.js';

const num = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toExponential(d));

function htmlTable(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The plots' size: one to a row, as wide as the page's text. */
const FIGURE = { width: 900, height: 360 };

/** A reference curve y = C g(x) through the given anchor point. */
function reference(name: string, xs: number[], g: (x: number) => number, anchor: { x: number; y: number }): PlotSeries {
  const C = anchor.y / g(anchor.x);
  return { name, points: xs.map((x) => ({ x, y: C * g(x) })), dashed: true };
}

export async function grazingReportHtml(st: GrazingStudy): Promise<string> {
  const s = st.potential.s;
  const deflectionPlot = await renderPlotSvg({
    ...FIGURE,
    title: `Deflection angle θ(ρ; κ), ${st.potential.name} (dashed: Born angle −2κI(ρ))`,
    xLabel: 'impact parameter ρ',
    yLabel: 'θ (rad)',
    xLog: true,
    yLog: true,
    // One colour per κ; solid θ, dashed its Born angle.
    series: st.deflection.kappa.flatMap((k, j) => [
      { name: `θ, κ = ${k.toExponential(0)}`, group: `κ = ${k.toExponential(0)}`, points: st.deflection.rho.map((r, i) => ({ x: r, y: st.deflection.theta[j][i] })) },
      { name: `Born, κ = ${k.toExponential(0)}`, group: `κ = ${k.toExponential(0)}`, points: st.deflection.rho.map((r, i) => ({ x: r, y: st.deflection.born[j][i] })), dashed: true },
    ]),
    lineStyles: { solid: 'θ(ρ; κ) from (3.5)', dashed: 'Born angle −2κI(ρ): closed form, first order in κ' },
  });

  const eps = st.convergence.map((r) => r.eps);
  const errPoints = st.convergence.map((r) => ({ x: r.eps, y: r.rel_error }));
  const smallest = [...errPoints].sort((a, b) => a.x - b.x)[0];
  const convSeries: PlotSeries[] = [{ name: 'rel_error', points: errPoints, mark: 'line+point' }];
  if (smallest) {
    convSeries.push(reference('∝ 1/|log ε|', eps, (x) => 1 / Math.abs(Math.log(x)), smallest));
    const p = st.convergence_detail.rate_exponent;
    if (p !== null) convSeries.push(reference(`∝ ε^${p.toFixed(3)} (heuristic rate)`, eps, (x) => Math.pow(x, p), smallest));
  }
  const convPlot = await renderPlotSvg({
    ...FIGURE,
    title:
      st.regime === 'non-cutoff'
        ? `‖ε^(−2/s) L_εψ − L_∞ψ‖∞ / ‖L_∞ψ‖∞ (s = ${s}: non-cutoff limit)`
        : `‖𝔡_ε⁻¹ L_εψ − 2π c_Φ Kψ‖∞ / ‖2π c_Φ Kψ‖∞ (s = ${s})`,
    xLabel: 'ε',
    yLabel: 'relative error',
    xLog: true,
    yLog: true,
    xFormat: '.0e',
    series: convSeries,
  });
  let scalingPlot = '';
  if (st.regime === 'non-cutoff') {
    const pts = st.convergence.map((r) => ({ x: r.eps, y: r.l_over_eps2 }));
    const a = [...pts].sort((p, q) => p.x - q.x)[0];
    scalingPlot = await renderPlotSvg({
      ...FIGURE,
      title: `‖L_εψ‖∞/ε² diverges (s = ${s} > 1)`,
      xLabel: 'ε',
      yLabel: '‖L_εψ‖∞ / ε²',
      xLog: true,
      yLog: true,
      xFormat: '.0e',
      series: [{ name: '‖L_εψ‖/ε²', points: pts, mark: 'line+point' }, ...(a ? [reference(`∝ ε^(2/s−2) = ε^${(2 / s - 2).toFixed(3)}`, eps, (x) => Math.pow(x, 2 / s - 2), a)] : [])],
    });
  }
  const cor = st.corollary_3_2.rows.filter((r) => Number.isFinite(r.difference));
  let corPlot = '';
  if (cor.length > 0) {
    const a = cor[cor.length - 1];
    const kap = cor.map((r) => r.kappa);
    const series: PlotSeries[] = [{ name: '|∫ sin²(θ/2) ρ dρ − prediction|', points: cor.map((r) => ({ x: r.kappa, y: Math.abs(r.difference) })), mark: 'line+point' }];
    const anchor = { x: a.kappa, y: Math.abs(a.difference) };
    if (s < 1) {
      series.push(reference('∝ κ³', kap, (k) => k ** 3, anchor));
      if (s > 0) series.push(reference(`∝ κ^(2/s) (stated) = κ^${(2 / s).toFixed(2)}`, kap, (k) => k ** (2 / s), anchor));
    } else if (s === 1) series.push(reference('∝ κ² (stated)', kap, (k) => k * k, anchor));
    corPlot = await renderPlotSvg({ ...FIGURE, title: 'Corollary 3.2: error of the small-κ asymptotics', xLabel: 'κ', yLabel: 'absolute difference', xLog: true, yLog: true, xFormat: '.0e', series });
  }

  const cRows: string[][] = [
    [st.c_phi_formula, num(st.c_phi, 10)],
    ['Fourier identity (2.7), with 1/16π² in place of the printed 1/8π', st.c_phi_fourier === null ? `— ${st.c_phi_fourier_note}` : num(st.c_phi_fourier, 10)],
    ['relative difference (2.7) − (2.6)', num(st.c_phi_agreement, 2)],
    ['(2.7) exactly as printed', num(st.c_phi_as_printed.eq_2_7, 10)],
  ];
  if (st.c_phi_as_printed.eq_2_6_s1 !== null) cRows.push(['(2.6) at s = 1 exactly as printed: f(0)', num(st.c_phi_as_printed.eq_2_6_s1, 10)]);
  const n = st.normalisation;
  const normText = n
    ? `<p>Measured ‖𝔡_ε⁻¹L_εψ‖∞ / ‖c_Φ K₀ψ‖∞ = <b>${n.measured.toFixed(6)}</b> at ε = ${n.measured_at_eps.toExponential(0)}${
        n.extrapolated !== undefined ? ` (${n.extrapolated.toFixed(4)} extrapolated in 1/|log ε|)` : ''
      }, with L_ε exactly as (2.3)/(3.4) and K₀ = (1.3) without its 2π. 2π = ${(2 * Math.PI).toFixed(6)}.</p>
      ${htmlTable(['reading of the prefactors under which Theorem 2.2 would hold', 'ratio it needs'], n.candidates.map((c) => [c.label, c.value.toFixed(4)]))}
      <p>Confirmed: <b>${esc(n.closest)}</b>. Equivalently, with K exactly as printed in (1.3), 𝔡_ε⁻¹L_εψ → c_Φ Kψ.</p>`
    : '<p>s &gt; 1: c_Φ is infinite and there is no Landau limit; the comparison is with the non-cutoff operator L_∞ of Theorem 2.4.</p>';

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Grazing-collisions limit — ${esc(st.potential.name)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 1200px; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th { background: #f3f3f3; }
td:first-child, th:first-child { text-align: left; }
figure { margin: 1em 0; }
figure svg { display: block; width: 100%; max-width: 1000px; height: auto; }
code { background: #f3f3f3; padding: 0 0.2em; }
</style></head><body>
<h1>Grazing-collisions limit: linearised Boltzmann → Landau</h1>
<p>Potential <b>${esc(st.potential.name)}</b>${st.potential.expression ? ` (φ(r) = <code>${esc(st.potential.expression)}</code>)` : ''}, s = ${s}, f(0) = ${st.potential.f0},
regime <b>${st.regime}</b>; test function ${esc(st.psi.description)}; ${st.points.length} points v₁; quadrature <code>${esc(st.quadrature.name)}</code>; ${st.seconds.toFixed(1)} s.</p>

<h2>The constant c_Φ</h2>
${htmlTable(['source', 'c_Φ'], cRows)}

<h2>Deflection angle θ(ρ)</h2>
<p>From (3.5) with the turning point of g(r) = 1 − ρ²/r² − 2κφ(r) (the identity printed under (3.5) has κ in place of 2κ),
by the substitution u = u_m sin χ that removes the inverse square root at r_min. Dashed: the first-order (Born) angle of Lemma 3.1.</p>
<figure>${deflectionPlot}</figure>
${htmlTable(
  ['ρ', ...st.deflection.kappa.map((k) => `θ at κ = ${k.toExponential(0)}`)],
  st.deflection.rho.map((_, i) => i).filter((i) => i % 4 === 0 || i >= st.deflection.rho.length - 4).map((i) => [num(st.deflection.rho[i], 2), ...st.deflection.kappa.map((_, j) => num(st.deflection.theta[j][i], 6))]),
)}

<h2>Corollary 3.2</h2>
<p>${esc(st.corollary_3_2.statement)}.</p>
${corPlot ? `<figure>${corPlot}</figure>` : ''}
${htmlTable(
  ['κ', '∫ sin²(θ/2) ρ dρ', 'prediction', 'difference', 'observed order'],
  st.corollary_3_2.rows.map((r) => [num(r.kappa, 0), num(r.moment, 8), num(r.prediction, 8), num(r.difference, 3), r.observed_order === null ? '—' : r.observed_order.toFixed(3)]),
)}

<h2>Convergence of the operators</h2>
<figure>${convPlot}</figure>
${scalingPlot ? `<figure>${scalingPlot}</figure>` : ''}
${htmlTable(
  ['ε', 'rel_error', '‖L_εψ‖∞/ε²', st.regime === 'non-cutoff' ? '‖L_εψ‖∞ ε^(−2/s)' : '‖𝔡_ε⁻¹L_εψ‖∞'],
  st.convergence.map((r) => [num(r.eps, 0), num(r.rel_error, 3), num(r.l_over_eps2, 4), num(r.l_scaled, 6)]),
)}
<p>Dashed: |log ε|⁻¹, the rate Theorem 2.2 guarantees, and ${
  st.convergence_detail.rate_exponent === null
    ? 'nothing faster: at s = 1 the error is O(1/|log ε|)'
    : `ε^p with p = ${st.convergence_detail.rate_exponent.toFixed(3)}, a heuristic rate (s &lt; 1: min(1, 2/s − 2); s &gt; 1: min(2 − 2/s, q/s), q = 1 if f′(0) ≠ 0 else 2)`
}, both through the smallest-ε point.</p>
<p>Quadrature floor (Kψ from exact ∇ψ, ∇²ψ against Kψ from the Legendre coefficients that L_ε uses): ${num(st.convergence_detail.quadrature_floor, 1)}.
${st.convergence_detail.eps2_exponent !== undefined ? `Fitted ‖L_εψ‖/ε² ~ ε^p: p = ${st.convergence_detail.eps2_exponent.toFixed(3)} (2/s − 2 = ${(st.convergence_detail.eps2_exponent_expected ?? NaN).toFixed(3)}).` : ''}</p>

<h2>Normalisation</h2>
${normText}
</body></html>
`;
}

/** The page from a study's grazing.json (non-finite numbers were written as null and stay "—"). */
export async function grazingReportFromJson(study: unknown): Promise<string> {
  return grazingReportHtml(study as GrazingStudy);
}

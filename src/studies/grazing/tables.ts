// Plain-text tables of a grazing study for the terminal.

import type { GrazingStudy } from './study.js';

const e = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toExponential(d));
const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

/** Index of the sample closest (in log) to x. */
function nearest(xs: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(Math.log(xs[i] / x)) < Math.abs(Math.log(xs[best] / x))) best = i;
  return best;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function studyTables(st: GrazingStudy): string[] {
  const out: string[] = [];
  const p = st.potential;
  out.push(`potential ${p.name}${p.expression ? ` (φ = ${p.expression})` : ''}, s = ${p.s}, f(0) = ${p.f0}; ψ: ${st.psi.description}; regime: ${st.regime}`);
  out.push('');
  out.push('c_Φ');
  out.push(
    ...table(
      ['source', 'value'],
      [
        [st.c_phi_formula, e(st.c_phi, 10)],
        ['Fourier identity (2.7), 2π slip corrected', st.c_phi_fourier === null ? `— diverges for s ≥ 1` : e(st.c_phi_fourier, 10)],
        ['relative difference', e(st.c_phi_agreement, 2)],
        ['(2.7) as printed (2π × the above)', e(st.c_phi_as_printed.eq_2_7, 10)],
        ...(st.c_phi_as_printed.eq_2_6_s1 !== null ? [['(2.6) at s = 1 as printed: f(0)', e(st.c_phi_as_printed.eq_2_6_s1, 10)]] : []),
      ],
    ),
  );
  out.push('');
  out.push(`deflection angle θ(ρ; κ) (Born: −2κI(ρ) of Lemma 3.1)`);
  const pick = [0.0001, 0.001, 0.01, 0.1, 0.5, 0.9, 0.99].map((r) => nearest(st.deflection.rho, r));
  out.push(
    ...table(
      ['ρ', ...st.deflection.kappa.flatMap((k) => [`θ, κ=${e(k, 0)}`, 'Born'])],
      pick.map((i) => [e(st.deflection.rho[i], 2), ...st.deflection.kappa.flatMap((_, j) => [e(st.deflection.theta[j][i]), e(st.deflection.born[j][i])])]),
    ),
  );
  out.push('');
  out.push(`Corollary 3.2: ${st.corollary_3_2.statement}`);
  out.push(
    ...table(
      ['κ', '∫ sin²(θ/2) ρ dρ', 'prediction', 'difference', 'rel. diff', 'order'],
      st.corollary_3_2.rows.map((r) => [e(r.kappa, 0), e(r.moment, 8), e(r.prediction, 8), e(r.difference, 3), e(r.rel_difference, 3), f(r.observed_order, 3)]),
    ),
  );
  out.push('');
  const lim = st.regime === 'non-cutoff' ? 'ε^(−2/s) L_ε ψ vs L_∞ψ (non-cutoff limit, Theorem 2.4)' : `𝔡_ε⁻¹ L_ε ψ vs 2π c_Φ K ψ (Theorem 2.2${st.regime === 'coulomb-log' ? ', 𝔡 = ε²|log ε|' : ', 𝔡 = ε²'})`;
  out.push(`convergence: ${lim}, max over ${st.points.length} points`);
  out.push(
    ...table(
      ['ε', 'rel_error', '‖L_εψ‖/ε²', st.regime === 'non-cutoff' ? '‖L_εψ‖ ε^(−2/s)' : '‖𝔡⁻¹L_εψ‖'],
      st.convergence.map((r) => [e(r.eps, 0), e(r.rel_error, 3), e(r.l_over_eps2, 4), e(r.l_scaled, 6)]),
    ),
  );
  out.push(`quadrature floor (K ψ from ∇ψ, ∇²ψ vs from the Legendre coefficients): ${e(st.convergence_detail.quadrature_floor, 1)}`);
  if (st.convergence_detail.eps2_exponent !== undefined) {
    out.push(`‖L_εψ‖/ε² ~ ε^p with p = ${f(st.convergence_detail.eps2_exponent, 3)} over the two smallest ε (Theorem 2.4 scaling: 2/s − 2 = ${f(st.convergence_detail.eps2_exponent_expected, 3)})`);
  }
  if (st.normalisation) {
    const n = st.normalisation;
    out.push(
      `normalisation: ‖𝔡⁻¹L_εψ‖/‖c_Φ K₀ψ‖ = ${f(n.measured, 6)} at ε = ${e(n.measured_at_eps, 0)}${n.extrapolated !== undefined ? ` (→ ${f(n.extrapolated, 4)} extrapolated in 1/|log ε|)` : ''}; 2π = ${f(2 * Math.PI, 6)}`,
    );
    out.push(`  confirms: ${n.closest}`);
  }
  return out;
}

// The table printed at the end of a run.
import { entropyVerdict, fisherVerdict, verdictLine, type Precision } from '../diagnostics/monotonicity.js';
import type { SeriesEntry } from '../diagnostics/series.js';

/** Errors against exact solutions that a run reports (BKW, Maxwell-molecule moment law) at its last output. */
const EXACT_SOLUTION_ROWS: [key: string, label: string][] = [
  ['bkw_error_l1', 'BKW error, relative L¹'],
  ['bkw_error_max', 'BKW error, relative max'],
  ['deviator_law_error', 'deviator vs e^{−3ρt/(2π)}'],
];

/** Coercivity quantities of blow-down runs (src/studies/coercivity/blowdown-coercivity.ts); null where undefined (h = 0 at t = 0). */
const COERCIVITY_ROWS: [label: string, value: (e: SeriesEntry) => unknown][] = [
  ['R(F − M_eq), Lemma 2.4', (e) => e.rayleigh_LM],
  ['(L_E h,h)_μ/‖L_E h‖‖h‖, Lemma 3.1', (e) => e.LE_form_rel],
  ['smallest C of Lemma 3.3', (e) => (e.lemma33 as { C_needed?: unknown } | undefined)?.C_needed],
];

export function summaryTable(series: SeriesEntry[], wallSeconds: number, precision: Precision = 'f64'): string {
  const first = series[0]!;
  const last = series[series.length - 1]!;
  const fmt = (x: number) => x.toExponential(6);
  const trace = (m: number[][]) => (m[0]![0]! + m[1]![1]! + m[2]![2]!) / 3;
  const rows: [string, string, string, string][] = [
    ['quantity', 't = 0', `t = ${last.t}`, 'relative change'],
    ['mass', fmt(first.mass), fmt(last.mass), fmt(last.massDrift)],
    ['momentum |p|', fmt(Math.hypot(...first.momentum)), fmt(Math.hypot(...last.momentum)), `${fmt(last.momentumDrift)} (of √(mE))`],
    ['energy', fmt(first.energy), fmt(last.energy), fmt(last.energyDrift)],
    ['temperature (tr/3)', fmt(trace(first.temperature)), fmt(trace(last.temperature)), ''],
    ['T_zz − T_xx', fmt(first.temperature[2]![2]! - first.temperature[0]![0]!), fmt(last.temperature[2]![2]! - last.temperature[0]![0]!), ''],
    ['entropy H', fmt(first.entropy), fmt(last.entropy), `ΔH = ${fmt(last.entropy - first.entropy)}`],
    ['dH/dt', fmt(first.dEntropy_dt), fmt(last.dEntropy_dt), ''],
    ['Fisher information', fmt(first.fisher), fmt(last.fisher), ''],
    ['min F', fmt(first.minF), fmt(last.minF), ''],
    ['max F', fmt(first.maxF), fmt(last.maxF), ''],
    ...COERCIVITY_ROWS.filter(([, value]) => value(last) !== undefined).map(([label, value]): [string, string, string, string] => {
      const show = (x: unknown) => (typeof x === 'number' ? fmt(x) : '—');
      return [label, show(value(first)), show(value(last)), ''];
    }),
    ...EXACT_SOLUTION_ROWS.filter(([key]) => typeof last[key] === 'number').map(
      ([key, label]): [string, string, string, string] => [label, fmt(first[key] as number), fmt(last[key] as number), ''],
    ),
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  const steps = last.step;
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    '',
    `steps: ${steps}, outputs: ${series.length}, ` +
      `wall time ${wallSeconds.toFixed(2)} s${steps > 0 ? ` (${((wallSeconds / steps) * 1000).toFixed(1)} ms per RK3 step incl. outputs)` : ''}`,
    `${verdictLine(entropyVerdict(series, precision), precision)}; ${verdictLine(fisherVerdict(series, precision), precision)}`,
  ].join('\n');
}

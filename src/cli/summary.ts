// The table printed at the end of a run.
import { entropyVerdict, fisherVerdict, verdictLine, type Precision } from '../diagnostics/monotonicity.js';
import { CLI_FLAGS } from './option-flags.js';
import type { SeriesEntry } from '../diagnostics/series.js';
import { SUMMARY_ROWS } from '../diagnostics/output-diagnostics.js';

/** The closing table; epsF2 > 0 (the modified equation's source) changes what the H and I verdicts can say. */
export function summaryTable(series: SeriesEntry[], wallSeconds: number, precision: Precision = 'f64', epsF2 = 0): string {
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
    // What the run's diagnostic groups add (output-diagnostics.ts); '—' where undefined (e.g. h = 0 at t = 0).
    ...SUMMARY_ROWS.filter((row) => row.value(last) !== undefined).map(({ label, value }): [string, string, string, string] => {
      const show = (x: unknown) => (typeof x === 'number' ? fmt(x) : '—');
      return [label, show(value(first)), show(value(last)), ''];
    }),
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
    `${verdictLine(entropyVerdict(series, precision), precision, CLI_FLAGS, epsF2)}; ${verdictLine(fisherVerdict(series, precision), precision, CLI_FLAGS, epsF2)}`,
  ].join('\n');
}

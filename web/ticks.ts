// Axis ticks at round values: multiples of 1, 2 or 5 × 10^k inside the range, labelled with just the
// digits the step needs (0.5, 1, 1.5 — not 0.44, 0.89, 1.3; 1e-4 — not 5.2e-4).

export interface Tick {
  /** Where the tick sits, in the axis' own coordinate (log₁₀ of the value on a log axis). */
  at: number;
  label: string;
}

/** The round step (1, 2 or 5 × 10^k) nearest to `rough` on a log scale. */
export function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  return (m < Math.SQRT2 ? 1 : m < Math.sqrt(10) ? 2 : m < Math.sqrt(50) ? 5 : 10) * power;
}

/** Multiples of a round step inside [a, b], about `count` of them (at least two where the range allows). */
export function niceTicks(a: number, b: number, count = 5): number[] {
  if (!(b > a) || !Number.isFinite(a) || !Number.isFinite(b)) return Number.isFinite(a) ? [a] : [];
  const step = niceStep((b - a) / Math.max(1, count - 1));
  const first = Math.ceil(a / step - 1e-9);
  const last = Math.floor(b / step + 1e-9);
  // k·step rounded to the step's digits: no 0.30000000000000004.
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** A tick value with the digits its step needs: fixed notation for ordinary sizes, otherwise an exponent. */
export function tickLabel(value: number, step: number): string {
  if (value === 0) return '0';
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const size = Math.abs(value);
  if (size >= 1e-3 && size < 1e5 && decimals <= 4) return value.toFixed(decimals);
  const digits = Math.max(0, Math.floor(Math.log10(size) + 1e-9) - Math.floor(Math.log10(step) + 1e-9));
  // 1e-8 and 1.5e-8, not 1.0e-8.
  return value.toExponential(Math.min(digits, 6)).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** Below this step relative to the values, labels count from an offset (H = −4.256878762 + 1e-9 …). */
const OFFSET_BELOW = 1e-5;

/** Ticks of a linear axis over [a, b]. */
export function linearTicks(a: number, b: number, count = 5): Tick[] {
  return linearAxis(a, b, count).ticks;
}

/**
 * Ticks of a linear axis over [a, b]; where the range is tiny beside its values (a quantity constant
 * to round-off), the labels are differences from `offset`, itself written in full once.
 */
export function linearAxis(a: number, b: number, count = 5): { ticks: Tick[]; offset: string | null } {
  const values = niceTicks(a, b, count);
  const step = values.length > 1 ? values[1]! - values[0]! : Math.abs(values[0] ?? 1) || 1;
  const base = values[0] ?? 0;
  if (values.length < 2 || step >= OFFSET_BELOW * Math.max(Math.abs(a), Math.abs(b))) {
    return { ticks: values.map((v) => ({ at: v, label: tickLabel(v, step) })), offset: null };
  }
  const digits = Math.min(15, Math.floor(Math.log10(Math.abs(base))) - Math.floor(Math.log10(step) + 1e-9) + 1);
  const ticks = values.map((v, i) => ({ at: v, label: i === 0 ? '+0' : `+${tickLabel(i * step, step)}` }));
  return { ticks, offset: base.toPrecision(digits) };
}

/**
 * Ticks of a log axis whose coordinate is log₁₀ of the value, over [lo, hi]: whole decades (every
 * one, or every 2nd, 5th …) where the range spans one or more, else round values inside it.
 */
export function logTicks(lo: number, hi: number, count = 5): Tick[] {
  const decades = hi - lo >= 1 ? decadeTicks(lo, hi, count) : [];
  if (decades.length >= 2) return decades;
  return linearTicks(10 ** lo, 10 ** hi, count)
    .filter((t) => t.at > 0)
    .map((t) => ({ at: Math.log10(t.at), label: t.label }));
}

function decadeTicks(lo: number, hi: number, count: number): Tick[] {
  const step = Math.max(1, niceStep((hi - lo) / Math.max(1, count - 1)));
  const ticks: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9) * step; k <= hi + 1e-9; k += step) ticks.push({ at: k, label: k === 0 ? '1' : `1e${k}` });
  return ticks;
}

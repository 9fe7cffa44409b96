// The demo's URL and axes: a URL whose data the grid does not resolve loses only the value at
// fault, and plot axes are ticked at round values.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, demoResolution, parseQuery } from '../web/config.js';
import { linearAxis, linearTicks, logTicks, niceTicks, tickLabel } from '../web/ticks.js';

describe('an unresolved configuration in the URL', () => {
  it('keeps every other value: N is raised to the smallest that resolves the data', () => {
    const { config, errors } = parseQuery('?scenario=blowdown&n=12&L=6&conv=fft&delta=0.1&alpha=0.35&bumpa=1.5&gradient=4');
    const { n, ...rest } = config;
    expect(rest).toEqual({ ...DEFAULT_CONFIG, conv: 'fft', delta: 0.1, alpha: 0.35, bumpA: 1.5, gradient: 4, n: undefined });
    expect(demoResolution(config).resolved).toBe(true);
    expect(demoResolution({ ...config, n: n - 1 }).resolved).toBe(false);
    expect(Object.keys(errors)).toEqual(['n']);
    expect(errors.n).toMatch(new RegExp(`^N = 12 does not resolve the bump .*; using N = ${n} — or choose "allow"`));
  });

  it('refuses the data value no grid of the demo resolves, and keeps the rest', () => {
    const { config, errors } = parseQuery('?scenario=blowdown&n=40&delta=0.01&alpha=0.35&conv=direct');
    expect(config).toEqual({ ...DEFAULT_CONFIG, n: 40, conv: 'direct', alpha: 0.35 });
    expect(Object.keys(errors)).toEqual(['delta']);
    expect(errors.delta).toMatch(/N = 40 does not resolve the bump .* N ≥ 93 resolves it at L = 6, beyond the demo's N ≤ 48; using δ = 0\.3/);
  });

  it('changes nothing when the data are resolved or allowed', () => {
    expect(parseQuery('?scenario=blowdown&n=12&delta=0.1&unresolved=allow')).toEqual({ config: { ...DEFAULT_CONFIG, n: 12, delta: 0.1, unresolved: 'allow' }, errors: {} });
    expect(parseQuery('?scenario=maxwellian&n=16&L=8')).toEqual({ config: { ...DEFAULT_CONFIG, scenario: 'maxwellian', n: 16, L: 8 }, errors: {} });
  });
});

/** True when the values are consecutive multiples of one step of 1, 2 or 5 × 10^k. */
function round(values: number[]): boolean {
  if (values.length < 2) return false;
  const step = values[1]! - values[0]!;
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  const okStep = [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
  return okStep && values.every((v, i) => Math.abs(v / step - Math.round(v / step)) < 1e-6 && (i === 0 || Math.abs(v - values[i - 1]! - step) < step * 1e-9));
}

describe('axis ticks', () => {
  it('sit at multiples of 1, 2 or 5 × 10^k inside the range, 3 to 10 of them', () => {
    for (const [a, b] of [[0, 6.1], [0, 1.8], [-5.3258, -5.3137], [-4.6e-9, 2.0e-8], [3.5e-12, 0.28], [0, 1], [-1, 1], [1e5, 3e7], [0.3, 0.31]]) {
      const ticks = niceTicks(a!, b!);
      expect(round(ticks), `${a} … ${b}: ${ticks}`).toBe(true);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(10);
      // Inside the range, up to round-off of a millionth of a step.
      const slack = 1e-6 * (ticks[1]! - ticks[0]!);
      expect(Math.min(...ticks)).toBeGreaterThanOrEqual(a! - slack);
      expect(Math.max(...ticks)).toBeLessThanOrEqual(b! + slack);
    }
  });

  it('are labelled with the digits the step needs', () => {
    expect(linearTicks(0, 6.1).map((t) => t.label)).toEqual(['0', '2', '4', '6']);
    expect(linearTicks(0, 1.8).map((t) => t.label)).toEqual(['0', '0.5', '1.0', '1.5']);
    expect(linearTicks(-5.3258, -5.3137).map((t) => t.label)).toEqual(['-5.324', '-5.322', '-5.320', '-5.318', '-5.316', '-5.314']);
    expect(linearTicks(-4.6e-9, 2.0e-8).map((t) => t.label)).toEqual(['0', '5e-9', '1e-8', '1.5e-8', '2e-8']);
    expect(tickLabel(1.5e-3, 5e-4)).toBe('0.0015');
  });

  it('count from an offset where the range is tiny beside the values (a quantity constant to round-off)', () => {
    const axis = linearAxis(-4.2568787652, -4.2568787612);
    expect(axis.offset).toBe('-4.256878765');
    expect(axis.ticks.map((t) => t.label)).toEqual(['+0', '+1e-9', '+2e-9', '+3e-9']);
    axis.ticks.forEach((t, k) => expect(t.at - Number(axis.offset)).toBeCloseTo(k * 1e-9, 14));
    expect(linearAxis(-5.3258, -5.3137).offset).toBeNull();
  });

  it('on a log axis: whole decades, or round values within one', () => {
    const decades = logTicks(Math.log10(3.5e-12), Math.log10(0.28));
    expect(decades.every((t) => Number.isInteger(t.at) && t.label === (t.at === 0 ? '1' : `1e${t.at}`))).toBe(true);
    expect(round(decades.map((t) => t.at))).toBe(true);
    const narrow = logTicks(Math.log10(0.2), Math.log10(0.9));
    expect(narrow.map((t) => t.label)).toEqual(['0.2', '0.4', '0.6', '0.8']);
  });
});

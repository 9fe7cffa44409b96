// The judgement of entropy and Fisher information rises: within the precision's round-off bound,
// or flagged as a time-step or resolution effect.
import { describe, expect, it } from 'vitest';
import { entropyVerdict, fisherVerdict, UNIT_ROUNDOFF, verdictLine } from '../src/diagnostics/monotonicity.js';
import { CLI_FLAGS } from '../src/cli/option-flags.js';
import type { SeriesEntry } from '../src/diagnostics/series.js';

/** A series with the given entropies and Fisher informations, one step between outputs, mass 1, max F 0.5. */
function series(entropy: number[], fisher: number[]): SeriesEntry[] {
  return entropy.map((h, k) => ({ t: k, step: k, mass: 1, maxF: 0.5, entropy: h, fisher: fisher[k]! }) as unknown as SeriesEntry);
}

describe('monotonicity of H and I', () => {
  it('a rise below 4·u·S per step is round-off, one above it is flagged', () => {
    // S = mass − H = 5 here; the bound over one step is 4·u·5·2.
    const bound = 4 * UNIT_ROUNDOFF.f32 * 5 * 2;
    const h = [-4, -4 + 0.5 * bound, -4 - 1e-3, -4 - 1e-3 + 3 * bound];
    const v = entropyVerdict(series(h, [1, 0.9, 0.8, 0.7]), 'f32');
    expect(v.increases).toBe(2);
    expect(v.beyondRoundoff).toBe(1);
    expect(v.pairs).toBe(3);
    // Counted out of all pairs of successive outputs, not out of the rises.
    expect(verdictLine(v, 'f32', CLI_FLAGS)).toMatch(/increases beyond f32 round-off between 1 of 3 pairs of successive outputs \(2 rose in all; .*lower --cfl/);
    expect(verdictLine(entropyVerdict(series(h.slice(0, 2), [1, 1]), 'f32'), 'f32', CLI_FLAGS)).toMatch(/all within f32 round-off/);
    // The same rises in f64 are far beyond its round-off.
    expect(entropyVerdict(series(h, [1, 0.9, 0.8, 0.7]), 'f64').beyondRoundoff).toBe(2);
  });

  it('with the source εF² rises are counted, not blamed on the time step', () => {
    const rising = series([-4, -3.9, -3.8, -3.7, -3.6], [1, 1.1, 1.2, 1.1, 1.3]);
    const h = verdictLine(entropyVerdict(rising, 'f64'), 'f64', CLI_FLAGS, 0.5);
    expect(h).toMatch(/^entropy rises between 4 of 4 pairs of successive outputs; with the source εF² \(ε = 0\.5\) it need not fall/);
    expect(h).not.toMatch(/--cfl|time-step/);
    expect(verdictLine(fisherVerdict(rising, 'f64'), 'f64', CLI_FLAGS, 0.5)).toMatch(/^Fisher information rises between 3 of 4 pairs/);
    // Without the source the same rises are flagged.
    expect(verdictLine(entropyVerdict(rising, 'f64'), 'f64', CLI_FLAGS)).toMatch(/between 4 of 4 pairs .*lower --cfl/);
  });

  it('falling values give no increase', () => {
    const v = fisherVerdict(series([-4, -4.1, -4.2], [3, 2, 1]), 'f64');
    expect(v.increases).toBe(0);
    expect(verdictLine(v, 'f64', CLI_FLAGS)).toBe('Fisher information never increases between outputs');
  });
});

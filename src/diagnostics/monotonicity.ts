// Whether the entropy H and the Fisher information I of a run's outputs fall as the equation says,
// judged against the round-off of the state's precision. Both are non-increasing for the
// Landau–Coulomb equation (I by Guillen–Silvestre); the semi-discrete scheme dissipates H exactly,
// but its values carry round-off and the explicit steps add a time error. An increase between two
// outputs is counted as round-off when it is below
//   ROUNDOFF_STEPS · u · S · (steps between them + 1),   u = 2⁻²⁴ (f32) or 2⁻⁵³ (f64),
// with S a bound on Σ |∂(F log F)/∂F| |F| h³ = Σ F|1 + log F| h³, the sensitivity of H to a
// relative change of every cell: S ≤ mass·(1 + 2 log⁺ max F) − H. For I the same with S = I.
// What exceeds that is a time-step or resolution effect, and is flagged. With the source εF² of the
// modified equation neither H nor I need fall (the source adds mass where F is largest), so there the
// rises are counted and said to be the source's, not judged.
import type { SeriesEntry } from './series.js';
import { word, type OptionNames } from '../core/errors/user-input-error.js';

export const UNIT_ROUNDOFF = { f32: 2 ** -24, f64: 2 ** -53 } as const;
export type Precision = keyof typeof UNIT_ROUNDOFF;
/** Rounding events per step that reach the state: three RK stages and the update. */
const ROUNDOFF_STEPS = 4;

export interface MonotonicityVerdict {
  quantity: 'entropy' | 'Fisher information';
  /** Intervals between successive outputs. */
  pairs: number;
  /** Output intervals over which the quantity rose. */
  increases: number;
  /** Of those, the ones above the round-off bound. */
  beyondRoundoff: number;
  /** The largest rise and the bound of its interval. */
  largest: { rise: number; bound: number; t: number } | null;
}

function verdict(series: SeriesEntry[], precision: Precision, quantity: MonotonicityVerdict['quantity'], value: (e: SeriesEntry) => number, scale: (e: SeriesEntry) => number): MonotonicityVerdict {
  const u = UNIT_ROUNDOFF[precision];
  let increases = 0;
  let beyondRoundoff = 0;
  let largest: MonotonicityVerdict['largest'] = null;
  for (let k = 1; k < series.length; k++) {
    const [before, after] = [series[k - 1]!, series[k]!];
    const rise = value(after) - value(before);
    if (!(rise > 0)) continue;
    increases++;
    const bound = ROUNDOFF_STEPS * u * Math.max(scale(before), scale(after)) * (after.step - before.step + 1);
    if (rise > bound) beyondRoundoff++;
    if (!largest || rise / bound > largest.rise / largest.bound) largest = { rise, bound, t: after.t };
  }
  return { quantity, pairs: Math.max(0, series.length - 1), increases, beyondRoundoff, largest };
}

export function entropyVerdict(series: SeriesEntry[], precision: Precision): MonotonicityVerdict {
  const sensitivity = (e: SeriesEntry) => e.mass * (1 + 2 * Math.max(0, Math.log(e.maxF))) - e.entropy;
  return verdict(series, precision, 'entropy', (e) => e.entropy, sensitivity);
}

export function fisherVerdict(series: SeriesEntry[], precision: Precision): MonotonicityVerdict {
  return verdict(series, precision, 'Fisher information', (e) => e.fisher, (e) => Math.abs(e.fisher));
}

/**
 * One sentence: how often the quantity rose, and whether each rise is within round-off (with a source
 * ε > 0: that it need not fall); the options that would change it are named in the front end's words.
 */
export function verdictLine(v: MonotonicityVerdict, precision: Precision, names: OptionNames, epsF2 = 0): string {
  const pairs = `${v.pairs} pair${v.pairs === 1 ? '' : 's'} of successive outputs`;
  if (epsF2 > 0) {
    const rises = v.increases === 0 ? 'never rises' : `rises between ${v.increases} of ${pairs}`;
    return `${v.quantity} ${rises}; with the source εF² (ε = ${epsF2}) it need not fall, so this is not judged (the monotonicity of the Landau equation does not apply)`;
  }
  if (v.increases === 0) return `${v.quantity} never increases between outputs`;
  const l = v.largest!;
  const rule = `${ROUNDOFF_STEPS}·2^${precision === 'f32' ? '−24' : '−53'}·S per step`;
  if (v.beyondRoundoff === 0) {
    return `${v.quantity} increases between ${v.increases} of ${pairs}, all within ${precision} round-off (largest rise ${l.rise.toExponential(2)}, bound ${l.bound.toExponential(2)} = ${rule})`;
  }
  return word(
    [
      `${v.quantity} increases beyond ${precision} round-off between ${v.beyondRoundoff} of ${pairs} (${v.increases} rose in all; ` +
        `largest rise ${l.rise.toExponential(2)} at t = ${l.t}, bound ${l.bound.toExponential(2)} = ${rule}): ` +
        'a time-step or resolution effect, not the equation — ',
      { option: 'cfl', change: 'lower' },
      '/',
      { option: 'rateTol' },
      ' or ',
      { option: 'n', change: 'raise' },
    ],
    names,
  );
}

// Data with exact initial second-moment rates (src/core/math/moment-rates.ts) and an operator's error on
// them: bi-Maxwellians along each axis and an oblique one, two shifted Maxwellians, a Maxwellian
// plus an off-centre narrower one.
import { maxwellian } from '../../src/core/math/closed-forms.js';
import { secondMomentRate, type AxisymmetricGaussian } from '../../src/core/math/moment-rates.js';
import type { LandauOperator } from '../../src/backends/landau-operator.js';

type Vec3 = [number, number, number];
const COMPONENTS: [number, number][] = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]];

export interface RateCase {
  name: string;
  L: number;
  /** F at v. */
  density: (v: Vec3) => number;
  /** The pair laws of z = v − w with their weights (ordered pairs). */
  pairs: { weight: number; z: AxisymmetricGaussian }[];
}

/** N(0, T⊥ I + (T∥ − T⊥) e eᵀ) at v. */
function biMaxwellian(e: Vec3, tPar: number, tPerp: number): (v: Vec3) => number {
  const norm = Math.pow(2 * Math.PI, -1.5) / (tPerp * Math.sqrt(tPar));
  return (v) => {
    const along = v[0] * e[0] + v[1] * e[1] + v[2] * e[2];
    const across = v[0] ** 2 + v[1] ** 2 + v[2] ** 2 - along ** 2;
    return norm * Math.exp(-(along ** 2) / (2 * tPar) - across / (2 * tPerp));
  };
}

const oblique: Vec3 = [1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(3)];
const bump = Math.pow(0.3, 0.3);
export const RATE_CASES: RateCase[] = [
  ...(['x', 'y', 'z'] as const).map((axis, k): RateCase => {
    const e: Vec3 = [0, 0, 0];
    e[k] = 1;
    return { name: `bi-Maxwellian T∥ = 1.2, T⊥ = 0.9 along ${axis}`, L: 6, density: biMaxwellian(e, 1.2, 0.9), pairs: [{ weight: 1, z: { axis: e, shift: 0, tPar: 2.4, tPerp: 1.8 } }] };
  }),
  { name: 'bi-Maxwellian along (1,1,1)/√3', L: 6, density: biMaxwellian(oblique, 1.2, 0.9), pairs: [{ weight: 1, z: { axis: oblique, shift: 0, tPar: 2.4, tPerp: 1.8 } }] },
  {
    name: 'two Maxwellians at ±1.5 e_x',
    L: 7,
    density: ([x, y, z]) => 0.5 * (maxwellian((x - 1.5) ** 2 + y * y + z * z) + maxwellian((x + 1.5) ** 2 + y * y + z * z)),
    // The cross pairs (1, 2) and (2, 1), weight ¼ each, with z ~ N(±3 e_x, 2I); h is even.
    pairs: [{ weight: 0.5, z: { axis: [1, 0, 0], shift: 3, tPar: 2, tPerp: 2 } }],
  },
  {
    name: 'M + δ^α N(e_x, δI), δ = 0.3, α = 0.3',
    L: 6,
    density: ([x, y, z]) => maxwellian(x * x + y * y + z * z) + bump * maxwellian((x - 1) ** 2 + y * y + z * z, 0.3),
    pairs: [{ weight: 2 * bump, z: { axis: [1, 0, 0], shift: 1, tPar: 1.3, tPerp: 1.3 } }],
  },
];

/** Largest error of the six rate components relative to the largest exact one. */
export async function rateError(op: LandauOperator, c: RateCase): Promise<number> {
  op.setState(op.grid.sample((x, y, z) => c.density([x, y, z])));
  const rate = (await op.moments()).secondMomentRate;
  const exact = secondMomentRate(c.pairs);
  const scale = Math.max(...COMPONENTS.map(([k, l]) => Math.abs(exact[k]![l]!)));
  return Math.max(...COMPONENTS.map(([k, l], i) => Math.abs(rate[i]! - exact[k]![l]!))) / scale;
}


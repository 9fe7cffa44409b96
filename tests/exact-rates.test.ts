// Initial second-moment rates against their exact values (src/math/moment-rates.ts): bi-Maxwellians
// along each axis and an oblique one, two shifted Maxwellians, a Maxwellian plus an off-centre
// narrower one — on the native CPU backend (f64) and the WGSL backend (f32).
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/grid/grid.js';
import { maxwellian } from '../src/math/closed-forms.js';
import { secondMomentRate, type AxisymmetricGaussian } from '../src/math/moment-rates.js';
import { CpuLandauOperator } from '../src/operator/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/operator/gpu/gpu-operator.js';
import type { LandauOperator } from '../src/operator/landau-operator.js';
import { shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

type Vec3 = [number, number, number];
const COMPONENTS: [number, number][] = [[0, 0], [1, 1], [2, 2], [0, 1], [0, 2], [1, 2]];

interface RateCase {
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
const CASES: RateCase[] = [
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
async function rateError(op: LandauOperator, c: RateCase): Promise<number> {
  op.setState(op.grid.sample((x, y, z) => c.density([x, y, z])));
  const rate = (await op.moments()).secondMomentRate;
  const exact = secondMomentRate(c.pairs);
  const scale = Math.max(...COMPONENTS.map(([k, l]) => Math.abs(exact[k]![l]!)));
  return Math.max(...COMPONENTS.map(([k, l], i) => Math.abs(rate[i]! - exact[k]![l]!))) / scale;
}

describe('exact initial second-moment rates, native CPU backend (f64)', () => {
  for (const c of CASES) {
    it(`${c.name}: second-order convergence from N = 12 to 24`, async () => {
      const ns = [12, 16, 24];
      const errors: number[] = [];
      for (const n of ns) errors.push(await rateError(new CpuLandauOperator(new Grid({ n, L: c.L }), { conv: 'fft' }), c));
      const order = Math.log(errors[1]! / errors[2]!) / Math.log(24 / 16);
      console.log(`${c.name}: relative error ${errors.map((e, i) => `N=${ns[i]} ${(100 * e).toFixed(3)} %`).join(', ')}; order ${order.toFixed(2)}`);
      expect(errors[1]!).toBeLessThan(errors[0]!);
      expect(errors[2]!).toBeLessThan(errors[1]!);
      expect(order).toBeGreaterThan(1.5);
    });
  }

  it('bi-Maxwellians (along x and oblique): ≤ 0.12 % off at N = 24 and ≤ 0.064 % at N = 32, sixth order (L = 6)', async () => {
    for (const c of [CASES[0]!, CASES[3]!]) {
      const errors: number[] = [];
      for (const n of [24, 32]) errors.push(await rateError(new CpuLandauOperator(new Grid({ n, L: c.L }), { conv: 'fft' }), c));
      const order = Math.log(errors[0]! / errors[1]!) / Math.log(32 / 24);
      console.log(`${c.name}: N=24 ${(100 * errors[0]!).toFixed(4)} %, N=32 ${(100 * errors[1]!).toFixed(4)} %; order ${order.toFixed(2)}`);
      expect(errors[0]!).toBeLessThan(0.0012);
      expect(errors[1]!).toBeLessThan(0.00064);
      expect(order).toBeGreaterThan(5);
    }
  });

  it('the aligned bi-Maxwellians give the same rates up to the permutation of the axes', async () => {
    const grid = new Grid({ n: 16, L: 6 });
    const errs = [];
    for (const c of CASES.slice(0, 3)) errs.push(await rateError(new CpuLandauOperator(grid, { conv: 'fft' }), c));
    expect(Math.abs(errs[1]! - errs[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(errs[2]! - errs[0]!)).toBeLessThan(1e-12);
  });
});

describe.skipIf(!gpu)('exact initial second-moment rates, WGSL backend (f32)', () => {
  it('equal to the f64 rates of the same discrete operator, N = 12 (FFT path)', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'fft' });
    try {
      for (const c of [CASES[0]!, CASES[3]!, CASES[4]!, CASES[5]!]) {
        const g = new Grid({ n: 12, L: c.L });
        const gop = c.L === 6 ? op : await GpuLandauOperator.create(g, gpu!, shaders, { conv: 'fft' });
        const cpu = new CpuLandauOperator(g, { conv: 'fft' });
        const [eg, ec] = [await rateError(gop, c), await rateError(cpu, c)];
        if (gop !== op) gop.dispose();
        console.log(`${c.name}, N = 12: GPU ${(100 * eg).toFixed(4)} %, CPU ${(100 * ec).toFixed(4)} %`);
        expect(Math.abs(eg - ec)).toBeLessThan(2e-4);
      }
    } finally {
      op.dispose();
    }
  });
});

// Initial second-moment rates against their exact values (src/core/math/moment-rates.ts): bi-Maxwellians
// along each axis and an oblique one, two shifted Maxwellians, a Maxwellian plus an off-centre
// narrower one — on the native CPU backend (f64) and the WGSL backend (f32).
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { shaders, testGpu } from './support/gpu.js';
import { RATE_CASES as CASES, rateError } from './support/rate-cases.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

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

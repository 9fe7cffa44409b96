// Properties of the discrete operator, on the f64 reference.
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { kernelBoxIntegral } from './support/coulomb-cell-integrals.js';
import { C0, lambdaRadial, lambdaTangential, maxwellian } from '../src/core/math/closed-forms.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';

const unitMaxwellian = (x: number, y: number, z: number) => maxwellian(x * x + y * y + z * z);

/** Largest error of the radial and tangential eigenvalues of A[M] at grid points with |v| ≤ 3. */
async function eigenvalueError(n: number, L: number): Promise<number> {
  const grid = new Grid({ n, L });
  const op = new CpuLandauOperator(grid);
  op.setState(grid.sample(unitMaxwellian));
  const a = await op.diffusionMatrix();
  let err = 0;
  let c = 0;
  for (const vx of grid.axis)
    for (const vy of grid.axis)
      for (const vz of grid.axis) {
        const r = Math.hypot(vx, vy, vz);
        if (r <= 3) {
          const e = [vx / r, vy / r, vz / r];
          const m = a.subarray(c * 6, c * 6 + 6);
          const radial = m[0]! * e[0]! ** 2 + m[1]! * e[1]! ** 2 + m[2]! * e[2]! ** 2 + 2 * (m[3]! * e[0]! * e[1]! + m[4]! * e[0]! * e[2]! + m[5]! * e[1]! * e[2]!);
          const tangential = (m[0]! + m[1]! + m[2]! - radial) / 2;
          err = Math.max(err, Math.abs(radial - lambdaRadial(r)), Math.abs(tangential - lambdaTangential(r)));
        }
        c++;
      }
  return err;
}

describe('kernel table', () => {
  it('self-cell average equals (2/3)·∫|z|⁻¹/(8π) over the unit cube', () => {
    const w = kernelBoxIntegral([-0.5, -0.5, -0.5], [0.5, 0.5, 0.5]);
    expect(w[0]).toBeCloseTo(((2 / 3) * 2.3800773) / (8 * Math.PI), 8);
    expect(w[3]).toBe(0);
  });
});

describe('A[M] against the closed forms of docs/mathematics.md §2', () => {
  it('eigenvalue error converges at sixth order (N = 12, 16, 24; L = 5)', async () => {
    const errors = [12, 16, 24].map((n) => ({ n, h: 10 / n }));
    const values: number[] = [];
    for (const e of errors) values.push(await eigenvalueError(e.n, 5));
    const order = (i: number, j: number) => Math.log(values[i]! / values[j]!) / Math.log(errors[i]!.h / errors[j]!.h);
    console.log(`eigenvalue errors ${values.map((v) => v.toExponential(3)).join(', ')}; orders ${order(0, 1).toFixed(2)}, ${order(1, 2).toFixed(2)}`);
    expect(values[1]).toBeLessThan(values[0]!);
    expect(values[2]).toBeLessThan(values[1]!);
    expect(order(1, 2)).toBeGreaterThan(5);
    expect(values[2]! / C0).toBeLessThan(0.03);
  });

  it('eigenvalues at 0.4 ≤ |v| ≤ 3 within 0.84 % at N = 24 (L = 6), sixth order from N = 16 to 32', async () => {
    const worst: number[] = [];
    for (const n of [16, 24, 32]) {
      const grid = new Grid({ n, L: 6 });
      const op = new CpuLandauOperator(grid, { conv: 'fft' });
      op.setState(grid.sample(unitMaxwellian));
      const eig = await op.diffusionEigen();
      let w = 0;
      for (let c = 0; c < grid.cells; c++) {
        const v = [grid.axis[(c / (n * n)) | 0]!, grid.axis[((c / n) | 0) % n]!, grid.axis[c % n]!];
        const r = Math.hypot(...v);
        if (r < 0.4 || r > 3) continue;
        const got = Array.from(eig.subarray(c * 4, c * 4 + 3)).sort((a, b) => a - b);
        const exact = [lambdaRadial(r), lambdaTangential(r), lambdaTangential(r)].sort((a, b) => a - b);
        for (let k = 0; k < 3; k++) w = Math.max(w, Math.abs(got[k]! / exact[k]! - 1));
      }
      op.dispose();
      worst.push(w);
    }
    const order = Math.log(worst[1]! / worst[2]!) / Math.log(32 / 24);
    console.log(`A[M] eigenvalues, largest relative error at N = 16, 24, 32: ${worst.map((e) => (100 * e).toFixed(3) + ' %').join(', ')}; order ${order.toFixed(2)}`);
    expect(worst[1]!).toBeLessThan(0.0084);
    expect(order).toBeGreaterThan(5.5);
  });
});

describe('discrete structure', () => {
  it('Q(M,M) vanishes to round-off (Maxwellians are exact discrete equilibria) and is tiny next to Q of the blow-down data', async () => {
    for (const n of [8, 12, 16]) {
      const grid = new Grid({ n, L: 6 });
      const op = new CpuLandauOperator(grid);
      op.setState(grid.sample(unitMaxwellian));
      const qm = Math.max(...(await op.collision()).map(Math.abs));
      op.setState(initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS));
      const qb = Math.max(...(await op.collision()).map(Math.abs));
      expect(qm / qb).toBeLessThan(1e-11);
    }
  });

  it('Q conserves mass, momentum and energy and dissipates entropy', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = new CpuLandauOperator(grid);
    op.setState(initialState(grid, 'two-maxwellians', DEFAULT_SCENARIO_PARAMS));
    const q = await op.collision();
    const sums = [0, 0, 0, 0, 0];
    let scale = 0;
    let c = 0;
    for (const x of grid.axis)
      for (const y of grid.axis)
        for (const z of grid.axis) {
          const weights = [1, x, y, z, x * x + y * y + z * z];
          weights.forEach((w, k) => (sums[k]! += w * q[c]!));
          scale += (1 + x * x + y * y + z * z) * Math.abs(q[c]!);
          c++;
        }
    for (const s of sums) expect(Math.abs(s) / scale).toBeLessThan(1e-13);
    expect((await op.moments()).entropyRate).toBeLessThan(0);
  });
});

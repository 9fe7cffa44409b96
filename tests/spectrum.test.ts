// The host-side 3D DFT the --init resolution check reads: any N (radix 2, Bluestein otherwise),
// against the defining sum.
import { describe, expect, it } from 'vitest';
import { dft3, nyquistFraction } from '../src/core/math/spectrum.js';

/** Σ f_x e^{−2πi k·x/n} at one wavenumber, summed directly. */
function directDft(n: number, f: number[], k: [number, number, number]): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let l = 0; l < n; l++) {
        const phase = (-2 * Math.PI * (k[0] * i + k[1] * j + k[2] * l)) / n;
        re += f[(i * n + j) * n + l]! * Math.cos(phase);
        im += f[(i * n + j) * n + l]! * Math.sin(phase);
      }
  return [re, im];
}

describe('dft3', () => {
  for (const n of [8, 6, 7, 12]) {
    it(`matches the defining sum at N = ${n}`, () => {
      const f = Array.from({ length: n ** 3 }, (_, c) => Math.sin(1.3 * c) + 0.01 * c);
      const { re, im } = dft3(n, f);
      const scale = f.reduce((a, b) => a + Math.abs(b), 0);
      for (let a = 0; a < n; a++)
        for (const [b, c] of [
          [0, 0],
          [1, n - 1],
          [n >> 1, 2],
        ] as const) {
          const [dr, di] = directDft(n, f, [a, b, c]);
          const x = (a * n + b) * n + c;
          expect(Math.abs(re[x]! - dr) / scale).toBeLessThan(1e-13);
          expect(Math.abs(im[x]! - di) / scale).toBeLessThan(1e-13);
        }
    });
  }

  it('measures wavenumbers in units of Nyquist', () => {
    expect([0, 1, 4, 7].map((i) => nyquistFraction(i, 8))).toEqual([0, 0.25, 1, 0.25]);
  });
});

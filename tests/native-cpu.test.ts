// The native CPU backend (f64, zero-padded FFT convolutions on worker threads) against the direct
// N⁶ reference; its thread pool, memory plan and the backend choices of the command line.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { allocateWorkspace, sharedArrays } from '../src/backends/cpu/fft/fft-workspace.js';
import { FftThreadPool } from '../src/backends/cpu/fft/thread-pool-node.js';
import { linePlan, lineScratch, stageRadices, transformLines } from '../src/backends/cpu/fft/line-fft.js';
import { fftSize, isSmooth235 } from '../src/core/grid/fft-size.js';
import { checkCpuMemory, cpuBytes, InsufficientMemoryError } from '../src/backends/cpu/memory-plan.js';
import { maxRelativeError, randomPositiveField } from './support/gpu.js';

const pools: FftThreadPool[] = [];
afterAll(() => pools.forEach((p) => p.dispose()));

async function nativeOperator(grid: Grid, threads: number): Promise<CpuLandauOperator> {
  if (threads === 1) return new CpuLandauOperator(grid, { conv: 'fft' });
  const pool = await FftThreadPool.start(grid.n, allocateWorkspace(grid.n, sharedArrays), threads);
  pools.push(pool);
  return new CpuLandauOperator(grid, { runner: pool });
}

const field = (grid: Grid, seed: number) => randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), seed);

describe('line FFT', () => {
  it('matches a direct DFT and inverts (lengths 2^a·3^b·5^c with every radix, batches of odd size, strided lines)', () => {
    for (const m of [2, 3, 4, 5, 6, 8, 9, 12, 15, 16, 20, 25, 32, 36, 45, 60, 64, 80, 96, 128, 144, 160, 192]) {
      const plan = linePlan(m);
      const scratch = lineScratch(m);
      const count = 5;
      const stride = 7;
      const re = Float64Array.from({ length: m * stride }, (_, i) => Math.sin(1.3 * i) + 0.1);
      const im = Float64Array.from({ length: m * stride }, (_, i) => Math.cos(0.7 * i * i));
      const [re0, im0] = [re.slice(), im.slice()];
      transformLines(plan, scratch, re, im, 0, 1, count, stride, m, m);
      let err = 0;
      let scale = 0;
      for (let b = 0; b < count; b++)
        for (let k = 0; k < m; k++) {
          // Pairwise angles reduced mod m keep the reference DFT accurate.
          let sr = 0;
          let si = 0;
          for (let j = 0; j < m; j++) {
            const a = (-2 * Math.PI * ((j * k) % m)) / m;
            const [xr, xi] = [re0[j * stride + b]!, im0[j * stride + b]!];
            sr += xr * Math.cos(a) - xi * Math.sin(a);
            si += xr * Math.sin(a) + xi * Math.cos(a);
          }
          err = Math.max(err, Math.hypot(sr - re[k * stride + b]!, si - im[k * stride + b]!));
          scale = Math.max(scale, Math.hypot(sr, si));
        }
      expect(err / scale).toBeLessThan(4e-15 * Math.log2(m) + 1e-15);
      // The inverse is the forward transform with re and im exchanged (unnormalised).
      transformLines(plan, scratch, im, re, 0, 1, count, stride, m, m);
      for (let b = 0; b < count; b++)
        for (let k = 0; k < m; k++) expect(Math.abs(re[k * stride + b]! / m - re0[k * stride + b]!)).toBeLessThan(1e-14);
    }
  });

  it('pruned transforms (lower half of the input, or of the output) equal the full ones on that half', () => {
    // 6, 10, 18: one factor 2, so only the first stage prunes; the others prune at both ends.
    for (const m of [4, 6, 8, 10, 12, 16, 18, 20, 24, 32, 36, 60, 64, 80, 96, 128, 144, 192, 256]) {
      const plan = linePlan(m);
      const scratch = lineScratch(m);
      const count = 3;
      const half = m / 2;
      const data = (upperZero: boolean) => ({
        re: Float64Array.from({ length: m * count }, (_, i) => (upperZero && i / count >= half ? 0 : Math.sin(0.9 * i))),
        im: Float64Array.from({ length: m * count }, (_, i) => (upperZero && i / count >= half ? 0 : Math.cos(1.7 * i))),
      });
      const full = data(true);
      transformLines(plan, scratch, full.re, full.im, 0, 1, count, count, m, m);
      // The upper input half is not read: fill it with garbage.
      const lower = data(true);
      lower.re.fill(1e300, half * count);
      transformLines(plan, scratch, lower.re, lower.im, 0, 1, count, count, half, m);
      expect(Array.from(lower.re)).toEqual(Array.from(full.re));
      expect(Array.from(lower.im)).toEqual(Array.from(full.im));
      // Only the lower output half is written: the upper half keeps the input's values.
      const whole = data(false);
      transformLines(plan, scratch, whole.re, whole.im, 0, 1, count, count, m, m);
      const out = data(false);
      const input = out.re.slice();
      transformLines(plan, scratch, out.re, out.im, 0, 1, count, count, m, half);
      for (let i = 0; i < m * count; i++) {
        if (i < half * count) expect(Math.abs(out.re[i]! - whole.re[i]!)).toBeLessThan(1e-13 * m);
        else expect(out.re[i]).toBe(input[i]);
      }
    }
  });
});

describe('FFT sizes', () => {
  it('pads N to the smallest 4·2^a·3^b·5^c ≥ 2N − 1', () => {
    expect([1, 4, 6, 7, 9, 12, 13, 17, 40, 48, 72, 80, 96, 128].map(fftSize)).toEqual([4, 8, 12, 16, 20, 24, 32, 36, 80, 96, 144, 160, 192, 256]);
    for (let n = 1; n <= 200; n++) {
      const m = fftSize(n);
      expect(m).toBeGreaterThanOrEqual(2 * n - 1);
      // No smaller size of the family fits.
      for (let k = 2 * n - 1; k < m; k++) expect(k % 4 === 0 && isSmooth235(k)).toBe(false);
    }
  });

  it('plans every size with a prunable radix-2 or radix-4 stage at both ends, and refuses other primes', () => {
    for (let n = 1; n <= 200; n++) {
      const m = fftSize(n);
      const radices = stageRadices(m);
      expect(radices.reduce((a, b) => a * b, 1)).toBe(m);
      const plan = linePlan(m);
      expect([plan.prunesInput, plan.prunesOutput]).toEqual([true, true]);
    }
    expect(stageRadices(192)).toEqual([4, 4, 3, 4]);
    expect(stageRadices(80)).toEqual([4, 5, 4]);
    expect(() => stageRadices(28)).toThrow(/prime factor 7/);
  });
});

describe('native CPU backend = direct f64 reference', () => {
  // m = fftSize(N) = 12, 16, 20, 24, 32: stages 2·3·2, 4·4, 2·5·2, 4·3·2 and 4·2·4.
  for (const n of [6, 8, 10, 12, 16]) {
    it(`A[F], Q(F,F), Q(F,G) and moments at N = ${n} (m = ${fftSize(n)}), one and two threads`, async () => {
      const grid = new Grid({ n, L: 6 });
      const f = field(grid, 11 + n);
      const g = field(grid, 29 + n);
      const direct = new CpuLandauOperator(grid);
      direct.setState(f);
      const [aRef, qRef, bRef, mRef] = [await direct.diffusionMatrix(), await direct.collision(), await direct.bilinear(f, g, f), await direct.moments()];
      for (const threads of [1, 2]) {
        const op = await nativeOperator(grid, threads);
        op.setState(f);
        const errA = maxRelativeError(await op.diffusionMatrix(), aRef);
        const errQ = maxRelativeError(await op.collision(), qRef);
        const errB = maxRelativeError(await op.bilinear(f, g, f), bRef);
        console.log(`N=${n}, ${threads} thread(s): A ${errA.toExponential(2)}, Q ${errQ.toExponential(2)}, Q(F,G) ${errB.toExponential(2)}`);
        expect(errA).toBeLessThan(1e-12);
        expect(errQ).toBeLessThan(1e-12);
        expect(errB).toBeLessThan(1e-12);
        const m = await op.moments();
        expect(Math.abs(m.entropyRate - mRef.entropyRate) / Math.abs(mRef.entropyRate)).toBeLessThan(1e-12);
        expect(Math.abs(m.stiffness - mRef.stiffness) / mRef.stiffness).toBeLessThan(1e-12);
        expect(op.description).toMatchObject({ kind: 'cpu', conv: 'fft', precision: 'f64' });
      }
    });
  }

  it('gives the same bits on 1, 2 and 3 threads, and conserves over RK3 steps', async () => {
    const grid = new Grid({ n: 14, L: 6 });
    const f = field(grid, 5);
    const states: Float64Array[] = [];
    for (const threads of [1, 2, 3]) {
      const op = await nativeOperator(grid, threads);
      op.setState(f);
      const before = await op.moments();
      const health = await op.advance(0.02, 3);
      expect(health.invalid).toBe(false);
      const after = await op.moments();
      expect(Math.abs(after.mass - before.mass) / before.mass).toBeLessThan(1e-13);
      expect(Math.abs(after.energy - before.energy) / before.energy).toBeLessThan(1e-13);
      expect(after.entropy).toBeLessThan(before.entropy);
      states.push(await op.getState());
    }
    expect(Buffer.from(states[1]!.buffer).equals(Buffer.from(states[0]!.buffer))).toBe(true);
    expect(Buffer.from(states[2]!.buffer).equals(Buffer.from(states[0]!.buffer))).toBe(true);
  });
});

describe('thread pool', () => {
  it('runs a pass the moment it has started, every time (40 starts of 3 threads)', async () => {
    // A worker that read the pass generation only after saying ready could miss the first pass and
    // leave the pool waiting forever; this loop hung within a few starts before that was fixed.
    const { Pass, Products } = await import('../src/backends/cpu/fft/fft-workspace.js');
    for (let i = 0; i < 40; i++) {
      const pool = await FftThreadPool.start(6, allocateWorkspace(6, sharedArrays), 3);
      pool.run({ pass: Pass.ForwardZ, fields: 4, extent: 6, products: Products.Flux });
      pool.dispose();
    }
  }, 120_000);
});

describe('memory plan of the native CPU backend', () => {
  it('fits N = 128 in 24 GB and refuses N = 256 naming the need and the largest N that fits', () => {
    const machine = 24e9 * 0.8;
    expect(cpuBytes(128)).toBeLessThan(machine);
    expect(() => checkCpuMemory(128, machine)).not.toThrow();
    expect(() => checkCpuMemory(256, machine)).toThrow(InsufficientMemoryError);
    // N = 200 pads to m = 400, N = 201 to 432 (fftSize): the largest that fits is 200, not 128 as with powers of two.
    expect(() => checkCpuMemory(256, machine)).toThrow(/N = 256 needs \d+\.\d GiB .* the largest N that fits is 200$/);
  });
});

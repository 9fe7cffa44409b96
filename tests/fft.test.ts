// The zero-padded FFT path: the 3D transform itself, then the convolutions against direct summation.
import { afterAll, describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { encodeSteps, Fft3d, fftRadices, type FftStep } from '../src/backends/gpu/fft3d.js';
import { fftSize } from '../src/core/grid/fft-size.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import { GpuResources } from '../src/backends/gpu/gpu-resources.js';
import { maxRelativeError, randomPositiveField, shaders, testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());

async function readBuffer(device: GPUDevice, buffer: GPUBuffer): Promise<Float32Array> {
  const staging = device.createBuffer({ size: buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(staging.getMappedRange().slice(0));
  staging.destroy();
  return out;
}

/** Runs FFT steps in one submission. */
function run(res: GpuResources, steps: readonly FftStep[]): void {
  const encoder = res.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  encodeSteps(res, pass, steps);
  pass.end();
  res.device.queue.submit([encoder.finish()]);
}

/** Seeded complex values in [−1, 1) on the box [0, n)³ of field `field`, zero elsewhere. */
function boxField(m: number, n: number, fields: number, seed: number): Float32Array<ArrayBuffer> {
  let s = seed;
  const out = new Float32Array(fields * m ** 3 * 2);
  for (let f = 0; f < fields; f++)
    for (let x = 0; x < n; x++)
      for (let y = 0; y < n; y++)
        for (let z = 0; z < n; z++) {
          const t = f * m ** 3 + (x * m + y) * m + z;
          for (const part of [0, 1]) {
            s = (s * 16807) % 2147483647;
            out[2 * t + part] = (2 * s) / 2147483647 - 1;
          }
        }
  return out;
}

describe.skipIf(!gpu)('3D FFT (WGSL, Stockham, radix 20, 16, 12, 8, 4, 2, 3 and 5)', () => {
  it('plans as few power-of-two steps as radices up to 16 allow, a factor 4 joined with the first odd factor, one step per other odd factor', () => {
    expect([2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => fftRadices(m).join('×'))).toEqual(['2', '4', '8', '16', '4×8', '8×8', '8×16', '16×16', '8×8×8']);
    expect([12, 20, 36, 60, 80, 96, 144, 160, 192].map((m) => fftRadices(m).join('×'))).toEqual(['12', '20', '12×3', '12×5', '4×20', '8×12', '4×12×3', '8×20', '16×12']);
    expect(() => fftRadices(28)).toThrow(/2\^a·3\^b·5\^c/);
  });

  // Every radix, alone and mixed: 2; 4; 8; 16; 4×8; 8×8; 8×16; 12; 20; 12×3; 12×5; 6 = 2×3; 15 = 3×5.
  for (const m of [2, 4, 8, 16, 32, 64, 128, 12, 20, 36, 60, 6, 15]) {
    it(`m = ${m} (${fftRadices(m).join('×')}): transforms a delta and a plane wave exactly to f32 round-off, and round-trips`, async () => {
      const device = gpu!.device;
      const res = new GpuResources(device, shaders);
      const m3 = m ** 3;
      const fft = new Fft3d(res, m, 2, false);
      const k0 = [3 % m, 5 % m, 14 % m];
      const input = new Float32Array(2 * m3 * 2);
      input[0] = 1; // field 0: delta at the origin
      for (let x = 0; x < m; x++)
        for (let y = 0; y < m; y++)
          for (let z = 0; z < m; z++) {
            const phase = (2 * Math.PI * (k0[0]! * x + k0[1]! * y + k0[2]! * z)) / m;
            const t = m3 + (x * m + y) * m + z; // field 1: e^{2πi k0·v/m}
            input[2 * t] = Math.cos(phase);
            input[2 * t + 1] = Math.sin(phase);
          }
      device.queue.writeBuffer(fft.setA.buffers[0]!, 0, input);
      const forward = fft.plan(fft.setA, 2, false);
      const inverse = fft.plan(forward.result, 2, true);
      run(res, forward.steps);
      const spectrum = await readBuffer(device, forward.result.buffers[0]!);
      let deltaErr = 0;
      let waveErr = 0;
      const peak = (k0[0]! * m + k0[1]!) * m + k0[2]!;
      for (let t = 0; t < m3; t++) {
        deltaErr = Math.max(deltaErr, Math.hypot(spectrum[2 * t]! - 1, spectrum[2 * t + 1]!));
        const expected = t === peak ? m3 : 0;
        waveErr = Math.max(waveErr, Math.hypot(spectrum[2 * (m3 + t)]! - expected, spectrum[2 * (m3 + t) + 1]!) / m3);
      }
      run(res, inverse.steps);
      const back = await readBuffer(device, inverse.result.buffers[0]!);
      let tripErr = 0;
      for (let i = 0; i < input.length; i++) tripErr = Math.max(tripErr, Math.abs(back[i]! / m3 - input[i]!));
      console.log(`m = ${m}: delta ${deltaErr.toExponential(2)}, plane wave ${waveErr.toExponential(2)} (of m³), round trip ${tripErr.toExponential(2)}`);
      expect(deltaErr).toBe(0);
      expect(waveErr).toBeLessThan(4 * 2 ** -24 * Math.log2(m3));
      expect(tripErr).toBeLessThan(4 * 2 ** -24 * Math.log2(m3));
      res.destroyAll();
    });
  }

  // The pruned transforms skip only work whose inputs are zero or whose outputs are not wanted, so
  // they match the full ones exactly; stale values left in the buffers by earlier transforms must
  // not leak in.
  for (const [m, n] of [[16, 5], [32, 12], [64, 17], [20, 9], [36, 17], [60, 25]] as const) {
    it(`m = ${m}, N = ${n}: transforms of fields zero outside the N³ box, and inverses wanted on it only, equal the full ones`, async () => {
      const device = gpu!.device;
      const res = new GpuResources(device, shaders);
      const fields = 2;
      const fft = new Fft3d(res, m, fields, false);
      const input = boxField(m, n, fields, 7 + n);
      const transform = async (inverse: boolean, extent: number) => {
        device.queue.writeBuffer(fft.setA.buffers[0]!, 0, input);
        const plan = fft.plan(fft.setA, fields, inverse, extent);
        run(res, plan.steps);
        return readBuffer(device, plan.result.buffers[0]!);
      };
      const fullForward = await transform(false, m);
      const prunedForward = await transform(false, n);
      const fullInverse = await transform(true, m);
      const prunedInverse = await transform(true, n);
      let forwardDiff = 0;
      for (let i = 0; i < fullForward.length; i++) forwardDiff = Math.max(forwardDiff, Math.abs(prunedForward[i]! - fullForward[i]!));
      let inverseDiff = 0;
      let inverseMax = 0;
      for (let f = 0; f < fields; f++)
        for (let x = 0; x < n; x++)
          for (let y = 0; y < n; y++)
            for (let z = 0; z < n; z++) {
              const t = f * m ** 3 + (x * m + y) * m + z;
              for (const i of [2 * t, 2 * t + 1]) {
                inverseDiff = Math.max(inverseDiff, Math.abs(prunedInverse[i]! - fullInverse[i]!));
                inverseMax = Math.max(inverseMax, Math.abs(fullInverse[i]!));
              }
            }
      expect(inverseMax).toBeGreaterThan(0);
      expect(forwardDiff).toBe(0);
      expect(inverseDiff).toBe(0);
      res.destroyAll();
    });
  }

  it('pads to the smallest 4·2^a·3^b·5^c ≥ 2N − 1', () => {
    expect([4, 8, 12, 16, 17, 24, 32, 40, 96].map(fftSize)).toEqual([8, 16, 24, 32, 36, 48, 64, 80, 192]);
  });
});

describe.skipIf(!gpu)('FFT path vs direct summation', () => {
  // m = fftSize(N) = 16, 20, 24, 32: steps 16, 20, 2×12 and 4×8 per axis (fftRadices).
  for (const n of [8, 10, 12, 16]) {
    it(`A[F] and Q(F,F) agree at N = ${n} (max-norm error relative to max |direct|)`, async () => {
      const grid = new Grid({ n, L: 6 });
      const f = randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), 11 + n);
      const direct = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'direct' });
      const fft = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'fft' });
      direct.setState(f);
      fft.setState(f);
      const errA = maxRelativeError(await fft.diffusionMatrix(), await direct.diffusionMatrix());
      const errQ = maxRelativeError(await fft.collision(), await direct.collision());
      console.log(`N=${n} (m=${fftSize(n)}): A[F] ${errA.toExponential(2)}, Q(F,F) ${errQ.toExponential(2)}`);
      expect(errA).toBeLessThan(2e-6);
      expect(errQ).toBeLessThan(2e-6);
      direct.dispose();
      fft.dispose();
    });
  }

  it('time stepping on the FFT path conserves and dissipates like the direct path (N = 12, 20 steps)', async () => {
    const grid = new Grid({ n: 12, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders, { conv: 'fft' });
    op.setState(grid.sample((x, y, z) => 0.5 * (maxwellian((x - 1.5) ** 2 + y * y + z * z) + maxwellian((x + 1.5) ** 2 + y * y + z * z))));
    const first = await op.moments();
    const dt = 0.5 / first.stiffness;
    let previousH = first.entropy;
    for (let s = 0; s < 20; s++) {
      const health = await op.advance(dt, 1);
      expect(health.invalid).toBe(false);
      const m = await op.moments();
      expect(m.entropy).toBeLessThan(previousH);
      previousH = m.entropy;
      expect(Math.abs(m.mass - first.mass) / first.mass).toBeLessThan(1e-6);
      expect(Math.abs(m.energy - first.energy) / first.energy).toBeLessThan(1e-6);
    }
    op.dispose();
  });
});

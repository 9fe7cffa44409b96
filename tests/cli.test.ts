// The `landau3d run` command end to end: one clear error and no output folder for bad input; the
// files and fields promised for good input.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';
import { decodeNpy, encodeNpy } from '../src/io/npy.js';

const workdir = scratchFolder('cli');


const garbage = join(workdir, 'garbage.npy');
writeFileSync(garbage, 'this is not an array');
const notCube = join(workdir, 'not-cube.npy');
writeFileSync(notCube, encodeNpy(new Float64Array(8 * 8 * 4).fill(0.01), [8, 8, 4]));
const negative = join(workdir, 'negative.npy');
writeFileSync(negative, encodeNpy(new Float64Array(8 ** 3).fill(-1), [8, 8, 8]));

const badInputs: [string, string[], RegExp][] = [
  ['N too small', ['--n', '3'], /--n = 3 is out of range/],
  ['N not an integer', ['--n', '12.5'], /--n = 12.5 is out of range/],
  ['N not a number', ['--n', 'abc'], /--n must be a finite number/],
  ['N too large', ['--n', '100000'], /--n = 100000 is out of range/],
  ['delta out of range', ['--delta', '1.5'], /--delta = 1.5 is out of range/],
  ['delta NaN', ['--delta', 'nan'], /--delta must be a finite number/],
  ['alpha infinite', ['--alpha', 'Infinity'], /--alpha must be a finite number/],
  ['negative L', ['--L', '-1'], /--L = -1 is out of range/],
  ['negative t-end', ['--t-end', '-2'], /--t-end = -2 is out of range/],
  ['zero dt-out', ['--dt-out', '0'], /--dt-out = 0 is out of range/],
  ['cfl above one', ['--cfl', '1.5'], /--cfl = 1.5 is out of range/],
  ['unknown scenario', ['--scenario', 'vortex'], /unknown --scenario 'vortex'/],
  ['missing init file', ['--init', join(workdir, 'missing.npy')], /no such file/],
  ['unreadable init file', ['--init', garbage], /not a \.npy file/],
  ['init not a cube', ['--init', notCube], /is not a cube/],
  ['init with negative values', ['--init', negative, '--backend', 'cpu'], /not finite and positive/],
];

describe('landau3d run rejects bad input', () => {
  for (const [what, args, message] of badInputs) {
    it(what, async () => {
      const out = join(workdir, `out-${what.replace(/\W+/g, '-')}`);
      const r = await landau3d(['run', '--out', out, '--t-end', '0', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error|    at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('an unknown command: one line, exit status 2', async () => {
    const r = await landau3d(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/unknown command 'frobnicate'/)]);
  });

  it('a grid beyond the device limits (or no adapter) is refused before anything is written', async () => {
    const out = join(workdir, 'out-huge');
    const r = await landau3d(['run', '--out', out, '--n', '512', '--backend', 'gpu', '--t-end', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/grid too large for this GPU: N = 512 \(fft[,)].*the largest N that fits is \d+|no WebGPU adapter|no Vulkan loader/);
    expect(existsSync(out)).toBe(false);
  });

  it('the direct CPU reference refuses grids it could not finish', async () => {
    const out = join(workdir, 'out-cpu-huge');
    const r = await landau3d(['run', '--out', out, '--n', '64', '--backend', 'cpu', '--conv', 'direct', '--t-end', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/direct CPU reference is limited to N ≤ 40/);
    expect(existsSync(out)).toBe(false);
  });

  it('the native CPU backend refuses a grid beyond the memory, naming the need and the largest N that fits', async () => {
    const out = join(workdir, 'out-cpu-memory');
    const r = await landau3d(['run', '--out', out, '--scenario', 'maxwellian', '--n', '512', '--backend', 'cpu', '--t-end', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/N = 512 needs \d+\.\d GiB on the native CPU backend .* the largest N that fits is \d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown backend is refused by the option parser', async () => {
    const out = join(workdir, 'out-backend');
    const r = await landau3d(['run', '--out', out, '--backend', 'cuda']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--backend/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('landau3d run output', () => {
  it('--t-end 0 writes the t = 0 entry with every promised field, the CSV and final.npy', async () => {
    const out = join(workdir, 'zero');
    const r = await landau3d(['run', '--scenario', 'bimaxwellian', '--n', '8', '--t-end', '0', '--backend', 'cpu', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(record.status).toBe('completed');
    expect(record.config.n).toBe(8);
    expect(record.device.kind).toBe('cpu');
    expect(record.series).toHaveLength(1);
    const entry = record.series[0];
    for (const key of ['t', 'step', 'dt', 'mass', 'momentum', 'energy', 'temperature', 'entropy', 'fisher', 'minF', 'dTemperature_dt', 'dEntropy_dt']) {
      expect(entry).toHaveProperty(key);
    }
    expect(entry.t).toBe(0);
    expect(entry.momentum).toHaveLength(3);
    expect(entry.temperature).toHaveLength(3);
    expect(entry.dTemperature_dt[2][2]).toBeLessThan(0);
    const csv = readFileSync(join(out, 'diagnostics.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^t,step,dt,mass/);
    const final = decodeNpy(readFileSync(join(out, 'final.npy')));
    expect(final.shape).toEqual([8, 8, 8]);
  });

  it('runs a short blow-down on the requested backend and prints the summary', async () => {
    const out = join(workdir, 'short');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '8', '--t-end', '0.5', '--dt-out', '0.25', '--backend', 'cpu', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/entropy H/);
    expect(r.stdout).toMatch(/entropy never increases between outputs/);
    const record = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(record.series.map((e: { t: number }) => e.t)).toEqual([0, 0.25, 0.5]);
  });
});

// The golden set: a fixed list of runs through the command line — CPU and GPU, both convolution
// paths, several scenarios, γ = 0 and ε > 0, snapshots and checkpoints, a resumed run — whose
// final.npy, diagnostics series, snapshot and checkpoint states and report.html must stay the same
// to the byte across changes that are meant to keep behaviour (a refactoring). The SHA-256 of each
// is in tests/golden/runs.json, with the adapter and a fingerprint of the Vulkan driver the GPU
// values were recorded on. The CPU runs are the same bytes on every machine (V8's own libm; any
// thread count). A GPU run's bytes belong to its driver: under another driver (a SwiftShader update)
// the GPU runs are checked against the same run on the f64 CPU backend instead, and the test says so.
//   UPDATE_GOLDEN=1 npx vitest run tests/golden.test.ts   rewrites the file (after a change that is
//                                                          meant to change the numbers)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy } from '../src/io/npy.js';
import { landau3d, scratchFolder } from './support/cli.js';
import { maxRelativeError, testGpu } from './support/gpu.js';

const gpu = await testGpu();
const adapter = gpu?.description ?? null;
afterAll(() => gpu?.release());
const GOLDEN = fileURLToPath(new URL('./golden/runs.json', import.meta.url));
const workdir = scratchFolder('golden');
const update = process.env.UPDATE_GOLDEN === '1';

interface GoldenCase {
  name: string;
  gpu: boolean;
  /** The command lines, run in order into one folder (its path is appended to each). */
  commands: string[][];
}

const quick = ['--dt-out', '0.05', '--quiet'];
const CASES: GoldenCase[] = [
  {
    name: 'cpu fft blow-down, snapshots and A, Q, log F, checkpoints',
    gpu: false,
    commands: [['run', '--scenario', 'blowdown', '--delta', '0.5', '--n', '16', '--t-end', '0.1', ...quick, '--backend', 'cpu', '--snapshots', '--export-fields', 'A,Q,logF', '--checkpoint-every', '0.05', '--compare-radial']],
  },
  { name: 'cpu direct bi-Maxwellian along x', gpu: false, commands: [['run', '--scenario', 'bimaxwellian', '--axis', 'x', '--n', '8', '--t-end', '0.1', ...quick, '--backend', 'cpu', '--conv', 'direct', '--allow-unresolved']] },
  { name: 'cpu fft two Maxwellians, Maxwell molecules (γ = 0)', gpu: false, commands: [['run', '--scenario', 'two-maxwellians', '--n', '12', '--L', '5', '--gamma', '0', '--t-end', '0.1', ...quick, '--backend', 'cpu', '--allow-unresolved']] },
  { name: 'cpu fft BKW', gpu: false, commands: [['run', '--scenario', 'bkw', '--n', '12', '--L', '5', '--gamma', '0', '--t-end', '0.1', ...quick, '--backend', 'cpu', '--allow-unresolved']] },
  { name: 'cpu fft modified equation (ε = 0.5)', gpu: false, commands: [['run', '--scenario', 'maxwellian', '--n', '12', '--eps-f2', '0.5', '--t-end', '0.1', ...quick, '--backend', 'cpu']] },
  {
    name: 'cpu fft run resumed from its checkpoint',
    gpu: false,
    commands: [
      ['run', '--scenario', 'bimaxwellian', '--n', '12', '--t-end', '0.05', ...quick, '--backend', 'cpu', '--checkpoint-every', '0.05'],
      ['resume', '--t-end', '0.1', '--quiet'],
    ],
  },
  { name: 'gpu fft blow-down with the radial reference', gpu: true, commands: [['run', '--scenario', 'blowdown', '--delta', '0.5', '--n', '16', '--t-end', '0.1', ...quick, '--backend', 'gpu', '--conv', 'fft', '--compare-radial', '--snapshots']] },
  { name: 'gpu direct two Maxwellians', gpu: true, commands: [['run', '--scenario', 'two-maxwellians', '--n', '8', '--t-end', '0.1', ...quick, '--backend', 'gpu', '--conv', 'direct', '--allow-unresolved']] },
];

const sha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The hashes of what a run folder holds that must not change; paths and the device line are masked in the report. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const record = JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8')) as { series: unknown; device: { device: string } };
  out['final.npy'] = sha(readFileSync(join(dir, 'final.npy')));
  out['final.vti'] = sha(readFileSync(join(dir, 'final.vti')));
  out['diagnostics.json series'] = sha(JSON.stringify(record.series));
  const report = readFileSync(join(dir, 'report.html'), 'utf8').split(dir).join('<out>').split(record.device.device).join('<device>');
  out['report.html'] = sha(report);
  for (const folder of ['snapshots', '.']) {
    const path = join(dir, folder);
    if (!existsSync(path)) continue;
    for (const name of readdirSync(path).sort()) {
      if (/^(F|A|Q|logF)_\d+\.npy$|^checkpoint-F-\d+\.npy$/.test(name)) out[`${folder === '.' ? '' : `${folder}/`}${name}`] = sha(readFileSync(join(path, name)));
    }
  }
  return out;
}

/** SHA-256 of the Vulkan driver library the adapter runs on (from the ICD file Dawn was pointed to), or null. */
function driverFingerprint(): string | null {
  const icd = process.env.VK_ICD_FILENAMES;
  if (!icd || !existsSync(icd)) return null;
  const library = (JSON.parse(readFileSync(icd, 'utf8')) as { ICD?: { library_path?: string } }).ICD?.library_path;
  if (!library) return null;
  const path = library.startsWith('/') ? library : join(dirname(icd), library);
  return existsSync(path) ? sha(readFileSync(path)) : null;
}

/** Largest |a − b| over max |b| of two .npy files' values. */
function relativeDifference(a: string, b: string): number {
  return maxRelativeError(decodeNpy(readFileSync(a)).data, decodeNpy(readFileSync(b)).data);
}

interface GoldenFile {
  note: string;
  adapter: string | null;
  /** SHA-256 of the Vulkan driver library of the GPU runs. */
  driver: string | null;
  runs: Record<string, Record<string, string>>;
}

const driver = gpu ? driverFingerprint() : null;
const recorded: GoldenFile | null = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : null;
const measured: GoldenFile = { note: 'SHA-256 of the golden runs (tests/golden.test.ts); UPDATE_GOLDEN=1 rewrites it', adapter, driver, runs: {} };

describe('golden runs: the same bytes as recorded', () => {
  afterAll(() => {
    if (update) writeFileSync(GOLDEN, JSON.stringify(measured, null, 1) + '\n');
  });

  for (const c of CASES) {
    it.skipIf(c.gpu && !gpu)(c.name, async () => {
      const dir = join(workdir, c.name.replace(/\W+/g, '-'));
      for (const command of c.commands) {
        const args = command[0] === 'resume' ? ['resume', dir, ...command.slice(1)] : [...command, '--out', dir];
        const r = await landau3d(args);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      expect((await landau3d(['report', dir])).code).toBe(0);
      const prints = fingerprint(dir);
      measured.runs[c.name] = prints;
      if (update) return;
      expect(recorded, `no ${GOLDEN}: record it with UPDATE_GOLDEN=1`).not.toBeNull();
      if (c.gpu && (adapter !== recorded!.adapter || driver !== recorded!.driver)) {
        // Another driver computes other f32 bits: the same run on the f64 CPU backend instead.
        const cpuDir = `${dir}-cpu`;
        for (const command of c.commands) {
          const args = [...command.map((a) => (a === 'gpu' ? 'cpu' : a)).filter((a, i, all) => !(a === '--conv' || all[i - 1] === '--conv')), '--out', cpuDir];
          expect((await landau3d(args)).code).toBe(0);
        }
        const difference = relativeDifference(join(dir, 'final.npy'), join(cpuDir, 'final.npy'));
        console.warn(`golden: '${c.name}' ran on a driver other than the recorded one (${adapter}, driver ${driver?.slice(0, 12)} against ${recorded!.driver?.slice(0, 12)}): its bytes are not comparable, so it was checked against the f64 CPU run: max |ΔF|/max F = ${difference.toExponential(2)}`);
        expect(difference).toBeLessThan(1e-5);
        return;
      }
      expect(prints).toEqual(recorded!.runs[c.name]);
    }, 120_000);
  }
});

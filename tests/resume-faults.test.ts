// `landau3d resume` against a folder another process holds and against a checkpoint that is
// whole (its checksum holds) but does not describe one run: refused in one line, exit status 2.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FILE } from '../src/io/checkpoint.js';
import { fromExactJson, toExactJson } from '../src/io/exact-json.js';
import { LOCK_FILE } from '../src/io/run-folder-claim.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('resume-faults');
const RUN = ['run', '--scenario', 'bimaxwellian', '--n', '8', '--backend', 'cpu', '--dt-out', '0.5', '--t-end', '1', '--checkpoint-every', '0.5', '--quiet', '--allow-unresolved'];

/** Rewrites DIR's checkpoint.json through EDIT and sums it again, as a careful hand edit would. */
function editCheckpoint(dir: string, edit: (file: Record<string, any>) => void): void {
  const path = join(dir, CHECKPOINT_FILE);
  const { checksum: _old, ...body } = fromExactJson(readFileSync(path, 'utf8')) as Record<string, any>;
  edit(body);
  const checksum = createHash('sha256').update(toExactJson(body)).digest('hex');
  writeFileSync(path, toExactJson({ ...body, checksum }) + '\n');
}

function expectOneLine(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|corrupt.*start a new run.*in use|    at /);
}

describe('resume', () => {
  let base: string;
  beforeAll(async () => {
    base = join(workdir, 'base');
    expect((await landau3d([...RUN, '--out', base])).code).toBe(0);
  });

  const copyOf = async (name: string): Promise<string> => {
    const dir = join(workdir, name);
    expect((await landau3d([...RUN, '--out', dir])).code).toBe(0);
    return dir;
  };

  it('takes the lock before it reads: a folder in use is refused as in use, whatever its checkpoint looks like meanwhile', async () => {
    const dir = await copyOf('in-use');
    // The owner is replacing the checkpoint: what a reader sees now is half a file.
    writeFileSync(join(dir, CHECKPOINT_FILE), readFileSync(join(dir, CHECKPOINT_FILE)).subarray(0, 100));
    const holder = { pid: process.pid, host: hostname(), command: 'landau3d resume', started: new Date().toISOString() };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder) + '\n');
    const r = await landau3d(['resume', dir, '--t-end', '2']);
    expectOneLine(r, new RegExp(`is in use by process ${process.pid}`));
    expect(r.stderr).not.toMatch(/corrupt/);
    // The holder's lock stays.
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  });

  it('refuses a checkpoint whose options give another grid than its state, naming both', async () => {
    const dir = await copyOf('other-n');
    editCheckpoint(dir, (file) => (file.options.n = 16));
    expectOneLine(await landau3d(['resume', dir, '--t-end', '2']), /checkpoint\.json is corrupt: its options give N = 16, its state is on a 8³ grid/);
  });

  it('refuses a checkpoint whose options lack the box or the output interval', async () => {
    const dir = await copyOf('no-box');
    editCheckpoint(dir, (file) => (file.options.L = -1));
    expectOneLine(await landau3d(['resume', dir, '--t-end', '2']), /its options give no box size L \(-1\)/);
    editCheckpoint(dir, (file) => {
      file.options.L = 8;
      file.options.dtOut = 0;
    });
    expectOneLine(await landau3d(['resume', dir, '--t-end', '2']), /its options give no output interval dtOut \(0\)/);
  });

  it('refuses a checkpoint whose options are not of the types a run writes, naming the option', async () => {
    const dir = await copyOf('bad-backend');
    editCheckpoint(dir, (file) => (file.options.backend = 5));
    expectOneLine(await landau3d(['resume', dir, '--t-end', '2']), /checkpoint\.json is corrupt: options\.backend is 5, not one of auto, gpu, cpu; start a new run/);
    editCheckpoint(dir, (file) => {
      file.options.backend = 'cpu';
      file.options.params.bumpTemps = [1, 1];
    });
    expectOneLine(await landau3d(['resume', dir, '--t-end', '2']), /is corrupt: options\.params\.bumpTemps has 2 entries, at least 3 needed; start a new run/);
  });

  it('tells the device by its backend key, not by its description: a description worded otherwise is the same backend', async () => {
    const dir = await copyOf('reworded-device');
    editCheckpoint(dir, (file) => (file.record.device.device = 'the same CPU, described in other words'));
    const same = await landau3d(['resume', dir, '--t-end', '1.5']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).not.toMatch(/note: the run used/);
    editCheckpoint(dir, (file) => (file.record.device.backendKey = 'gpu fft on another adapter'));
    const other = await landau3d(['resume', dir, '--t-end', '2']);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toMatch(/note: the run used the same CPU, described in other words; it goes on on CPU f64/);
  });

  it('still resumes a healthy checkpoint and leaves no lock', async () => {
    const r = await landau3d(['resume', base, '--t-end', '1.5', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(base, 'diagnostics.json'), 'utf8')).toMatch(/"status": "completed"/);
    expect(() => readFileSync(join(base, LOCK_FILE))).toThrow();
  });
});

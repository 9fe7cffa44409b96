// One owner per run folder and no silent overwrite: a second run into a run folder is refused
// unless --force, which removes exactly the earlier run's files; a folder Landau3D did not make is
// never cleared; a run in progress holds the folder's lock against a second one; a stale lock is
// replaced with a note.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder, spawnLandau3d } from './support/cli.js';

const workdir = scratchFolder('run-folder');
const quick = ['run', '--scenario', 'bimaxwellian', '--n', '8', '--t-end', '0.02', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved'];

describe('a second run into a run folder', () => {
  it('is refused without --force; with it, the earlier run’s files go and nothing else', async () => {
    const out = join(workdir, 'twice');
    expect((await landau3d([...quick, '--checkpoint-every', '0.01', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(true);
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    const again = await landau3d([...quick, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty .*--force/);
    const forced = await landau3d([...quick, '--t-end', '0.01', '--force', '--out', out]);
    expect(forced.code).toBe(0);
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(false);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8')).series.at(-1).t).toBe(0.01);
  }, 60_000);

  it('into a folder Landau3D did not make is refused even with --force, and the user’s final.npy stays', async () => {
    const out = join(workdir, 'foreign');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'final.npy'), 'not ours');
    for (const extra of [[], ['--force']]) {
      const r = await landau3d([...quick, ...extra, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(join(out, 'final.npy'), 'utf8')).toBe('not ours');
  }, 30_000);
});

describe('the folder lock', () => {
  it('refuses a second run while the first works, naming its process; the first completes', async () => {
    const out = join(workdir, 'busy');
    // Small steps (--cfl 0.05) keep it busy for several seconds.
    const first = spawnLandau3d(['run', '--scenario', 'blowdown', '--delta', '0.3', '--n', '32', '--t-end', '2', '--dt-out', '1', '--cfl', '0.05', '--backend', 'cpu', '--quiet', '--out', out]);
    const done = new Promise<number>((resolve) => first.on('exit', (code) => resolve(code ?? -1)));
    for (let i = 0; i < 200 && !existsSync(join(out, '.landau3d.lock')); i++) await new Promise((r) => setTimeout(r, 50));
    const second = await landau3d([...quick, '--out', out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`is in use by process ${first.pid}`));
    expect(await done).toBe(0);
    expect(existsSync(join(out, '.landau3d.lock'))).toBe(false);
  }, 120_000);

  it('whose process is gone is replaced with a note', async () => {
    const out = join(workdir, 'stale');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, '.landau3d.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), command: 'landau3d run', started: '2026-01-01T00:00:00Z' }));
    const r = await landau3d([...quick.filter((a) => a !== '--quiet'), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replaced the lock of process \d+, which is gone/);
  }, 30_000);
});

describe('a signal while a run starts', () => {
  it('ends it with one line and exit status 130, and removes the folder it made', async () => {
    const out = join(workdir, 'signalled', 'run');
    const child = spawnLandau3d(['run', '--scenario', 'blowdown', '--n', '64', '--backend', 'cpu', '--out', out]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    // The lock is taken before the backend starts (worker threads, kernel spectra): signal then.
    for (let i = 0; i < 1000 && !existsSync(join(out, '.landau3d.lock')); i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    expect(await done).toBe(130);
    expect(stderr.trim().split('\n')).toEqual(['landau3d: interrupted by SIGTERM while starting; nothing was written']);
    expect(existsSync(join(workdir, 'signalled'))).toBe(false);
  }, 60_000);
});

describe('a checkpoint whose state file was replaced by a folder', () => {
  it('is refused on resume in one line', async () => {
    const out = join(workdir, 'state-dir');
    expect((await landau3d([...quick, '--checkpoint-every', '0.01', '--out', out])).code).toBe(0);
    const state = readdirSync(out).find((f) => /^checkpoint-F-\d+\.npy$/.test(f))!;
    rmSync(join(out, state));
    mkdirSync(join(out, state));
    const r = await landau3d(['resume', out, '--t-end', '0.03']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is not a regular file/);
  }, 30_000);
});

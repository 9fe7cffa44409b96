// The studies (radial, sweep, coercivity, grazing) claim their --out as a run does: locked while
// they work, refused when not empty unless --force, which removes exactly the files the earlier
// Landau3D command wrote (the manifest names it, run or study) and refuses to overwrite anything
// else.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('study-folder');
const radial = ['radial', '--t-end', '0.01', '--cells', '16', '--no-extrapolate', '--quiet'];
const run = ['run', '--scenario', 'bimaxwellian', '--n', '8', '--t-end', '0.01', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved'];
const grazing = ['grazing', '--s', '0.5', '--eps', '0.5', '--quiet'];

describe('a study into a folder that is not empty', () => {
  it('radial twice: refused without --force, replaced with it; a file of the user stays', async () => {
    const out = join(workdir, 'radial');
    expect((await landau3d([...radial, '--out', out])).code).toBe(0);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const again = await landau3d([...radial, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/is not empty .*--force/);
    const forced = await landau3d([...radial, '--force', '--out', out]);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(out, 'landau3d-run.json'), 'utf8')).kind).toBe('radial');
  }, 60_000);

  it('a run folder replaced by a radial study with --force: the run’s checkpoint goes, the radial files come', async () => {
    const out = join(workdir, 'run-then-radial');
    expect((await landau3d([...run, '--checkpoint-every', '0.01', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'checkpoint.json'))).toBe(true);
    const r = await landau3d([...radial, '--force', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['diagnostics.csv', 'diagnostics.json', 'final.npy', 'landau3d-run.json']);
    expect(JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8')).device.kind).toBe('radial');
  }, 60_000);

  it('a file of the user where the new study would write is refused, even with --force', async () => {
    const out = join(workdir, 'radial-then-grazing');
    expect((await landau3d([...radial, '--out', out])).code).toBe(0);
    writeFileSync(join(out, 'grazing.json'), 'mine');
    const r = await landau3d([...grazing, '--force', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/grazing\.json is not from the earlier Landau3D radial there/);
    expect(readFileSync(join(out, 'grazing.json'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'diagnostics.json'))).toBe(true);
  }, 60_000);

  it('sweep and coercivity refuse a non-empty folder too', async () => {
    const out = join(workdir, 'busy-with-notes');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'notes.txt'), 'mine');
    for (const args of [
      ['sweep', '--delta', '0.3', '--n', '0'],
      ['coercivity', '--n', '6', '--cbar-n', 'none', '--backend', 'cpu', '--allow-unresolved', '--quiet'],
    ]) {
      const r = await landau3d([...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is not empty/);
    }
    expect(readdirSync(out)).toEqual(['notes.txt']);
  }, 60_000);
});

describe('a study into a folder another process holds', () => {
  it('is refused naming the holder', async () => {
    const out = join(workdir, 'held');
    mkdirSync(out, { recursive: true });
    // This test's own process: alive for as long as the check runs.
    writeFileSync(join(out, '.landau3d.lock'), JSON.stringify({ pid: process.pid, host: hostname(), command: 'landau3d run', started: '2026-01-01T00:00:00Z' }));
    const r = await landau3d([...radial, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is in use by process ${process.pid}`));
    expect(readdirSync(out)).toEqual(['.landau3d.lock']);
  }, 30_000);
});

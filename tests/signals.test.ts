// Signals at any moment of a run: while the program's modules load (before any command exists), and
// a second one while the first is being answered. Each ends the process with one line and exit
// status 130, the folder consistent: no lock, no temporary file, diagnostics.json not "running".
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/io/run-folder-claim.js';
import { landau3d, scratchFolder, spawnLandau3d } from './support/cli.js';

const workdir = scratchFolder('signals');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function ended(child: ReturnType<typeof spawn>): Promise<Ended> {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Every file under DIR, with its path relative to DIR. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('a signal while the modules load', () => {
  it('is answered as one during the start-up: one line, exit status 130, no folder', async () => {
    const out = join(workdir, 'early', 'run');
    // signal-during-load.mjs sends SIGTERM while the program's modules are being resolved.
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './tests/support/signal-during-load.mjs', 'src/cli/main.ts', 'run', '--n', '8', '--backend', 'cpu', '--out', out], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    const r = await ended(child);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual(['landau3d: interrupted by SIGTERM while starting; nothing was written']);
    expect(existsSync(join(workdir, 'early'))).toBe(false);
  }, 60_000);
});

describe('a signal while a run starts in a folder it replaces', () => {
  it('leaves no temporary file of a write it cut off', async () => {
    const out = join(workdir, 'replaced');
    const quick = ['run', '--scenario', 'bimaxwellian', '--n', '8', '--backend', 'cpu', '--t-end', '0.01', '--allow-unresolved', '--quiet'];
    expect((await landau3d([...quick, '--out', out])).code).toBe(0);
    // What a write cut off by the signal leaves (the manifest is the first file a start writes).
    writeFileSync(join(out, 'landau3d-run.json.partial'), '{"kind": "ru');
    const child = spawnLandau3d(['run', '--scenario', 'blowdown', '--n', '64', '--backend', 'cpu', '--force', '--out', out]);
    const result = ended(child);
    for (let i = 0; i < 2000 && !existsSync(join(out, LOCK_FILE)); i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const r = await result;
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const files = filesUnder(out);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(files).not.toContain(LOCK_FILE);
  }, 60_000);
});

describe('a signal during a study before its first result', () => {
  it('leaves no folder, so the same command starts afresh without --force', async () => {
    const out = join(workdir, 'study', 'sweep');
    const child = spawnLandau3d(['sweep', '--delta', '0.1,0.03,0.01', '--t-star', '0.1', '--n', '0', '--out', out]);
    const result = ended(child);
    // The manifest marks the study's start; its first case ends seconds later. The signal comes while
    // the folder is still being claimed (the start-up's line) or once the study works (its own).
    for (let i = 0; i < 4000 && !existsSync(join(out, 'landau3d-run.json')); i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    const r = await result;
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^landau3d: interrupted by SIGINT(?: while starting)?; (?:no case was finished, )?nothing was written$/)]);
    expect(existsSync(join(workdir, 'study')) ? filesUnder(join(workdir, 'study')) : null).toBeNull();
  }, 60_000);
});

describe('a second signal during a run', () => {
  it('stops it at once: diagnostics.json marks it interrupted, no lock and no temporary file are left', async () => {
    const out = join(workdir, 'twice');
    // N = 32 on the CPU: a step takes a good fraction of a second, so the first signal is still being answered.
    const child = spawnLandau3d(['run', '--scenario', 'bimaxwellian', '--n', '32', '--backend', 'cpu', '--t-end', '50', '--dt-out', '2', '--checkpoint-every', '2', '--out', out]);
    const result = ended(child);
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('t = 0.00000') && resolve()));
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const r = await result;
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^landau3d: interrupted again by SIGINT: stopped at once; diagnostics\.json marks the run interrupted at its last output, t = \d/)]);
    const record = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(record.status).toBe('interrupted');
    const files = filesUnder(out);
    expect(files).not.toContain(LOCK_FILE);
    expect(files.filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 60_000);
});

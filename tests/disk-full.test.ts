// A run whose disk fills up: one line naming the file that could not be written, exit status 1,
// no .partial file left, and diagnostics.json marked failed (never "completed" over missing data).
// On a 64 KiB tmpfs where the tests may mount one (root with the capability), else through a write
// that is made to fail.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atomicWrite, WriteError } from '../src/io/atomic-write.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('disk-full');
const tiny = join(workdir, 'tiny');
mkdirSync(tiny, { recursive: true });
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny], { stdio: 'ignore' });
  mounted = true;
} catch {
  console.warn('disk-full: no tmpfs can be mounted here; the write failure is made another way');
}
// A read-only file system, for --out below it.
const readOnly = join(workdir, 'read-only');
mkdirSync(readOnly, { recursive: true });
let readOnlyMounted = false;
const frozenRun = join(readOnly, 'run');
if (mounted) {
  // Written while writable (a run folder for `report`), then made read-only.
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', readOnly], { stdio: 'ignore' });
    readOnlyMounted = true;
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', '--scenario', 'bimaxwellian', '--n', '6', '--t-end', '0.01', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved', '--out', frozenRun], { stdio: 'ignore' });
    execFileSync('mount', ['-o', 'remount,ro', readOnly], { stdio: 'ignore' });
  } catch {
    console.warn('disk-full: no read-only tmpfs can be made here');
  }
}
afterAll(() => {
  if (mounted) execFileSync('umount', [tiny]);
  if (readOnlyMounted) execFileSync('umount', [readOnly]);
});

describe('a full disk', () => {
  it.runIf(mounted)('ends the run in one line naming the file; diagnostics.json says failed; no .partial', async () => {
    const out = join(tiny, 'run');
    // N = 24: final.npy (110 KB) does not fit in 64 KiB; the diagnostics do.
    const r = await landau3d(['run', '--scenario', 'bimaxwellian', '--n', '24', '--t-end', '0.02', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--out', out]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot write .*final\.npy: no space left on the device; diagnostics\.json marks the run failed/);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8')).status).toBe('failed');
  }, 60_000);

  it.runIf(mounted)('report: one line naming report.html, exit 1, no report.html and no partial file', async () => {
    const out = join(tiny, 'for-report');
    const r = await landau3d(['run', '--scenario', 'bimaxwellian', '--n', '6', '--t-end', '0.01', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(0);
    // Fill what is left of the disk but two pages: room for the folder's lock, not for the report.
    const filler = join(tiny, 'filler');
    const fd = openSync(filler, 'w');
    let size = 0;
    try {
      for (;;) size += writeSync(fd, new Uint8Array(4096));
    } catch {
      ftruncateSync(fd, Math.max(0, size - 8192));
    } finally {
      closeSync(fd);
    }
    const report = await landau3d(['report', out]);
    rmSync(filler);
    expect(report.code).toBe(1);
    const lines = report.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot write .*report\.html: no space left on the device/);
    expect(readdirSync(out).filter((f) => f.startsWith('report.html'))).toEqual([]);
  }, 60_000);

  it.runIf(readOnlyMounted)('a read-only file system: --out below it is refused before any work, naming the reason', async () => {
    const r = await landau3d(['run', '--scenario', 'bimaxwellian', '--n', '4', '--t-end', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved', '--out', join(readOnly, 'sub', 'run')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/the file system is read-only \(EROFS\)/);
  }, 30_000);

  it.runIf(readOnlyMounted)('a read-only file system: report on a run folder there is refused in one line, naming the reason', async () => {
    const r = await landau3d(['report', frozenRun]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot create its lock file: the file system is read-only \(EROFS\)/);
  }, 30_000);

  it('a failed write names its file and leaves no partial file', async () => {
    const dir = join(workdir, 'blocked');
    // The temporary name taken by a folder: the write cannot happen.
    mkdirSync(join(dir, 'final.npy.partial'), { recursive: true });
    const err = await atomicWrite(join(dir, 'final.npy'), new Uint8Array(8)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as Error).message).toMatch(/cannot write .*final\.npy/);
    expect(existsSync(join(dir, 'final.npy'))).toBe(false);
  });
});

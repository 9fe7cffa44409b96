// A run whose disk fills up: one line naming the file that could not be written, exit status 1,
// no .partial file left, and diagnostics.json marked failed (never "completed" over missing data).
// On a 64 KiB tmpfs where the tests may mount one (root with the capability), else through a write
// that is made to fail.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atomicWrite, WriteError } from '../src/io/run-output.js';
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
afterAll(() => {
  if (mounted) execFileSync('umount', [tiny]);
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

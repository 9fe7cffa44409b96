// What a write that fails for want of space leaves behind: nothing of its own. The failures are
// made in node:fs/promises (a write that creates its file, then finds no space; a rename refused),
// so these run anywhere; disk-full.test.ts fills a real tmpfs where one can be mounted.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MOMENT_SIZES } from '../src/backends/landau-operator.js';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint, type Checkpoint } from '../src/io/checkpoint.js';
import { OutputFolderError } from '../src/io/output-folder.js';
import { lockFolder } from '../src/io/run-folder-claim.js';
import { WriteError } from '../src/io/atomic-write.js';
import { scratchFolder } from './support/cli.js';

const failing = vi.hoisted(() => ({ writeFile: null as RegExp | null, rename: null as RegExp | null }));
const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    // As on a full disk: the file is created, its data does not fit.
    writeFile: async (path: Parameters<typeof fs.writeFile>[0], ...rest: [never]) => {
      if (failing.writeFile?.test(String(path))) {
        await fs.writeFile(path, '');
        throw noSpace();
      }
      return fs.writeFile(path, ...rest);
    },
    rename: async (from: string, to: string) => {
      if (failing.rename?.test(to)) throw noSpace();
      return fs.rename(from, to);
    },
  };
});

const workdir = scratchFolder('full-disk-leftovers');
afterEach(() => {
  failing.writeFile = null;
  failing.rename = null;
});

/** Moments of the right sizes (their values do not matter here). */
const moments = Object.fromEntries(Object.entries(MOMENT_SIZES).map(([k, size]) => [k, size === 1 ? 1 : new Array(size).fill(0)]));

function checkpointAt(step: number): Checkpoint {
  const n = 4;
  return {
    options: { n, L: 8, tEnd: 1, dtOut: 0.5 },
    record: { config: { n }, device: {}, series: [], status: 'running' },
    resume: { t: step / 10, step, moments, initial: moments } as unknown as Checkpoint['resume'],
    snapshots: [],
    state: Float64Array.from({ length: n ** 3 }, (_, i) => step + i),
  };
}

describe('a full disk', () => {
  it('while the lock is taken: refused in one line, and its temporary file is gone', async () => {
    const dir = join(workdir, 'lock');
    mkdirSync(dir);
    failing.writeFile = /\.landau3d\.lock\.\d+$/;
    const err = await lockFolder(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputFolderError);
    expect((err as Error).message).toMatch(/cannot create its lock file: no space left on the device \(ENOSPC\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('while checkpoint.json is written: the new state file goes, the previous checkpoint stays whole', async () => {
    const dir = join(workdir, 'checkpoint');
    mkdirSync(dir);
    await writeCheckpoint(dir, checkpointAt(2), 4);
    failing.rename = new RegExp(`${CHECKPOINT_FILE}$`);
    await expect(writeCheckpoint(dir, checkpointAt(4), 4)).rejects.toThrow(WriteError);
    expect(readdirSync(dir).sort()).toEqual([CHECKPOINT_FILE, 'checkpoint-F-2.npy'].sort());
    expect((await readCheckpoint(dir)).resume.step).toBe(2);
    // Written again at the same step, the state file is the one checkpoint.json names: kept.
    await expect(writeCheckpoint(dir, checkpointAt(2), 4)).rejects.toThrow(WriteError);
    expect(existsSync(join(dir, 'checkpoint-F-2.npy'))).toBe(true);
    expect((await readCheckpoint(dir)).resume.step).toBe(2);
  });
});

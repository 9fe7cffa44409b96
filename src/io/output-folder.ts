// The output folder of a command, made and tested before any work starts: missing parents are
// created one level at a time (Node's recursive mkdir loops forever where a file system refuses
// new entries with ENOENT, as /proc does), a probe file shows that files can be written there, and
// a command refused before its first result removes the folders it made (if still empty).
import { constants, rmdirSync } from 'node:fs';
import { lstat, mkdir, open, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserInputError } from '../core/errors/user-input-error.js';

/** The output folder cannot be had as asked; the message mentions the options to change as data. */
export class OutputFolderError extends UserInputError {
  override name = 'OutputFolderError';
}

export interface OutputFolder {
  path: string;
  /** Removes the folders this call created, deepest first, as long as they are empty. */
  abandon(): Promise<void>;
  /** The same, synchronously (from a signal handler). */
  abandonSync(): void;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENOENT: 'this file system does not take new folders there',
  ENOTDIR: 'a part of the path is not a folder',
};

/** The reason of a failed file-system call in words, with its code. */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ? `${REASONS[code]} (${code})` : (err as Error).message;
}

export async function createOutputFolder(dir: string): Promise<OutputFolder> {
  const path = resolve(dir);
  const fail = (what: string): never => {
    throw new OutputFolderError([{ option: 'out', value: dir }, `: ${what}; choose another folder`]);
  };
  // The missing part of the path, bounded by its depth.
  const missing: string[] = [];
  let p = path;
  for (;;) {
    const info = await lstat(p).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      return fail(`${p}: ${reason(err)}`);
    });
    if (info) {
      if (info.isSymbolicLink()) {
        const target = await stat(p).catch(() => null);
        if (!target) fail(`${p} is a symbolic link to nothing`);
        if (!target!.isDirectory()) fail(`${p} is not a folder`);
      } else if (!info.isDirectory()) fail(`${p} is a file, not a folder`);
      break;
    }
    missing.push(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  const created: string[] = [];
  const abandon = async () => {
    for (const d of [...created].reverse()) await rmdir(d).catch(() => {});
  };
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
      created.push(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(d).catch(() => null))?.isDirectory()) continue;
      await abandon();
      fail(`cannot create ${d}: ${reason(err)}`);
    }
  }
  // A probe file: a folder can exist and still refuse files (permissions, a read-only mount).
  const probe = join(path, `.landau3d-write-probe-${process.pid}`);
  try {
    const file = await open(probe, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
    await file.close();
    await unlink(probe);
  } catch (err) {
    await abandon();
    fail(`cannot write files in ${path}: ${reason(err)}`);
  }
  const abandonSync = () => {
    for (const d of [...created].reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty, or gone
      }
    }
  };
  return { path, abandon, abandonSync };
}

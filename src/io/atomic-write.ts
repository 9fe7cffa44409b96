// The one way Landau3D writes a file: to a temporary name, then renamed, so a reader never sees
// half a file and a failed write leaves the previous version (or nothing) under the real name.
import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A write that failed, naming the file and the reason (no space left, permissions, …). */
export class WriteError extends Error {
  override name = 'WriteError';
}

/**
 * Writes to PATH.partial and renames; `durable` also flushes the data to disk before the rename.
 * On failure the partial file is removed and a WriteError names PATH: the file under its real name
 * is the previous complete version, or absent.
 */
export async function atomicWrite(path: string, data: string | Uint8Array, durable = false): Promise<void> {
  const tmp = `${path}.partial`;
  try {
    if (durable) {
      const file = await open(tmp, 'w');
      try {
        await file.writeFile(data);
        await file.sync();
      } finally {
        await file.close();
      }
    } else {
      await writeFile(tmp, data);
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exhausted' : (err as Error).message;
    throw new WriteError(`cannot write ${path}: ${why}`, { cause: err });
  }
}

/**
 * atomicWrite, synchronously, for the last moment of a process (a second signal): true if PATH now
 * holds DATA; on failure nothing is left under the temporary name and PATH is as it was.
 */
export function atomicWriteSync(path: string, data: string | Uint8Array): boolean {
  // A temporary file of its own: an asynchronous write of the same file may still be in flight on
  // the thread pool, writing into `${path}.partial`, and would append its bytes to this one's.
  const tmp = `${path}.now.partial`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never made
    }
    return false;
  }
}

/**
 * Removes the temporary files of writes cut off in DIR, for a process about to end. A write still in
 * flight on the thread pool can create its file just after a removal, so DIR is looked at again, a
 * few milliseconds apart, until a look finds none (at most about 100 ms).
 */
export function removePartialsSync(dir: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let look = 0; look < 20; look++) {
    if (removePartialsOnce(dir) === 0 && look > 0) return;
    Atomics.wait(pause, 0, 0, 5);
  }
}

/** Removes DIR's *.partial files; returns how many there were. */
function removePartialsOnce(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.partial'));
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      unlinkSync(join(dir, name));
    } catch {
      // gone already, or not ours to remove (a folder)
    }
  }
  return names.length;
}

// The output folder of a study (radial, sweep, coercivity, grazing), claimed before its work
// starts: made and tested (output-folder.ts), locked, and empty or — forced — a former
// Landau3D folder whose files are replaced (run-folder-claim.ts). A study that fails before it
// writes a result leaves nothing behind.
import { readdirSync, rmSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { removePartialsSync } from './atomic-write.js';
import { join } from 'node:path';
import { createOutputFolder } from './output-folder.js';
import { word, type OptionNames } from '../core/errors/user-input-error.js';
import { checkRunFolder, LOCK_FILE, lockFolder, MANIFEST_FILE, replaceRunFiles, type FolderKind, type FolderLock } from './run-folder-claim.js';

/** Registers a cleanup to run (synchronously) if a signal ends the process; returns its removal. */
export type OnAbort = (cleanup: () => void) => () => void;

export async function withStudyFolder<T>(
  out: string,
  kind: FolderKind,
  force: boolean,
  log: (line: string) => void,
  names: OptionNames,
  work: () => Promise<T>,
  onAbort: OnAbort = () => () => {},
): Promise<T> {
  const folder = await createOutputFolder(out);
  let lock: FolderLock | undefined;
  // Interrupted before its first result, a study leaves nothing: not its manifest (the same command
  // would then need forcing), not a cut-off write; a study with results keeps them and its manifest.
  const forgetOnAbort = onAbort(() => {
    removePartialsSync(folder.path);
    if (resultsIn(folder.path).length === 0) rmSync(join(folder.path, MANIFEST_FILE), { force: true });
    lock?.releaseSync();
    folder.abandonSync();
  });
  try {
    lock = await lockFolder(folder.path);
    if (lock.note) log(`note: ${out}: ${lock.note}`);
    const claim = await checkRunFolder(folder.path, force, kind);
    await replaceRunFiles(folder.path, claim, names, kind);
    const removed = claim.earlier.filter((name) => name !== MANIFEST_FILE);
    if (removed.length > 0) log(word([{ option: 'force' }, `: removed the earlier results ${removed.join(', ')}`], names));
  } catch (err) {
    forgetOnAbort();
    await lock?.release();
    await folder.abandon();
    throw err;
  }
  try {
    return await work();
  } catch (err) {
    // Nothing written yet: the folder goes again.
    const left = (await readdir(folder.path).catch(() => [])).filter((name) => name !== LOCK_FILE && name !== MANIFEST_FILE);
    if (left.length === 0) {
      await unlink(join(folder.path, MANIFEST_FILE)).catch(() => {});
      await lock.release();
      await folder.abandon();
    }
    throw err;
  } finally {
    forgetOnAbort();
    await lock.release();
  }
}

/** The files of a study folder other than its lock, manifest and temporary files. */
function resultsIn(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name !== LOCK_FILE && name !== MANIFEST_FILE && !name.endsWith('.partial'));
  } catch {
    return [];
  }
}

// The output folder of a study (radial, sweep, coercivity, grazing), claimed before its work
// starts: made and tested (output-folder.ts), locked, and empty or — with --force — a former
// Landau3D folder whose files are replaced (run-folder-claim.ts). A study that fails before it
// writes a result leaves nothing behind.
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createOutputFolder } from './output-folder.js';
import { checkRunFolder, LOCK_FILE, lockFolder, MANIFEST_FILE, replaceRunFiles, type FolderKind, type FolderLock } from './run-folder-claim.js';

export async function withStudyFolder<T>(out: string, kind: FolderKind, force: boolean, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const folder = await createOutputFolder(out);
  let lock: FolderLock | undefined;
  try {
    lock = await lockFolder(folder.path);
    if (lock.note) log(`note: ${out}: ${lock.note}`);
    const claim = await checkRunFolder(folder.path, force, kind);
    await replaceRunFiles(folder.path, claim, kind);
    const removed = claim.earlier.filter((name) => name !== MANIFEST_FILE);
    if (removed.length > 0) log(`--force: removed the earlier results ${removed.join(', ')}`);
  } catch (err) {
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
    await lock.release();
  }
}

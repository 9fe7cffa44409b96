// One owner per output folder, and no silent overwrite. A command that writes a folder (run, resume,
// report, and the studies: radial, sweep, nonradial, coercivity, grazing) holds DIR/.landau3d.lock, created
// exclusively with its pid, host and command; a second process is refused naming the holder, and a
// lock whose process is gone is replaced with a note. A new run or study needs an empty folder;
// forced (the option force), it first removes exactly the files a previous Landau3D command wrote there — the folder's
// manifest (landau3d-run.json) says which command it was — and a file the new one would overwrite
// that is not Landau3D's refuses it. So checkpoints and snapshots of an older run can never mix
// with a newer one.
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { atomicWrite } from './atomic-write.js';
import { word, type OptionNames } from '../core/errors/user-input-error.js';
import { fields, isObject, isString, optional, readBackJson, ReadBackError, type Check } from './read-back.js';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OutputFolderError, reason } from './output-folder.js';

export const LOCK_FILE = '.landau3d.lock';
export const MANIFEST_FILE = 'landau3d-run.json';

/** The commands that write an output folder. */
export type FolderKind = 'run' | 'radial' | 'sweep' | 'nonradial' | 'coercivity' | 'grazing';

/** What each command (a run with its resume and report) writes into its folder, as listed in the manifest. */
const FOLDER_FILES: Record<FolderKind, string[]> = {
  run: ['grid.json', 'diagnostics.json', 'diagnostics.csv', 'final.npy', 'final.vti', 'checkpoint.json', 'checkpoint-F-<k>.npy', 'snapshots/', 'report.html'],
  radial: ['diagnostics.json', 'diagnostics.csv', 'final.npy', 'report.html'],
  sweep: ['sweep.json', 'sweep.csv', 'report.html', 'cases/', 'plan.json', 'slurm/'],
  nonradial: ['nonradial.json', 'nonradial.csv', 'report.html', 'cases/', 'plan.json', 'slurm/'],
  coercivity: ['coercivity.json', 'eigen_along_ray.svg', 'report.html'],
  grazing: ['grazing.json', 'report.html'],
};
const SNAPSHOTS = 'snapshots';
/** The folder of a study's finished cases, one file each (study-folder.ts). */
export const CASES = 'cases';

/** Whether NAME (or its temporary name) is one of the files of FILES ('<k>' a number, 'x/' a folder). */
function listed(files: string[], name: string): boolean {
  return files.some((file) => {
    if (file.endsWith('/')) return name === file.slice(0, -1);
    const pattern = file.replace(/[.]/g, '\\.').replace('<k>', '\\d+');
    return new RegExp(`^${pattern}(\\.partial)?$`).test(name);
  });
}

interface LockRecord {
  pid: number;
  host: string;
  command: string;
  started: string;
}

export interface FolderLock {
  release(): Promise<void>;
  releaseSync(): void;
  /** Set when a stale lock (its process gone) was replaced. */
  note?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock at PATH holds RECORD (this process's claim), read synchronously for an exit handler. */
function holdsLock(path: string, record: LockRecord): boolean {
  try {
    const held = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockRecord>;
    return held.pid === record.pid && held.started === record.started && held.host === record.host;
  } catch {
    return false;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Takes DIR's lock for this process; refuses when a live process holds it. */
export async function lockFolder(dir: string): Promise<FolderLock> {
  const path = join(dir, LOCK_FILE);
  const record: LockRecord = { pid: process.pid, host: hostname(), command: `landau3d ${process.argv.slice(2).join(' ')}`, started: new Date().toISOString() };
  let note: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Written whole under a private name and linked into place (not atomicWrite's rename, which would
      // replace a lock another process holds): link() fails if the lock exists, and a reader never sees
      // a lock without its holder's record.
      const tmp = `${path}.${process.pid}`;
      // Armed before the link: a signal answered between the link and the code after it ends the
      // process with the lock on disk, and the exit must still remove it — only if it is ours.
      const onExit = () => {
        removeQuietly(tmp);
        if (holdsLock(path, record)) removeQuietly(path);
      };
      process.once('exit', onExit);
      try {
        await writeFile(tmp, JSON.stringify(record) + '\n');
        await link(tmp, path);
      } catch (err) {
        process.removeListener('exit', onExit);
        throw err;
      } finally {
        // Also after a failed write (a full disk leaves it empty).
        await unlink(tmp).catch(() => {});
      }
      return {
        note,
        releaseSync: () => {
          process.removeListener('exit', onExit);
          removeQuietly(path);
        },
        release: async () => {
          process.removeListener('exit', onExit);
          await unlink(path).catch(() => {});
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputFolderError(`${dir}: cannot create its lock file: ${reason(err)}`);
    }
    const holder = await readFile(path, 'utf8')
      .then((text) => JSON.parse(text) as LockRecord)
      .catch(() => null);
    if (holder && (holder.host !== record.host || alive(holder.pid))) {
      throw new OutputFolderError(
        `${dir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.started}); wait for it to end or choose another folder`,
      );
    }
    note = `replaced the lock of process ${holder?.pid ?? '?'}, which is gone`;
    await unlink(path).catch(() => {});
  }
  throw new OutputFolderError(`${dir}: another process takes its lock at the same moment; try again`);
}

export interface RunFolderClaim {
  /** The files of the earlier run to remove (relative names; `snapshots/` for the folder). */
  earlier: string[];
}

/**
 * Checks that DIR (already created and locked) can take a new run or study of KIND: empty apart
 * from the lock, or, with force, a former Landau3D folder (it has the manifest) whose other files
 * are not in the way. Nothing is changed yet: replaceRunFiles does that once the command is sure to
 * start.
 */
export async function checkRunFolder(dir: string, force: boolean, kind: FolderKind = 'run'): Promise<RunFolderClaim> {
  const entries = (await readdir(dir)).filter((name) => name !== LOCK_FILE);
  if (entries.length === 0) return { earlier: [] };
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
  if (!force) {
    throw new OutputFolderError([
      { option: 'out', value: dir },
      ` is not empty (${shown}); give a new or empty folder, or `,
      { option: 'force' },
      ' to replace the Landau3D results in it (only the files Landau3D wrote are removed)',
    ]);
  }
  if (!entries.includes(MANIFEST_FILE)) {
    throw new OutputFolderError([
      { option: 'out', value: dir },
      ` is not empty (${shown}) and holds no ${MANIFEST_FILE}: it is not a Landau3D output folder, so `,
      { option: 'force' },
      ' removes nothing there; give a new or empty folder',
    ]);
  }
  const before = earlierKind(dir);
  const earlier: string[] = [MANIFEST_FILE];
  for (const name of entries) {
    if (name === MANIFEST_FILE) continue;
    if (listed(FOLDER_FILES[before], name)) {
      if (name === SNAPSHOTS) await checkSnapshots(join(dir, name));
      if (name === CASES) await checkCases(join(dir, name));
      earlier.push(FOLDER_FILES[before].includes(`${name}/`) ? `${name}/` : name);
    } else if (listed(FOLDER_FILES[kind], name)) {
      throw new OutputFolderError([{ option: 'out', value: dir }, `: ${name} is not from the earlier Landau3D ${before} there, and this ${kind} would overwrite it; move it away first`]);
    }
  }
  return { earlier };
}

/** A manifest: an object whose kind, if any, is one of the commands (manifests without a kind are runs'). */
const MANIFEST: Check = fields({
  kind: optional((x, at) => (typeof x === 'string' && Object.hasOwn(FOLDER_FILES, x) ? null : `${at} names no kind of Landau3D folder (${String(x)})`)),
});

/** The command that wrote a folder's manifest. */
function earlierKind(dir: string): FolderKind {
  try {
    return readBackJson<{ kind?: FolderKind }>(join(dir, MANIFEST_FILE), MANIFEST).kind ?? 'run';
  } catch (err) {
    if (!(err instanceof ReadBackError)) throw err;
    throw new OutputFolderError([`${err.message}, so `, { option: 'force' }, " cannot tell which files there are Landau3D's; give a new or empty folder"]);
  }
}

/** Removes the earlier command's files and writes this one's manifest (with STUDY, a study's state), its note in the words `names` of the command line. */
export async function replaceRunFiles(dir: string, claim: RunFolderClaim, names: OptionNames, kind: FolderKind = 'run', study?: StudyState): Promise<void> {
  for (const name of claim.earlier) await rm(join(dir, name), { recursive: name.endsWith('/') });
  await atomicWrite(join(dir, MANIFEST_FILE), manifestText(kind, names, study));
}

/**
 * How far a study that keeps its cases one by one has come: `planned` when its cases are left to
 * `landau3d case` (plan.json), `completed` once its tables are written.
 */
export type StudyStatus = 'planned' | 'running' | 'interrupted' | 'failed' | 'completed';

/** A study's options that decide its results, as option → value (the same command gives the same record). */
export type StudyOptionsRecord = Record<string, string>;

/** What the manifest of such a study records besides its files: a later command resumes it only with the same options. */
export interface StudyState {
  status: StudyStatus;
  options: StudyOptionsRecord;
}

/** The manifest of a KIND folder; a study's state, when given, follows its list of files. */
export function manifestText(kind: FolderKind, names: OptionNames, study?: StudyState): string {
  const note = word([`a Landau3D ${kind} folder: landau3d ${kind} `, { option: 'force' }, ' may replace the files below'], names);
  return JSON.stringify({ kind, note, files: FOLDER_FILES[kind], ...study }, null, 1) + '\n';
}

const STUDY_MANIFEST: Check = fields({
  kind: isString,
  status: (x, at) => (typeof x === 'string' && ['planned', 'running', 'interrupted', 'failed'].includes(x) ? null : `${at} is not the status of an incomplete study`),
  options: (x, at) => (isObject(x) && Object.values(x).every((v) => typeof v === 'string') ? null : `${at} is not a record of options`),
});

/**
 * The state of the KIND study that DIR's manifest records as incomplete (interrupted, failed, or
 * still running when its process ended), or null: no manifest, another kind, a completed study, or a
 * manifest that cannot be read (such a folder is then treated as any other that is not empty).
 */
export function incompleteStudy(dir: string, kind: FolderKind): StudyState | null {
  try {
    const manifest = readBackJson<StudyState & { kind: string }>(join(dir, MANIFEST_FILE), STUDY_MANIFEST);
    return manifest.kind === kind ? { status: manifest.status, options: manifest.options } : null;
  } catch (err) {
    if (err instanceof ReadBackError) return null;
    throw err;
  }
}

/** The cases folder of a study holds its case files only; refused if it holds anything else. */
async function checkCases(folder: string): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((err: unknown) => {
    throw new OutputFolderError(`${folder} cannot be read as the study's cases: ${reason(err)}; move it away first`);
  });
  // Case files, and the folders `landau3d case` works in (cluster/case-runner.ts).
  const foreign = entries.filter((e) => !(e.isDirectory() || (e.isFile() && /^[^/]+\.json(\.partial)?$/.test(e.name)))).map((e) => e.name);
  if (foreign.length > 0) throw new OutputFolderError(`${folder} holds files that are not the study's cases (${foreign.slice(0, 3).join(', ')}); move them away first`);
}

/** The snapshots folder of a run holds its F_<k>.npy/.vti and manifest only; refused if it holds anything else. */
async function checkSnapshots(folder: string): Promise<void> {
  const names = await readdir(folder);
  const foreign = names.filter((n) => !/^((F|A|Q|logF)_\d+\.(npy|vti)|manifest\.json|F\.pvd)(\.partial)?$/.test(n));
  if (foreign.length > 0) throw new OutputFolderError(`${folder} holds files that are not snapshots (${foreign.slice(0, 3).join(', ')}); move them away first`);
}

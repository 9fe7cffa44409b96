// The output folder of a study (radial, sweep, nonradial, coercivity, grazing), claimed before its
// work starts: made and tested (output-folder.ts), locked, and empty or — forced — a former
// Landau3D folder whose files are replaced (run-folder-claim.ts). A study that ends before it
// writes a result leaves nothing behind.
//
// A study of many cases (sweep, nonradial) keeps each case as soon as it finishes, in a file of its
// own, cases/<id>.json (the case's row), written atomically; the id comes from the case's options.
// One file per case rather than one progress file rewritten after every case: a write cut off by a
// signal or a full disk can then harm no case finished before, and every case already has the
// place where it will get a run folder of its own (cases/<id>/). The manifest records the study's
// options and its status (running, interrupted, failed, completed): the same command on a folder
// that study left incomplete goes on from the cases it finished; other options are refused.
import { readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite, atomicWriteSync, removePartialsSync } from './atomic-write.js';
import { fromExactJson, toExactJson } from './exact-json.js';
import { createOutputFolder, OutputFolderError } from './output-folder.js';
import { word, type OptionNames } from '../core/errors/user-input-error.js';
import { readBackJson, ReadBackError, type Check } from './read-back.js';
import {
  CASES,
  checkRunFolder,
  incompleteStudy,
  LOCK_FILE,
  lockFolder,
  MANIFEST_FILE,
  manifestText,
  replaceRunFiles,
  type FolderKind,
  type FolderLock,
  type StudyOptionsRecord,
  type StudyStatus,
} from './run-folder-claim.js';

/** Registers a cleanup to run (synchronously) if a signal ends the process; returns its removal. */
export type OnAbort = (cleanup: () => void) => () => void;

export interface StudySpec {
  out: string;
  kind: FolderKind;
  /** Replace the Landau3D results already in out (only the files Landau3D wrote). */
  force: boolean;
  /** A study that keeps its cases: the options that decide its results. A folder this study left incomplete with the same options is resumed. */
  options?: StudyOptionsRecord;
  /** What a case file read back must hold (the study's row). */
  caseCheck?: Check;
}

export interface StudyFolder {
  path: string;
  /** The cases an earlier run of the same study finished, by id (none in a new folder). */
  finished: ReadonlyMap<string, unknown>;
  /** Keeps a finished case: cases/<id>.json, written atomically and flushed to disk. */
  keepCase(id: string, result: unknown): Promise<void>;
  /**
   * Ends the study before its tables: no temporary file is left, the lock is released, the manifest
   * says STATUS and the finished cases stay; with nothing finished the folder goes as if never made.
   * Synchronous, for a signal's last moment too; a second call changes nothing. Returns the number
   * of cases kept.
   */
  endIncomplete(status: Exclude<StudyStatus, 'running' | 'completed'>): number;
}

/** `names`: the command line's words for the options its messages and the manifest's note mention. */
export async function withStudyFolder<T>(
  spec: StudySpec,
  log: (line: string) => void,
  names: OptionNames,
  work: (folder: StudyFolder) => Promise<T>,
  onAbort: OnAbort = () => () => {},
): Promise<T> {
  const made = await createOutputFolder(spec.out);
  const dir = made.path;
  let lock: FolderLock | undefined;
  let released = false;
  // Released once: another process may take the folder as soon as it is.
  const releaseLock = () => {
    if (!released) lock?.releaseSync();
    released = true;
  };
  let ended: { cases: number } | undefined;
  const endIncomplete = (status: StudyStatus): number => {
    if (ended) return ended.cases;
    // Before the lock is ours the folder may be another process's: only what this call made goes.
    const left = lock ? leaveIncomplete(dir, spec, status, names) : { cases: 0, emptied: true };
    releaseLock();
    if (left.emptied) made.abandonSync();
    ended = { cases: left.cases };
    return left.cases;
  };
  // A signal during the claim: the folder as it was (the start-up's handler prints the line).
  const forgetOnAbort = onAbort(() => endIncomplete('interrupted'));
  let finished: Map<string, unknown>;
  try {
    lock = await lockFolder(dir);
    if (lock.note) log(`note: ${spec.out}: ${lock.note}`);
    finished = await claim(dir, spec, log, names);
  } catch (err) {
    forgetOnAbort();
    releaseLock();
    await made.abandon();
    throw err;
  }
  const folder: StudyFolder = {
    path: dir,
    finished,
    keepCase: async (id, result) => {
      await mkdir(join(dir, CASES), { recursive: true });
      await atomicWrite(caseFile(dir, id), toExactJson(result) + '\n', true);
    },
    endIncomplete,
  };
  try {
    const result = await work(folder);
    if (!ended && spec.options) await atomicWrite(join(dir, MANIFEST_FILE), manifestText(spec.kind, names, { status: 'completed', options: spec.options }));
    return result;
  } catch (err) {
    endIncomplete('failed');
    throw err;
  } finally {
    forgetOnAbort();
    releaseLock();
  }
}

/**
 * Makes DIR (locked) this study's: resumed when it holds the same study left incomplete with the
 * same options (returns the cases it finished), else checked and replaced as any run folder.
 */
async function claim(dir: string, spec: StudySpec, log: (line: string) => void, names: OptionNames): Promise<Map<string, unknown>> {
  const earlier = spec.options && !spec.force ? incompleteStudy(dir, spec.kind) : null;
  if (earlier && spec.options) {
    const difference = optionDifference(earlier.options, spec.options);
    if (difference) {
      throw new OutputFolderError([
        { option: 'out', value: spec.out },
        ` holds an unfinished ${spec.kind} with ${difference}: give the same options to go on with it, or `,
        { option: 'force' },
        ' to start over',
      ]);
    }
    const finished = readCases(dir, spec.caseCheck);
    await atomicWrite(join(dir, MANIFEST_FILE), manifestText(spec.kind, names, { status: 'running', options: spec.options }));
    return finished;
  }
  const found = await checkRunFolder(dir, spec.force, spec.kind);
  await replaceRunFiles(dir, found, names, spec.kind, spec.options ? { status: 'running', options: spec.options } : undefined);
  const removed = found.earlier.filter((name) => name !== MANIFEST_FILE);
  if (removed.length > 0) log(word([{ option: 'force' }, `: removed the earlier results ${removed.join(', ')}`], names));
  return new Map();
}

/** The first option whose recorded value differs from this command's, in words; null when they agree. */
export function optionDifference(recorded: StudyOptionsRecord, now: StudyOptionsRecord): string | null {
  for (const name of new Set([...Object.keys(recorded), ...Object.keys(now)])) {
    const [before, after] = [recorded[name], now[name]];
    if (before !== after) return `${name} ${before ?? '(not recorded)'}, not ${after ?? '(not given)'}`;
  }
  return null;
}

function caseFile(dir: string, id: string): string {
  return join(dir, CASES, `${id}.json`);
}

/** The finished cases of DIR by id; a case file that is damaged is refused in one line naming it. */
function readCases(dir: string, check: Check = () => null): Map<string, unknown> {
  const cases = new Map<string, unknown>();
  let names: string[];
  try {
    names = readdirSync(join(dir, CASES));
  } catch {
    return cases;
  }
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    try {
      cases.set(name.slice(0, -'.json'.length), readBackJson(join(dir, CASES, name), check, fromExactJson));
    } catch (err) {
      if (!(err instanceof ReadBackError)) throw err;
      throw new ReadBackError([`${err.message}; remove it to compute that case again, or give `, { option: 'force' }, ' to start over']);
    }
  }
  return cases;
}

/** Cleans up a study that ends without its tables: the number of cases kept, and whether nothing at all is left. */
function leaveIncomplete(dir: string, spec: StudySpec, status: StudyStatus, names: OptionNames): { cases: number; emptied: boolean } {
  const casesDir = join(dir, CASES);
  removePartialsSync(dir);
  removePartialsSync(casesDir);
  const cases = namesIn(casesDir).filter((n) => n.endsWith('.json')).length;
  const results = namesIn(dir).filter((n) => n !== LOCK_FILE && n !== MANIFEST_FILE && n !== CASES).length;
  if (cases === 0 && results === 0) {
    // Nothing written: not the manifest either (the same command would then need forcing).
    rmSync(casesDir, { recursive: true, force: true });
    rmSync(join(dir, MANIFEST_FILE), { force: true });
    return { cases: 0, emptied: true };
  }
  if (spec.options) atomicWriteSync(join(dir, MANIFEST_FILE), manifestText(spec.kind, names, { status, options: spec.options }));
  return { cases, emptied: false };
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}


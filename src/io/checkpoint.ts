// A run's checkpoint: all `landau3d resume` needs to go on from an output exactly as the run would
// have — the state, the time loop's carry (t, step, moments now and at t = 0), the record and the
// snapshot list so far, and the run options.
//
// Files: checkpoint.json, and the state as checkpoint-F-<step>.npy (float64: the CPU's state as it
// is, the GPU's compensated f32 pair summed exactly, which its setState splits back into the same
// pair). The state file is written first under its new name, then checkpoint.json, which names it
// with its SHA-256 and carries the SHA-256 of its own text, then the previous state file is removed;
// every write goes to a temporary file that is flushed and renamed. Wherever a run is stopped, the
// folder holds one whole checkpoint, and any change to either file is found on reading.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MOMENT_SIZES, type Moments } from '../backends/landau-operator.js';
import type { ResumePoint } from '../solver/simulate.js';
import { fromExactJson, toExactJson } from './exact-json.js';
import { decodeNpy, encodeNpy, NpyError } from './npy.js';
import { programVersion } from './program-version.js';
import type { SnapshotEntry } from './field-output.js';
import type { RunRecord } from './run-output.js';
import { atomicWrite } from './atomic-write.js';
import { readBackBytes, ReadBackError } from './read-back.js';
import { UserInputError } from '../core/errors/user-input-error.js';

export const CHECKPOINT_FILE = 'checkpoint.json';
/** Raised when the layout of checkpoint.json changes. */
export const CHECKPOINT_FORMAT = 1;
const STATE_FILE = /^checkpoint-F-(\d+)\.npy$/;

/** A checkpoint that is missing, damaged or from another landau3d; the message says which. */
export class CheckpointError extends UserInputError {
  override name = 'CheckpointError';
}

export interface Checkpoint {
  /** The run's options as `landau3d run` resolved them. */
  options: Record<string, unknown>;
  /** The run record up to the checkpoint's output: config, device, series. */
  record: RunRecord;
  resume: ResumePoint;
  snapshots: SnapshotEntry[];
  /** F on the n³ grid at resume.t. */
  state: Float64Array;
}

interface CheckpointFile {
  format: number;
  version: string;
  options: Record<string, unknown>;
  record: RunRecord;
  resume: ResumePoint;
  snapshots: SnapshotEntry[];
  state: { file: string; n: number; sha256: string };
  /** SHA-256 of the file's text without this field. */
  checksum?: string;
}

export async function writeCheckpoint(dir: string, checkpoint: Checkpoint, n: number): Promise<void> {
  const bytes = encodeNpy(checkpoint.state, [n, n, n]);
  const stateFile = `checkpoint-F-${checkpoint.resume.step}.npy`;
  // A state file of this step may be the one the current checkpoint.json names: kept if this write fails.
  const replacing = existsSync(join(dir, stateFile));
  await atomicWrite(join(dir, stateFile), bytes, true);
  const file: CheckpointFile = {
    format: CHECKPOINT_FORMAT,
    version: programVersion(),
    options: checkpoint.options,
    record: checkpoint.record,
    resume: checkpoint.resume,
    snapshots: checkpoint.snapshots,
    state: { file: stateFile, n, sha256: sha256(bytes) },
  };
  const checksum = sha256(toExactJson(file));
  try {
    await atomicWrite(join(dir, CHECKPOINT_FILE), toExactJson({ ...file, checksum }) + '\n', true);
  } catch (err) {
    // checkpoint.json still names the previous state file: the new one would be an orphan.
    if (!replacing) await unlink(join(dir, stateFile)).catch(() => {});
    throw err;
  }
  for (const name of await readdir(dir)) {
    if (STATE_FILE.test(name) && name !== stateFile) await unlink(join(dir, name));
  }
}

/**
 * Removes the state files that checkpoint.json does not name (one written just before the process
 * was stopped outright), synchronously: for the last moment of a process.
 */
export function removeOrphanStatesSync(dir: string): void {
  let named: unknown;
  try {
    named = (JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')) as { state?: { file?: unknown } }).state?.file;
  } catch {
    named = undefined;
  }
  try {
    for (const name of readdirSync(dir)) if (STATE_FILE.test(name) && name !== named) unlinkSync(join(dir, name));
  } catch {
    // the folder is gone, or a file could not be removed: resume ignores files it does not name
  }
}

export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CheckpointError(`${dir}: no such run folder`);
  const path = join(dir, CHECKPOINT_FILE);
  if (!existsSync(path)) {
    throw new CheckpointError([`${dir} has no ${CHECKPOINT_FILE}: only a run made with `, { option: 'checkpointEvery' }, ' can be resumed']);
  }
  const corrupt = (what: string): CheckpointError => new CheckpointError(`${path} is corrupt: ${what}; start a new run`);
  let file: CheckpointFile;
  let text: string;
  try {
    text = Buffer.from(readBackBytes(path)).toString('utf8');
  } catch (err) {
    throw err instanceof ReadBackError ? new CheckpointError(err.message) : err;
  }
  try {
    file = fromExactJson(text) as CheckpointFile;
  } catch {
    throw corrupt('not valid JSON');
  }
  if (!isObject(file)) throw corrupt('not a JSON object');
  if (file.format !== CHECKPOINT_FORMAT || file.version !== programVersion()) {
    throw new CheckpointError([
      `${dir} was written by landau3d ${String(file.version)} (checkpoint format ${String(file.format)}); this is landau3d ` +
        `${programVersion()} (format ${CHECKPOINT_FORMAT}), which need not continue it step for step: resume it with that version, ` +
        'or start a new run from its final.npy with ',
      { option: 'init' },
    ]);
  }
  const { checksum, ...body } = file;
  // The text is rebuilt exactly: JSON keeps the key order, and exact JSON every number.
  if (checksum !== sha256(toExactJson(body))) throw corrupt('its content does not match its checksum');
  const problem = layoutProblem(file) ?? optionsProblem(file);
  if (problem) throw corrupt(problem);
  const statePath = join(dir, file.state.file);
  if (!existsSync(statePath)) throw corrupt(`its state file ${file.state.file} is missing`);
  if (!statSync(statePath).isFile()) throw corrupt(`its state file ${file.state.file} is not a regular file`);
  const bytes = await readFile(statePath).catch((err: Error) => {
    throw corrupt(`its state file ${file.state.file} cannot be read (${err.message})`);
  });
  if (sha256(bytes) !== file.state.sha256) throw corrupt(`${file.state.file} does not match its SHA-256`);
  let state: Float64Array;
  try {
    const npy = decodeNpy(bytes, file.state.file);
    const n = file.state.n;
    if (npy.dtype !== 'float64' || npy.shape.length !== 3 || npy.shape.some((d) => d !== n)) {
      throw new NpyError(`${file.state.file} holds ${npy.dtype} (${npy.shape.join(', ')}), not float64 (${n}, ${n}, ${n})`);
    }
    state = npy.data;
  } catch (err) {
    if (err instanceof NpyError) throw corrupt(err.message);
    throw err;
  }
  return { options: file.options, record: file.record, resume: file.resume, snapshots: file.snapshots, state };
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isNumber = (x: unknown): x is number => typeof x === 'number';
const isNumberArray = (x: unknown, length: number): boolean => Array.isArray(x) && x.length === length && x.every(isNumber);

function isMoments(m: unknown): m is Moments {
  if (!isObject(m)) return false;
  return Object.entries(MOMENT_SIZES).every(([k, size]) => (size === 1 ? isNumber(m[k]) : isNumberArray(m[k], size)));
}

/** What is wrong with the fields of checkpoint.json, or null. */
function layoutProblem(file: CheckpointFile): string | null {
  if (!isObject(file.options)) return "no 'options'";
  const record = file.record;
  if (!isObject(record) || !Array.isArray(record.series) || !isObject(record.config) || !isObject(record.device)) return "no 'record' with config, device and series";
  const r = file.resume;
  if (!isObject(r) || !isNumber(r.t) || !(r.t >= 0) || !Number.isSafeInteger(r.step) || r.step < 0) return "no 'resume' time and step";
  if (!isMoments(r.moments) || !isMoments(r.initial)) return "'resume' lacks the moments";
  if (!Array.isArray(file.snapshots)) return "no 'snapshots' list";
  const s = file.state;
  if (!isObject(s) || typeof s.file !== 'string' || !STATE_FILE.test(s.file)) return "no 'state' file";
  if (!Number.isSafeInteger(s.n) || s.n < 1 || typeof s.sha256 !== 'string') return "no 'state' size and SHA-256";
  return null;
}

const isPositive = (x: unknown): x is number => isNumber(x) && Number.isFinite(x) && x > 0;

/**
 * What makes the recorded options disagree with the recorded state, or null. The checksum shows only
 * that the file is as written: a file edited and re-summed must still describe one run.
 */
function optionsProblem(file: CheckpointFile): string | null {
  const o = file.options;
  const n = file.state.n;
  if (o.n !== n) return `its options give N = ${String(o.n)}, its state is on a ${n}³ grid`;
  if (!isPositive(o.L)) return `its options give no box size L (${String(o.L)})`;
  if (!isPositive(o.dtOut)) return `its options give no output interval dtOut (${String(o.dtOut)})`;
  if (!isNumber(o.tEnd) || !(o.tEnd >= 0) || !Number.isFinite(o.tEnd)) return `its options give no end time tEnd (${String(o.tEnd)})`;
  if (file.record.config.n !== undefined && file.record.config.n !== n) return `its record gives N = ${String(file.record.config.n)}, its state is on a ${n}³ grid`;
  return null;
}

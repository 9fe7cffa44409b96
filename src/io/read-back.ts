// The one way Landau3D reads back a file it wrote (a folder's manifest, a checkpoint, a run record,
// a study's JSON, an .npy array): whatever is found there — nothing, a folder, half a file, valid
// JSON of another shape — is answered with one line that names the file and what is wrong with it,
// never with a parser's message or a failure further on.
import { readFileSync, statSync } from 'node:fs';
import { decodeNpy, NpyError, type NpyArray } from './npy.js';
import { reason } from './output-folder.js';
import { UserInputError } from '../core/errors/user-input-error.js';

/** A file read back that is missing, not a file, unreadable or not what it should hold. */
export class ReadBackError extends UserInputError {
  override name = 'ReadBackError';
}

/** What is wrong with a value found at `at` (a JSON path such as rows[2].delta), or null. */
export type Check = (value: unknown, at: string) => string | null;

/** The bytes of PATH, refusing what is not a readable regular file. */
export function readBackBytes(path: string): Uint8Array {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    throw new ReadBackError((err as NodeJS.ErrnoException).code === 'ENOENT' ? `${path} is missing` : `${path} cannot be read: ${reason(err)}`);
  }
  if (info.isDirectory()) throw new ReadBackError(`${path} is a folder, not a file`);
  if (!info.isFile()) throw new ReadBackError(`${path} is not a regular file`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ReadBackError(`${path} cannot be read: ${reason(err)}`);
  }
}

/** The JSON of PATH, checked by CHECK; `parse` may be exact-json's reader. */
export function readBackJson<T>(path: string, check: Check, parse: (text: string) => unknown = JSON.parse): T {
  const text = Buffer.from(readBackBytes(path)).toString('utf8');
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    throw new ReadBackError(`${path} is not valid JSON (cut short or damaged)`);
  }
  const problem = check(value, '');
  if (problem) throw new ReadBackError(`${path}: ${problem}`);
  return value as T;
}

/** The array in the .npy file PATH; `check` may demand a dtype or shape. */
export function readBackNpy(path: string, check: (array: NpyArray) => string | null = () => null): NpyArray {
  const bytes = readBackBytes(path);
  let array: NpyArray;
  try {
    array = decodeNpy(bytes, path);
  } catch (err) {
    if (err instanceof NpyError) throw new ReadBackError(oneLine(err.message));
    throw err;
  }
  const problem = check(array);
  if (problem) throw new ReadBackError(`${path}: ${problem}`);
  return array;
}

/**
 * Runs DRAW, which builds a page from files that passed their checks and does nothing else that can
 * fail: an error there means a file still lacks something the page needs, and is answered as such.
 */
export async function drawnFrom<T>(path: string, draw: () => Promise<T> | T): Promise<T> {
  try {
    return await draw();
  } catch (err) {
    if (err instanceof ReadBackError || !(err instanceof Error)) throw err;
    throw new ReadBackError(`${path} does not hold what the report is drawn from (${oneLine(err.message)})`);
  }
}

const oneLine = (text: string) => text.replace(/\s*[\n\r\u0085\u2028\u2029]+\s*/g, ' ');

// Checks, composed as the files' shapes are.

const where = (at: string) => (at === '' ? 'the file' : at);
const type = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'a list' : typeof x === 'object' ? 'an object' : typeof x);

export const isNumber: Check = (x, at) => (typeof x === 'number' ? null : `${where(at)} is ${type(x)}, not a number`);
export const isString: Check = (x, at) => (typeof x === 'string' ? null : `${where(at)} is ${type(x)}, not text`);
export const isBoolean: Check = (x, at) => (typeof x === 'boolean' ? null : `${where(at)} is ${type(x)}, not true or false`);
/** A number, or null where the writer had no finite value. */
export const isNumberOrNull: Check = (x, at) => (x === null ? null : isNumber(x, at));
export const isInteger: Check = (x, at) => (Number.isSafeInteger(x) ? null : `${where(at)} is not a whole number`);

export const optional = (check: Check): Check => (x, at) => (x === undefined ? null : check(x, at));
export const nullable = (check: Check): Check => (x, at) => (x === null ? null : check(x, at));
export const either = (...checks: Check[]): Check => (x, at) => {
  const problems = checks.map((c) => c(x, at));
  return problems.includes(null) ? null : problems[0]!;
};

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** An object with at least the fields of SHAPE, each as its check says. */
export const fields = (shape: Record<string, Check>): Check => (x, at) => {
  if (!isObject(x)) return `${where(at)} is ${type(x)}, not an object`;
  for (const [key, check] of Object.entries(shape)) {
    const path = at === '' ? key : `${at}.${key}`;
    const value = Object.hasOwn(x, key) ? x[key] : undefined;
    const problem = check(value, path);
    if (problem) return value === undefined ? `${path} is missing` : problem;
  }
  return null;
};

/** A list of at least MIN entries, each as CHECK says (and exactly LENGTH entries when given). */
export const listOf = (check: Check, min = 0, length?: number): Check => (x, at) => {
  if (!Array.isArray(x)) return `${where(at)} is ${type(x)}, not a list`;
  if (x.length < min) return `${where(at)} has ${x.length} entries, at least ${min} needed`;
  if (length !== undefined && x.length !== length) return `${where(at)} has ${x.length} entries, not ${length}`;
  for (let i = 0; i < x.length; i++) {
    const problem = check(x[i], `${at}[${i}]`);
    if (problem) return problem;
  }
  return null;
};

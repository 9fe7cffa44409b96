// Parsing of numeric command-line values shared by every command: one UsageError naming the
// option, the value and the accepted range, before anything is computed or written.
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import { existsSync, statSync } from 'node:fs';
import { UserInputError } from '../core/errors/user-input-error.js';

export class UsageError extends UserInputError {
  override name = 'UsageError';
}

/** Raw option values as commander hands them over. */
export type RawOptions = Record<string, string | boolean | undefined>;

/** Decimal notation: 12, -0.5, .5, 1e-3, +2.5E+4 (Number() would also take 0x10, 0b11, 0o7). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SHOWN_LENGTH = 60;

/** A value as an error message quotes it: on one line (control characters escaped) and at most 60 characters. */
export function shown(value: unknown): string {
  return `'${oneLine(clip(String(value)))}'`;
}

function clip(text: string): string {
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}

/** Text on one line: control characters escaped. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A finite number written in decimal; `flag` names the option in the error. */
export function finiteNumber(text: string, flag: string): number {
  const trimmed = text.trim();
  const x = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(x)) {
    const how = Number.isFinite(Number(text)) && trimmed !== '' ? ' written in decimal' : '';
    throw new UsageError(`${flag} must be a finite number${how}, got ${shown(text)}`);
  }
  return x;
}

/** The text of an option that takes a value; undefined when absent. */
export function optionText(raw: RawOptions, key: string, flag: string): string | undefined {
  const value = raw[key];
  if (value === undefined || typeof value === 'string') return value;
  throw new UsageError(`${flag} needs a value, got ${shown(value)}`);
}

/** A finite number option within a range; its default when absent. */
export function number(raw: RawOptions, key: string, flag: string, fallback: number, check: (x: number) => boolean, range: string): number {
  const value = raw[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw new UsageError(`${flag} needs a number, got ${shown(value)}`);
  const x = finiteNumber(value, flag);
  if (!check(x)) throw new UsageError(`${flag} = ${clip(value.trim())} is out of range: ${range}`);
  return x;
}

/** The folder a command writes into: named, and a folder if it exists already. */
export function outputFolder(raw: RawOptions, receives: string): string {
  const out = raw.out;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError(`--out DIR is required: the folder that receives ${receives}`);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${shown(out)} exists and is not a folder`);
  return out;
}

/** A comma-separated list of numbers, each within a range. */
export function numberList(text: string, flag: string, check: (x: number) => boolean, range: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.every((s) => s.length === 0)) throw new UsageError(`${flag} needs at least one value`);
  // An empty field is a typo (1,,0 or a trailing comma), not a value to drop: the numbers would shift.
  if (parts.includes('')) throw new UsageError(`${flag} ${shown(text)} has an empty field; separate the numbers by single commas`);
  return parts.map((part) => {
    const x = finiteNumber(part, flag);
    if (!check(x)) throw new UsageError(`${flag} value ${clip(part)} is out of range: ${range}`);
    return x;
  });
}

/** --delta of the blow-down data (width² of the bump), with the scenario's default and range: one place for every command. */
export function deltaOption(raw: RawOptions): number {
  return number(raw, 'delta', '--delta', DEFAULT_SCENARIO_PARAMS.delta, (x) => x > 0 && x < 1, '0 < δ < 1');
}

/** --alpha of the blow-down data (the bump's mass is δ^α), with the scenario's default and range. */
export function alphaOption(raw: RawOptions): number {
  return number(raw, 'alpha', '--alpha', DEFAULT_SCENARIO_PARAMS.alpha, (x) => x > 0 && x <= 10, '0 < α ≤ 10');
}

// Parsing of numeric command-line values shared by every command: one UsageError naming the
// option, the value and the accepted range, before anything is computed or written.

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Raw option values as commander hands them over. */
export type RawOptions = Record<string, string | boolean | undefined>;

/** A finite number written as text; `flag` names the option in the error. */
export function finiteNumber(text: string, flag: string): number {
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new UsageError(`${flag} must be a finite number, got '${text}'`);
  return x;
}

/** A finite number option within a range; its default when absent. */
export function number(raw: RawOptions, key: string, flag: string, fallback: number, check: (x: number) => boolean, range: string): number {
  const value = raw[key];
  if (value === undefined) return fallback;
  const x = finiteNumber(typeof value === 'string' ? value : '', flag);
  if (!check(x)) throw new UsageError(`${flag} = ${value} is out of range: ${range}`);
  return x;
}

/** A comma-separated list of numbers, each within a range. */
export function numberList(text: string, flag: string, check: (x: number) => boolean, range: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (parts.length === 0) throw new UsageError(`${flag} needs at least one value`);
  return parts.map((part) => {
    const x = finiteNumber(part, flag);
    if (!check(x)) throw new UsageError(`${flag} value ${part} is out of range: ${range}`);
    return x;
  });
}

// Reading and writing NumPy .npy files (float32 / float64, C order), with no dependencies. One file
// over 300 lines: the format and every check a damaged or hostile file needs (the fuzz tests drive
// them all) belong together.
//
// Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
//   magic "\x93NUMPY", major, minor version bytes, header length (uint16 LE for 1.0,
//   uint32 LE for 2.0 and 3.0), then a Python dict literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (16, 16, 16), }
//   padded with spaces and ending in '\n', then the raw array data.
//
// Every problem with a file is reported as one NpyError whose message starts with the file's name.

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { atomicWrite, WriteError } from './atomic-write.js';
import { UserInputError } from '../core/errors/user-input-error.js';

export class NpyError extends UserInputError {
  override name = 'NpyError';
}

export interface NpyArray {
  /** Values in C order, widened to float64 whatever the file's dtype. */
  data: Float64Array;
  shape: number[];
  /** The file's dtype: 'float32' or 'float64'. */
  dtype: 'float32' | 'float64';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGN = 64;
const MAX_NESTING = 16;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Python repr of a shape tuple: (), (4,), (4, 4, 4). */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

function checkShape(data: Float64Array | Float32Array, shape: readonly number[]): void {
  let count = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new NpyError(`encodeNpy: shape ${shapeRepr(shape)} must contain non-negative integers only`);
    }
    count *= d;
  }
  if (count !== data.length) {
    throw new NpyError(
      `encodeNpy: shape ${shapeRepr(shape)} has ${count} elements but the data has ${data.length}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

export function encodeNpy(data: Float64Array | Float32Array, shape: number[]): Uint8Array {
  checkShape(data, shape);
  const is64 = data instanceof Float64Array;
  const itemSize = is64 ? 8 : 4;
  const descr = is64 ? '<f8' : '<f4';
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;

  // Version 1.0 stores the header length in 16 bits; fall back to 2.0 for (absurdly) long headers.
  let major = 1;
  let preamble = 10;
  let total = Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN;
  if (total - preamble > 0xffff) {
    major = 2;
    preamble = 12;
    total = Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN;
  }
  const headerLen = total - preamble;
  const header = dict + ' '.repeat(headerLen - dict.length - 1) + '\n';

  const out = new Uint8Array(total + data.length * itemSize);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  if (major === 1) view.setUint16(8, headerLen, true);
  else view.setUint32(8, headerLen, true);
  for (let i = 0; i < header.length; i++) out[preamble + i] = header.charCodeAt(i);

  if (HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  } else if (is64) {
    for (let i = 0; i < data.length; i++) view.setFloat64(total + 8 * i, data[i]!, true);
  } else {
    for (let i = 0; i < data.length; i++) view.setFloat32(total + 4 * i, data[i]!, true);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Header parsing: a strict reader for the small subset of Python literals that .npy headers use.

type PyValue = string | number | boolean | null | PyTuple | PyList | PyDict;
interface PyTuple {
  kind: 'tuple';
  items: PyValue[];
}
interface PyList {
  kind: 'list';
  items: PyValue[];
}
interface PyDict {
  kind: 'dict';
  entries: Map<string, PyValue>;
}

class HeaderSyntaxError extends Error {}

class LiteralParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): PyDict {
    this.skipWs();
    if (this.peek() !== '{') this.fail(`expected '{'`);
    const value = this.parseValue(0);
    this.skipWs();
    if (this.pos < this.text.length) this.fail('unexpected text after the closing brace');
    return value as PyDict;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private fail(what: string): never {
    const ch = this.text[this.pos];
    // JSON.stringify escapes C0 controls; C1 controls and line separators would still break the line.
    const quoted = JSON.stringify(ch ?? '').replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const where = ch === undefined ? 'at end of header' : `at offset ${this.pos} (${quoted})`;
    throw new HeaderSyntaxError(`${what} ${where}`);
  }

  private skipWs(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else break;
    }
  }

  private expect(c: string): void {
    this.skipWs();
    if (this.text[this.pos] !== c) this.fail(`expected '${c}'`);
    this.pos++;
  }

  private parseValue(depth: number): PyValue {
    if (depth > MAX_NESTING) this.fail('nesting too deep');
    this.skipWs();
    const c = this.peek();
    if (c === undefined) this.fail('expected a value');
    if (c === '{') return this.parseDict(depth);
    if (c === '(') {
      const { items, sawComma } = this.parseSequence(')', depth);
      // Python: (5) is just 5; only (5,) is a tuple.
      if (items.length === 1 && !sawComma) return items[0]!;
      return { kind: 'tuple', items };
    }
    if (c === '[') return { kind: 'list', items: this.parseSequence(']', depth).items };
    if (c === "'" || c === '"') return this.parseString();
    if (c === '-' || c === '+' || (c >= '0' && c <= '9')) return this.parseInt();
    for (const [word, value] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !/[A-Za-z0-9_]/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return value;
      }
    }
    this.fail('expected a value');
  }

  private parseDict(depth: number): PyDict {
    this.expect('{');
    const entries = new Map<string, PyValue>();
    for (;;) {
      this.skipWs();
      if (this.peek() === '}') {
        this.pos++;
        return { kind: 'dict', entries };
      }
      const keyStart = this.pos;
      const key = this.parseValue(depth + 1);
      if (typeof key !== 'string') {
        this.pos = keyStart;
        this.fail('expected a string key');
      }
      if (entries.has(key)) {
        this.pos = keyStart;
        this.fail(`duplicate key ${pyStr(key)}`);
      }
      this.expect(':');
      entries.set(key, this.parseValue(depth + 1));
      this.skipWs();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') this.fail(`expected ',' or '}'`);
    }
  }

  private parseSequence(close: ')' | ']', depth: number): { items: PyValue[]; sawComma: boolean } {
    this.pos++; // opening bracket
    const items: PyValue[] = [];
    let sawComma = false;
    for (;;) {
      this.skipWs();
      if (this.peek() === close) {
        this.pos++;
        return { items, sawComma };
      }
      items.push(this.parseValue(depth + 1));
      this.skipWs();
      if (this.peek() === ',') {
        this.pos++;
        sawComma = true;
      } else if (this.peek() !== close) {
        this.fail(`expected ',' or '${close}'`);
      }
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos]!;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.text[this.pos];
        const map: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };
        if (e === undefined || !(e in map)) this.fail('unsupported escape in string');
        out += map[e]!;
        this.pos++;
      } else {
        out += c;
      }
    }
  }

  private parseInt(): number {
    const m = /^[-+]?[0-9]+L?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!m) this.fail('expected an integer');
    const next = this.text[this.pos + m[0].length];
    if (next !== undefined && /[0-9A-Za-z_.]/.test(next)) {
      this.pos += m[0].length;
      this.fail('expected an integer');
    }
    this.pos += m[0].length;
    return Number(m[0].replace(/L$/, ''));
  }
}

/** Python-style quoted string, with control characters escaped so messages stay on one line. */
function pyStr(s: string): string {
  const body = s.replace(/[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\\' || c === "'") return `\\${c}`;
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
  return `'${body}'`;
}

function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return pyStr(v);
  if (v.kind === 'dict') return `{${[...v.entries].map(([k, x]) => `${pyStr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  const inner = v.items.map(pyRepr).join(', ');
  if (v.kind === 'list') return `[${inner}]`;
  return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
}

function shortRepr(v: PyValue): string {
  const s = pyRepr(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

// ---------------------------------------------------------------------------------------------
// Decoding

export function decodeNpy(bytes: Uint8Array, name = 'file'): NpyArray {
  const fail = (msg: string): never => {
    throw new NpyError(`${name}: ${msg}`);
  };

  if (bytes.length === 0) fail('not a .npy file (file is empty)');
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) fail('truncated header');
    if (bytes[i] !== MAGIC[i]) fail('not a .npy file (bad magic string)');
  }
  if (bytes.length < 8) fail('truncated header');
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0) {
    fail(`unsupported .npy format version ${major}.${minor} (need 1.0, 2.0 or 3.0)`);
  }
  const preamble = major === 1 ? 10 : 12;
  if (bytes.length < preamble) fail('truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = preamble + headerLen;
  if (bytes.length < dataStart) {
    fail(`truncated header (header length field says ${headerLen} bytes, file has ${bytes.length - preamble})`);
  }

  const headerBytes = bytes.subarray(preamble, dataStart);
  let headerText: string;
  if (major === 3) {
    try {
      headerText = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
    } catch {
      return fail('header is not valid UTF-8');
    }
  } else {
    headerText = '';
    for (let i = 0; i < headerBytes.length; i++) headerText += String.fromCharCode(headerBytes[i]!);
  }

  let dict: PyDict;
  try {
    dict = new LiteralParser(headerText).parseDocument();
  } catch (e) {
    if (e instanceof HeaderSyntaxError) return fail(`header is not a valid dictionary (${e.message})`);
    throw e;
  }

  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!dict.entries.has(key)) fail(`header is missing the key '${key}'`);
  }
  for (const key of dict.entries.keys()) {
    if (key !== 'descr' && key !== 'fortran_order' && key !== 'shape') {
      fail(`header has an unexpected key ${pyStr(key)}`);
    }
  }

  const descr = dict.entries.get('descr')!;
  const m = typeof descr === 'string' ? /^([<>|=]?)f([48])$/.exec(descr) : null;
  if (!m) return fail(`unsupported dtype ${shortRepr(descr)} (need float32 or float64)`);
  const littleEndian = m[1] !== '>'; // '<', '|' and '=' (native: little-endian everywhere that matters)
  const itemSize = m[2] === '8' ? 8 : 4;
  const dtype = itemSize === 8 ? 'float64' : 'float32';

  const fortran = dict.entries.get('fortran_order');
  if (typeof fortran !== 'boolean') {
    fail(`header field 'fortran_order' must be True or False, got ${shortRepr(fortran ?? null)}`);
  }
  if (fortran === true) fail('Fortran-order arrays are not supported; save with np.ascontiguousarray');

  const shapeValue = dict.entries.get('shape')!;
  if (
    typeof shapeValue !== 'object' ||
    shapeValue === null ||
    shapeValue.kind !== 'tuple' ||
    !shapeValue.items.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    return fail(`header field 'shape' must be a tuple of non-negative integers, got ${shortRepr(shapeValue)}`);
  }
  const shape = shapeValue.items as number[];

  const dataLen = bytes.length - dataStart;
  let count = 1;
  for (const d of shape) count *= d;
  const expected = count * itemSize;
  if (!Number.isSafeInteger(expected) || expected !== dataLen) {
    const expectedText = Number.isSafeInteger(expected) ? `${expected} bytes` : 'too many bytes';
    fail(`data length ${dataLen} bytes does not match shape ${shapeRepr(shape)} of ${dtype} (${expectedText})`);
  }

  const data = new Float64Array(count);
  if (littleEndian === HOST_LITTLE_ENDIAN) {
    // View the bytes in place when aligned, else copy them into a fresh buffer first. (Not
    // bytes.slice(): on a Node Buffer that is a view, not a copy.)
    let buffer: ArrayBufferLike = bytes.buffer;
    let offset = bytes.byteOffset + dataStart;
    if (offset % itemSize !== 0) {
      const copy = new Uint8Array(dataLen);
      copy.set(bytes.subarray(dataStart));
      buffer = copy.buffer;
      offset = 0;
    }
    if (itemSize === 8) data.set(new Float64Array(buffer, offset, count));
    else data.set(new Float32Array(buffer, offset, count));
  } else if (itemSize === 8) {
    for (let i = 0; i < count; i++) data[i] = view.getFloat64(dataStart + 8 * i, littleEndian);
  } else {
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(dataStart + 4 * i, littleEndian);
  }
  return { data, shape, dtype };
}

// ---------------------------------------------------------------------------------------------
// Files

function describeFsError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function writeNpyFile(path: string, data: Float64Array | Float32Array, shape: number[]): Promise<void> {
  const bytes = encodeNpy(data, shape);
  try {
    await atomicWrite(path, bytes);
  } catch (e) {
    // WriteError says which file and why (no space left, permissions, …).
    throw new NpyError(e instanceof WriteError ? e.message : `${path}: cannot write (${describeFsError(e)})`, { cause: e });
  }
}

/**
 * Reads a regular file of at most maxBytes. Opened without blocking, so a FIFO or a device is
 * refused at once instead of waiting for a writer or reading forever (/dev/zero).
 */
export async function readNpyFile(path: string, maxBytes = Infinity): Promise<NpyArray> {
  let bytes: Uint8Array;
  let file: FileHandle | undefined;
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await file.stat();
    if (!info.isFile()) throw new NpyError(`${path}: not a regular file (${info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a FIFO' : 'a device or socket'}); give a .npy file`);
    if (info.size > maxBytes) throw new NpyError(`${path}: ${info.size} bytes, more than the ${maxBytes} the largest grid it could hold needs`);
    bytes = await file.readFile();
  } catch (e) {
    if (e instanceof NpyError) throw e;
    throw new NpyError(`${path}: cannot read (${describeFsError(e)})`, { cause: e });
  } finally {
    await file?.close();
  }
  return decodeNpy(bytes, path);
}

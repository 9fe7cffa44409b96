import { describe, it, expect } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NpyError, decodeNpy, encodeNpy, readNpyFile, writeNpyFile } from '../src/io/npy.js';
import { mulberry32 } from '../src/core/math/seeded-random.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Builds a .npy file by hand: any version, any header text, any data bytes. */
function buildNpy(major: number, header: string, data: Uint8Array, pad = true): Uint8Array {
  const preamble = major === 1 ? 10 : 12;
  let text = header;
  if (pad) {
    const total = Math.ceil((preamble + text.length + 1) / 64) * 64;
    text = text + ' '.repeat(total - preamble - text.length - 1) + '\n';
  }
  const headerBytes = new TextEncoder().encode(text);
  const out = new Uint8Array(preamble + headerBytes.length + data.length);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, headerBytes.length, true);
  else view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, preamble);
  out.set(data, preamble + headerBytes.length);
  return out;
}

function f64Bytes(values: number[], littleEndian = true): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat64(8 * i, v, littleEndian));
  return out;
}

function f32Bytes(values: number[], littleEndian = true): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, littleEndian));
  return out;
}

function headerLength(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true);
}

function headerText(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes.subarray(10, headerLength(bytes)));
}

function errorOf(f: () => unknown): NpyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NpyError);
    return e as NpyError;
  }
  throw new Error('expected an NpyError, nothing was thrown');
}

const DICT_F8 = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
const SIX = [1, -2.5, 3e-300, 1e300, Math.PI, -0];

describe('encodeNpy / decodeNpy round trips', () => {
  it('float64 with shape [3,4,5]', () => {
    const data = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i) * 10 ** ((i % 7) - 3));
    const bytes = encodeNpy(data, [3, 4, 5]);
    expect(headerText(bytes)).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(3, 4, 5\), \} *\n$/);
    expect(bytes.length).toBe(headerLength(bytes) + 60 * 8);
    const back = decodeNpy(bytes);
    expect(back.dtype).toBe('float64');
    expect(back.shape).toEqual([3, 4, 5]);
    expect(back.data).toBeInstanceOf(Float64Array);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('float32 with shape [3,4,5]', () => {
    const data = Float32Array.from({ length: 60 }, (_, i) => Math.cos(i) * 1e3);
    const bytes = encodeNpy(data, [3, 4, 5]);
    expect(headerText(bytes)).toContain("'descr': '<f4'");
    expect(bytes.length).toBe(headerLength(bytes) + 60 * 4);
    const back = decodeNpy(bytes);
    expect(back.dtype).toBe('float32');
    expect(back.shape).toEqual([3, 4, 5]);
    expect(back.data).toBeInstanceOf(Float64Array);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('0-d, 1-d and empty arrays', () => {
    const scalar = encodeNpy(new Float64Array([42]), []);
    expect(headerText(scalar)).toContain("'shape': ()");
    expect(decodeNpy(scalar)).toMatchObject({ shape: [], dtype: 'float64' });
    expect(Array.from(decodeNpy(scalar).data)).toEqual([42]);

    const vec = encodeNpy(new Float32Array([1, 2, 3]), [3]);
    expect(headerText(vec)).toContain("'shape': (3,)");
    expect(decodeNpy(vec).shape).toEqual([3]);

    const empty = encodeNpy(new Float64Array(0), [0, 5]);
    expect(decodeNpy(empty).shape).toEqual([0, 5]);
    expect(decodeNpy(empty).data.length).toBe(0);
  });

  it('works on a Uint8Array that is a view into a larger, unaligned buffer', () => {
    const bytes = encodeNpy(new Float64Array([1, 2, 3, 4]), [2, 2]);
    for (let shift = 0; shift < 8; shift++) {
      const big = new Uint8Array(bytes.length + 16);
      big.set(bytes, shift);
      const back = decodeNpy(big.subarray(shift, shift + bytes.length));
      expect(Array.from(back.data)).toEqual([1, 2, 3, 4]);
      const asBuffer = Buffer.from(big.buffer, shift, bytes.length);
      expect(Array.from(decodeNpy(asBuffer).data)).toEqual([1, 2, 3, 4]);
    }
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => encodeNpy(new Float64Array(5), [2, 3])).toThrow(NpyError);
    expect(() => encodeNpy(new Float64Array(6), [2, -3])).toThrow(NpyError);
    expect(() => encodeNpy(new Float64Array(6), [2, 1.5])).toThrow(NpyError);
  });
});

describe('header layout', () => {
  it('total header length is a multiple of 64, version 1.0, ends in newline', () => {
    for (const shape of [[], [1], [7], [3, 4, 5], [16, 16, 16], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 1, 1]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      for (const data of [new Float64Array(n), new Float32Array(n)]) {
        const bytes = encodeNpy(data, shape);
        expect(Array.from(bytes.subarray(0, 8))).toEqual([...MAGIC, 1, 0]);
        const len = headerLength(bytes);
        expect(len % 64).toBe(0);
        expect(bytes[len - 1]).toBe(0x0a);
        expect(bytes.length).toBe(len + n * data.BYTES_PER_ELEMENT);
      }
    }
  });

  it('matches the bytes numpy writes for np.arange(6.0).reshape(2, 3)', () => {
    const bytes = encodeNpy(Float64Array.from([0, 1, 2, 3, 4, 5]), [2, 3]);
    const expected = buildNpy(1, DICT_F8, f64Bytes([0, 1, 2, 3, 4, 5]));
    expect(headerLength(bytes)).toBe(128);
    expect(Array.from(bytes)).toEqual(Array.from(expected));
  });
});

describe('other versions and byte orders', () => {
  it('decodes a hand-built version 2.0 file', () => {
    const bytes = buildNpy(2, DICT_F8, f64Bytes(SIX));
    expect(bytes[6]).toBe(2);
    const back = decodeNpy(bytes);
    expect(back.shape).toEqual([2, 3]);
    expect(back.dtype).toBe('float64');
    expect(Array.from(back.data)).toEqual(SIX);
  });

  it('decodes a hand-built version 3.0 file (utf-8 header)', () => {
    const back = decodeNpy(buildNpy(3, DICT_F8, f64Bytes(SIX)));
    expect(Array.from(back.data)).toEqual(SIX);
  });

  it('decodes big-endian float64 and float32', () => {
    const be64 = buildNpy(1, DICT_F8.replace('<f8', '>f8'), f64Bytes(SIX, false));
    expect(Array.from(decodeNpy(be64).data)).toEqual(SIX);

    const vals32 = [1, -2.5, 0.1, 65504, Math.PI, 3];
    const expect32 = Array.from(Float32Array.from(vals32));
    const be32 = buildNpy(1, DICT_F8.replace('<f8', '>f4'), f32Bytes(vals32, false));
    const back = decodeNpy(be32);
    expect(back.dtype).toBe('float32');
    expect(Array.from(back.data)).toEqual(expect32);
  });

  it("accepts '|f4', '=f8' and double-quoted, oddly spaced headers", () => {
    const pipe = buildNpy(1, DICT_F8.replace('<f8', '|f4'), f32Bytes([1, 2, 3, 4, 5, 6]));
    expect(Array.from(decodeNpy(pipe).data)).toEqual([1, 2, 3, 4, 5, 6]);
    const native = buildNpy(1, DICT_F8.replace('<f8', '=f8'), f64Bytes(SIX));
    expect(Array.from(decodeNpy(native).data)).toEqual(SIX);
    const odd = buildNpy(1, '{"shape":(2,3),"fortran_order":False,"descr":"<f8"}', f64Bytes(SIX));
    expect(decodeNpy(odd).shape).toEqual([2, 3]);
  });
});

describe('error messages', () => {
  const good = buildNpy(1, DICT_F8, f64Bytes(SIX));

  it('bad magic', () => {
    const bad = good.slice();
    bad[1] = 0x41;
    expect(errorOf(() => decodeNpy(bad, 'x.npy')).message).toBe('x.npy: not a .npy file (bad magic string)');
    expect(errorOf(() => decodeNpy(new TextEncoder().encode('hello world'))).message).toBe(
      'file: not a .npy file (bad magic string)',
    );
    expect(errorOf(() => decodeNpy(new Uint8Array(0))).message).toMatch(/^file: not a \.npy file/);
  });

  it('truncated header', () => {
    for (const n of [3, 6, 7, 9, 10, 50]) {
      expect(errorOf(() => decodeNpy(good.subarray(0, n), 'a.npy')).message).toMatch(/^a\.npy: truncated header/);
    }
  });

  it('unsupported version', () => {
    const bad = good.slice();
    bad[6] = 4;
    expect(errorOf(() => decodeNpy(bad)).message).toMatch(/^file: unsupported \.npy format version 4\.0/);
  });

  it('unsupported dtype', () => {
    const bytes = buildNpy(1, DICT_F8.replace('<f8', '<i4'), new Uint8Array(24));
    expect(errorOf(() => decodeNpy(bytes, 'f.npy')).message).toBe(
      "f.npy: unsupported dtype '<i4' (need float32 or float64)",
    );
    const structured = buildNpy(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (6,), }", f64Bytes(SIX));
    expect(errorOf(() => decodeNpy(structured)).message).toMatch(/^file: unsupported dtype \[\('a', '<f8'\)\]/);
  });

  it('Fortran order', () => {
    const bytes = buildNpy(1, DICT_F8.replace('False', 'True'), f64Bytes(SIX));
    expect(errorOf(() => decodeNpy(bytes, 'f.npy')).message).toBe(
      'f.npy: Fortran-order arrays are not supported; save with np.ascontiguousarray',
    );
  });

  it('data length mismatch', () => {
    const bytes = buildNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4, 4, 4), }", new Uint8Array(100));
    expect(errorOf(() => decodeNpy(bytes, 'f.npy')).message).toBe(
      'f.npy: data length 100 bytes does not match shape (4, 4, 4) of float64 (512 bytes)',
    );
    const extra = new Uint8Array(good.length + 1);
    extra.set(good);
    expect(errorOf(() => decodeNpy(extra)).message).toMatch(/^file: data length 49 bytes does not match shape \(2, 3\)/);
  });

  it('invalid dictionary', () => {
    for (const header of [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), ",
      "{'descr' '<f8', 'fortran_order': False, 'shape': (2, 3)}",
      "{'descr': <f8, 'fortran_order': False, 'shape': (2, 3)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)} x",
      "{'descr': '<f8', 'fortran_order': false, 'shape': (2, 3)}",
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}}",
      "__import__('os').system('true')",
      '((((((((((((((((((((((((((((((((((((((((((((((((((((',
      '',
    ]) {
      const bytes = buildNpy(1, header, f64Bytes(SIX));
      expect(errorOf(() => decodeNpy(bytes, 'f.npy')).message).toMatch(/^f\.npy: header is not a valid dictionary/);
    }
  });

  it('bad or missing fields', () => {
    const cases: [string, RegExp][] = [
      ["{'descr': '<f8', 'fortran_order': False}", /missing the key 'shape'/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), 'x': 1}", /unexpected key 'x'/],
      ["{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)}", /duplicate key 'descr'/],
      ["{'descr': '<f8', 'fortran_order': 0, 'shape': (2, 3)}", /'fortran_order' must be True or False/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}", /'shape' must be a tuple/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (6)}", /'shape' must be a tuple/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3)}", /'shape' must be a tuple/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", /'shape' must be a tuple/],
      ["{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}", /does not match shape/],
    ];
    for (const [header, re] of cases) {
      const message = errorOf(() => decodeNpy(buildNpy(1, header, f64Bytes(SIX)), 'f.npy')).message;
      expect(message.startsWith('f.npy: ')).toBe(true);
      expect(message).toMatch(re);
    }
  });
});

describe('files', () => {
  it('writeNpyFile / readNpyFile round trip and a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'npy-test-'));
    try {
      const path = join(dir, 'a.npy');
      const data = Float64Array.from({ length: 24 }, (_, i) => i * 0.5 - 3);
      await writeNpyFile(path, data, [2, 3, 4]);
      const back = await readNpyFile(path);
      expect(back.shape).toEqual([2, 3, 4]);
      expect(back.dtype).toBe('float64');
      expect(Array.from(back.data)).toEqual(Array.from(data));

      const missing = join(dir, 'missing.npy');
      const err = await readNpyFile(missing).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NpyError);
      expect((err as Error).message).toMatch(new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read \\(ENOENT`));

      const junk = join(dir, 'junk.npy');
      await writeFile(junk, 'not numpy at all');
      await expect(readNpyFile(junk)).rejects.toThrow(`${junk}: not a .npy file (bad magic string)`);

      await expect(writeNpyFile(join(dir, 'no', 'such', 'dir.npy'), data, [24])).rejects.toBeInstanceOf(NpyError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('robustness (property style)', () => {
  it('500 random mutations of valid files either decode or throw NpyError', () => {
    const rand = mulberry32(0x5eed1234);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

    const bases = [
      encodeNpy(Float64Array.from({ length: 60 }, (_, i) => i), [3, 4, 5]),
      encodeNpy(Float32Array.from({ length: 8 }, (_, i) => -i), [2, 2, 2]),
      encodeNpy(new Float64Array([7]), []),
      buildNpy(2, DICT_F8, f64Bytes(SIX)),
      buildNpy(3, DICT_F8.replace('<f8', '>f4'), f32Bytes(SIX, false)),
    ];
    const headerPieces = [
      '{', '}', '(', ')', '[', ']', ',', ':', "'", '"', ' ', '\\', '-', 'L', '0', '9', 'True', 'False', 'None',
      "'descr'", "'shape'", "'fortran_order'", "'<f8'", "'>f4'", "'<i4'", '99999999999999999999', '\n', '\x00', 'é',
    ];
    const shapes = ['()', '(0,)', '(5)', '(60,)', '(3, 4, 5)', '(5, 4, 3)', '(-1, 60)', '(1e3,)', '(2.5,)',
      '(3, 4, 5, 0)', '(4294967296, 4294967296, 4294967296)', "('a',)", '(,)', '((3,), 4)', '(3 4)', '(60L,)'];

    const counts = { decoded: 0, rejected: 0 };
    for (let trial = 0; trial < 500; trial++) {
      const base = pick(bases);
      let bytes: Uint8Array;
      const kind = trial % 6;
      if (kind === 0) {
        // Truncation.
        bytes = base.slice(0, int(base.length + 1));
      } else if (kind === 1) {
        // Byte flips, mostly in the preamble and header.
        bytes = base.slice();
        const flips = 1 + int(4);
        const limit = rand() < 0.8 ? headerLength(base) : base.length;
        for (let k = 0; k < flips; k++) bytes[int(limit)] = int(256);
      } else if (kind === 2) {
        // Random garbage, sometimes behind a valid magic string and version.
        bytes = Uint8Array.from({ length: int(300) }, () => int(256));
        if (rand() < 0.5 && bytes.length >= 8) {
          bytes.set(MAGIC, 0);
          bytes[6] = 1 + int(3);
          bytes[7] = 0;
          if (bytes.length >= 10) bytes[9] = int(2);
        }
      } else if (kind === 3) {
        // Wrong or weird shapes with random amounts of data.
        const shape = pick(shapes);
        const descr = pick(["'<f8'", "'<f4'", "'>f8'", "'|f4'"]);
        const header = `{'descr': ${descr}, 'fortran_order': False, 'shape': ${shape}, }`;
        bytes = buildNpy(pick([1, 2, 3]), header, Uint8Array.from({ length: int(600) }, () => int(256)));
      } else if (kind === 4) {
        // Header spliced together from Python-ish tokens.
        const header = Array.from({ length: int(30) }, () => pick(headerPieces)).join(rand() < 0.5 ? '' : ' ');
        bytes = buildNpy(pick([1, 2, 3]), header, f64Bytes(SIX), rand() < 0.7);
      } else {
        // Corrupted header-length field or version bytes.
        bytes = base.slice();
        const view = new DataView(bytes.buffer);
        if (rand() < 0.5) {
          bytes[6] = int(5);
          bytes[7] = rand() < 0.8 ? 0 : int(256);
        } else if (bytes[6] === 1) {
          view.setUint16(8, int(0x10000), true);
        } else {
          view.setUint32(8, rand() < 0.5 ? int(2 ** 32) : int(200), true);
        }
      }

      try {
        const out = decodeNpy(bytes, 'mut.npy');
        counts.decoded++;
        expect(out.data.length).toBe(out.shape.reduce((a, b) => a * b, 1));
        expect(['float32', 'float64']).toContain(out.dtype);
      } catch (e) {
        if (!(e instanceof NpyError)) {
          throw new Error(`trial ${trial}: expected NpyError, got ${String(e)} for bytes [${Array.from(bytes.subarray(0, 80))}]`);
        }
        counts.rejected++;
        expect(e.message.startsWith('mut.npy: ')).toBe(true);
        expect(e.message.split('\n').length).toBe(1);
      }
    }
    expect(counts.decoded + counts.rejected).toBe(500);
    // The mutations must exercise both outcomes.
    expect(counts.decoded).toBeGreaterThan(5);
    expect(counts.rejected).toBeGreaterThan(250);
  });
});

// Property-based fuzzing of the files landau3d reads: .npy arrays (--init, final.npy), run folders
// (`landau3d report`) and checkpoints (`landau3d resume`). Every input either reads correctly or is
// refused with the reader's own error type and a one-line message — never another exception.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkReportFolder } from '../src/cli/report-command.js';
import { UsageError } from '../src/cli/option-values.js';
import { runCommand } from '../src/cli/run-command.js';
import { parseRunOptions } from '../src/cli/run-options.js';
import { CHECKPOINT_FILE, CheckpointError, readCheckpoint } from '../src/io/checkpoint.js';
import { decodeNpy, encodeNpy, NpyError } from '../src/io/npy.js';
import { runFolderProblem } from '../src/report/run-folder.js';
import { runReportHtml } from '../src/report/run-report.js';
import { CLI_FLAGS } from '../src/cli/option-flags.js';
import { scratchFolder } from './support/cli.js';

const workdir = scratchFolder('fuzz-files');
const SEED = 20240607;

/** A message fit for one line of stderr: no line breaks of any kind. */
const oneLine = (message: string) => !/[\n\r\u0085\u2028\u2029]/.test(message);

/** Edits of a byte string: flips, overwrites, insertions, deletions, truncation. */
type Edit = { kind: 'flip' | 'set' | 'insert' | 'delete' | 'truncate'; at: number; bytes: number[]; length: number };
const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('flip', 'set', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  length: fc.integer({ min: 1, max: 64 }),
});

/** Applies edits, each at a position taken modulo the length (headers get most of them when `headerBias`). */
function applyEdits(base: Uint8Array, edits: Edit[], headerBias = 0): Uint8Array {
  let bytes = Uint8Array.from(base);
  for (const e of edits) {
    const span = headerBias > 0 && e.at % 4 !== 0 ? Math.min(headerBias, bytes.length) : bytes.length;
    const at = span === 0 ? 0 : e.at % span;
    if (e.kind === 'flip' && bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << (e.bytes[0]! % 8));
    else if (e.kind === 'set' && bytes.length > 0) bytes.set(e.bytes.slice(0, bytes.length - at), at);
    else if (e.kind === 'insert') bytes = Uint8Array.from([...bytes.subarray(0, at), ...e.bytes, ...bytes.subarray(at)]);
    else if (e.kind === 'delete') bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + e.length)]);
    else if (e.kind === 'truncate') bytes = bytes.slice(0, at);
  }
  return bytes;
}

describe('fuzzed .npy files', () => {
  const counts = { roundTrips: 0, mutated: 0, decoded: 0, rejected: 0, headers: 0, headersDecoded: 0 };

  it('any float32/float64 array and shape round-trips bit for bit', () => {
    const array = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }), fc.boolean(), fc.integer())
      .map(([shape, is64, seed]) => {
        const count = shape.reduce((a, b) => a * b, 1);
        const data = is64 ? new Float64Array(count) : new Float32Array(count);
        const words = new Uint32Array(data.buffer);
        let s = seed >>> 0;
        for (let i = 0; i < words.length; i++) words[i] = s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // every bit pattern, NaNs included
        return { shape, data };
      });
    fc.assert(
      fc.property(array, ({ shape, data }) => {
        counts.roundTrips++;
        const back = decodeNpy(encodeNpy(data, shape), 'x.npy');
        const widened = Float64Array.from(data);
        return (
          back.shape.join() === shape.join() &&
          back.dtype === (data instanceof Float64Array ? 'float64' : 'float32') &&
          Buffer.compare(Buffer.from(back.data.buffer), Buffer.from(widened.buffer)) === 0
        );
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('random edits of valid files decode to a consistent array or throw one NpyError line', () => {
    const bases = [
      encodeNpy(Float64Array.from({ length: 60 }, (_, i) => i), [3, 4, 5]),
      encodeNpy(Float32Array.from({ length: 8 }, (_, i) => -i), [2, 2, 2]),
      encodeNpy(new Float64Array([7]), []),
      encodeNpy(new Float64Array(0), [0, 4]),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 6 }), (base, edits) => {
        counts.mutated++;
        const bytes = applyEdits(base, edits, 128);
        try {
          const out = decodeNpy(bytes, 'mut.npy');
          counts.decoded++;
          return out.data.length === out.shape.reduce((a, b) => a * b, 1) && (out.dtype === 'float32' || out.dtype === 'float64');
        } catch (e) {
          if (!(e instanceof NpyError)) throw e;
          counts.rejected++;
          return e.message.startsWith('mut.npy: ') && oneLine(e.message);
        }
      }),
      { numRuns: 20000, seed: SEED },
    );
  });

  it('headers built from arbitrary Python-like literals decode or throw one NpyError line', () => {
    const { value } = fc.letrec<{ value: string }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom("'<f8'", "'<f4'", "'>f8'", "'|f4'", "'<i4'", 'True', 'False', 'None', "'descr'", "'shape'", "'fortran_order'"),
        fc.integer({ min: -3, max: 1 << 20 }).map(String),
        fc.string({ maxLength: 6 }).map((s) => `'${s}'`),
        fc.array(tie('value'), { maxLength: 4 }).map((xs) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`),
        fc.array(tie('value'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 4 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      ),
    }));
    const header = fc.oneof(
      value,
      fc
        .tuple(
          fc.oneof(fc.constantFrom("'<f8'", "'|f8'", "'=f8'", "'<f4'"), value),
          fc.oneof(fc.constantFrom('False', 'True'), value),
          fc.oneof(fc.constantFrom('(24,)', '(2, 3, 4)', '(4, 6)', '(24)', '(3, 8, 1)', '(0,)'), value),
        )
        .map(([d, f, s]) => `{'descr': ${d}, 'fortran_order': ${f}, 'shape': ${s}, }`),
    );
    const data = encodeNpy(Float64Array.from({ length: 24 }, (_, i) => i), [24]).subarray(128);
    fc.assert(
      fc.property(header, fc.constantFrom(1, 2, 3), (text, major) => {
        counts.headers++;
        const preamble = major === 1 ? 10 : 12;
        const padded = text + ' '.repeat(63 - ((preamble + text.length) % 64)) + '\n';
        const head = new TextEncoder().encode(padded);
        const bytes = new Uint8Array(preamble + head.length + data.length);
        bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
        const view = new DataView(bytes.buffer);
        if (major === 1) view.setUint16(8, head.length, true);
        else view.setUint32(8, head.length, true);
        bytes.set(head, preamble);
        bytes.set(data, preamble + head.length);
        try {
          decodeNpy(bytes, 'hdr.npy');
          counts.headersDecoded++;
          return true;
        } catch (e) {
          if (!(e instanceof NpyError)) throw e;
          return e.message.startsWith('hdr.npy: ') && oneLine(e.message);
        }
      }),
      { numRuns: 10000, seed: SEED },
    );
    console.log(
      `npy fuzz: ${counts.roundTrips} round trips exact; ${counts.mutated} edited files (${counts.decoded} decoded, ${counts.rejected} NpyError); ` +
        `${counts.headers} generated headers (${counts.headersDecoded} decoded, the rest NpyError); no other exception`,
    );
    expect(counts.rejected).toBeGreaterThan(counts.mutated / 2);
    expect(counts.decoded).toBeGreaterThan(0);
    expect(counts.headersDecoded).toBeGreaterThan(0);
  });
});

/** A real run folder with a checkpoint (CPU, N = 8, two outputs after t = 0). */
async function sampleRun(): Promise<string> {
  const dir = join(workdir, 'run');
  const opts = parseRunOptions({ scenario: 'blowdown', n: '8', tEnd: '0.2', dtOut: '0.1', backend: 'cpu', checkpointEvery: '0.1', out: dir, quiet: true, allowUnresolved: true });
  expect(await runCommand(opts, () => {}, () => {})).toBe(0);
  return dir;
}

describe('fuzzed run folders and checkpoints', async () => {
  const run = await sampleRun();
  const diagnostics = readFileSync(join(run, 'diagnostics.json'));
  const final = readFileSync(join(run, 'final.npy'));

  it('report: edited diagnostics.json and final.npy are refused in one line, or make a report', async () => {
    const counts = { tried: 0, refused: 0, accepted: 0, rendered: 0 };
    const acceptedEdits: [Uint8Array, Uint8Array][] = [];
    // Valid JSON of the wrong shape: delete or replace any one value of the record.
    const json = JSON.parse(diagnostics.toString('utf8'));
    const paths: (string | number)[][] = [];
    const walk = (x: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, [...path, Array.isArray(x) ? Number(k) : k]);
    };
    walk(json, []);
    const replaced = fc.tuple(fc.constantFrom(...paths.slice(1)), fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.double())).map(([path, value]) => {
      const copy = JSON.parse(JSON.stringify(json));
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key];
      if (value === undefined) delete parent[path[path.length - 1]!];
      else parent[path[path.length - 1]!] = value;
      return new TextEncoder().encode(JSON.stringify(copy));
    });
    const diagnosticsText = fc.oneof(replaced, fc.array(edit, { minLength: 1, maxLength: 4 }).map((e) => applyEdits(diagnostics, e)), fc.constant(diagnostics));
    const finalBytes = fc.oneof({ weight: 3, arbitrary: fc.constant(final) }, { weight: 1, arbitrary: fc.array(edit, { minLength: 1, maxLength: 4 }).map((e) => applyEdits(final, e, 128)) });
    fc.assert(
      fc.property(diagnosticsText, finalBytes, (text, npy) => {
        counts.tried++;
        const problem = runFolderProblem(new TextDecoder().decode(text), npy);
        if (problem === null) {
          counts.accepted++;
          if (Buffer.compare(text, diagnostics) !== 0 || Buffer.compare(npy, final) !== 0) acceptedEdits.push([text, npy]);
          return true;
        }
        counts.refused++;
        return oneLine(problem);
      }),
      { numRuns: 5000, seed: SEED },
    );
    // What the check lets through must make a report (30 edited folders spread over the run); the
    // command refuses the rest before drawing.
    const stride = Math.max(1, Math.floor(acceptedEdits.length / 30));
    for (const [k, [text, npy]] of acceptedEdits.filter((_, i) => i % stride === 0).slice(0, 30).entries()) {
      const dir = join(workdir, `report-${k}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'diagnostics.json'), text);
      writeFileSync(join(dir, 'final.npy'), npy);
      checkReportFolder(dir);
      expect((await runReportHtml(dir, CLI_FLAGS)).length).toBeGreaterThan(1000);
      counts.rendered++;
    }
    for (const dir of ['', join(workdir, 'missing'), join(run, 'final.npy'), workdir]) {
      expect(() => checkReportFolder(dir)).toThrow(UsageError);
      counts.tried++;
      counts.refused++;
    }
    console.log(`report fuzz: ${counts.tried} run folders, ${counts.refused} refused in one line, ${counts.accepted} accepted (${acceptedEdits.length} of them edited), ${counts.rendered} edited ones rendered`);
    expect(counts.refused).toBeGreaterThan(counts.tried / 2);
    expect(counts.rendered).toBeGreaterThan(0);
  });

  it('resume: edited checkpoint.json and state files are refused with one CheckpointError line', async () => {
    const text = readFileSync(join(run, CHECKPOINT_FILE));
    const stateName = JSON.parse(text.toString('utf8')).state.file as string;
    const state = readFileSync(join(run, stateName));
    const dir = join(workdir, 'checkpoint');
    mkdirSync(dir, { recursive: true });
    const counts = { tried: 0, refused: 0, read: 0 };
    const reference = await readCheckpoint(run);
    const same = (c: typeof reference) =>
      JSON.stringify([c.options, c.record, c.resume, c.snapshots]) === JSON.stringify([reference.options, reference.record, reference.resume, reference.snapshots]) &&
      Buffer.compare(Buffer.from(c.state.buffer), Buffer.from(reference.state.buffer)) === 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 4 }), fc.array(edit, { maxLength: 2 }), fc.boolean(), async (jsonEdits, stateEdits, both) => {
        counts.tried++;
        writeFileSync(join(dir, CHECKPOINT_FILE), applyEdits(text, jsonEdits));
        writeFileSync(join(dir, stateName), applyEdits(state, both ? stateEdits : []));
        try {
          const read = await readCheckpoint(dir);
          counts.read++;
          // Only edits that change no content (white space in the JSON) may pass, and give the checkpoint itself.
          return same(read);
        } catch (e) {
          if (!(e instanceof CheckpointError)) throw e;
          counts.refused++;
          return oneLine(e.message);
        }
      }),
      { numRuns: 1500, seed: SEED },
    );
    console.log(`checkpoint fuzz: ${counts.tried} edited checkpoints, ${counts.refused} refused with one CheckpointError line, ${counts.read} read back equal to the original (unedited or white space only)`);
    expect(counts.refused).toBeGreaterThan(counts.tried / 2);
  });
});

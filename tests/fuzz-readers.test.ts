// Property-based test of every file Landau3D reads back — a folder's manifest, a checkpoint, a run
// record, the study files a report is drawn from, .npy arrays — and of random command lines. Each
// damaged file is read (as the commands do, in this process) and either accepted or refused with
// exit status 2 and one line naming the file; never an "internal error". The command lines run the
// real program: exit status 0, 1 or 2 with at most one line on stderr.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { failureOf } from '../src/cli/exit-status.js';
import { reportFolderKind, reportPage } from '../src/cli/report-command.js';
import { CHECKPOINT_FILE, readCheckpoint } from '../src/io/checkpoint.js';
import { fromExactJson, toExactJson } from '../src/io/exact-json.js';
import { readBackNpy } from '../src/io/read-back.js';
import { checkRunFolder, MANIFEST_FILE } from '../src/io/run-folder-claim.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('fuzz-readers');
const SEED = 30303;
const oneLine = (text: string) => !/[\n\r\u0085\u2028\u2029]/.test(text);

/** The folders damaged below, made by the real commands (tiny sizes). */
const SOURCES = {
  run: ['run', '--scenario', 'bimaxwellian', '--n', '8', '--backend', 'cpu', '--t-end', '0.5', '--dt-out', '0.25', '--checkpoint-every', '0.25', '--allow-unresolved', '--quiet'],
  radial: ['radial', '--t-end', '0.05', '--cells', '16', '--no-extrapolate', '--quiet'],
  sweep: ['sweep', '--delta', '0.1', '--t-star', '0.05', '--n', '0'],
  nonradial: ['nonradial', '--delta', '0.3', '--centres', '1', '--shapes', 'none', '--n', '17', '--t-end', '0.25', '--dt-out', '0.25', '--t-star', '0.25', '--backend', 'cpu'],
  coercivity: ['coercivity', '--n', '6', '--cbar-n', 'none', '--backend', 'cpu', '--allow-unresolved', '--quiet'],
} as const;
type Source = keyof typeof SOURCES;
const folder = (source: Source) => join(workdir, 'source', source);

/** Damage to one file: byte edits, a value of its JSON replaced or removed, or the file made something else. */
type Damage =
  | { kind: 'bytes'; edits: { op: 'flip' | 'truncate' | 'insert' | 'delete'; at: number; byte: number }[] }
  | { kind: 'value'; pick: number; value: unknown }
  | { kind: 'whole'; value: unknown }
  | { kind: 'folder' }
  | { kind: 'empty' };

const jsonish = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(null, '__proto__', 'constructor', 'toString', -1, 0, 1e308, '', [], {}),
  fc.jsonValue({ maxDepth: 2 }),
);
const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bytes' as const), edits: fc.array(fc.record({ op: fc.constantFrom('flip', 'truncate', 'insert', 'delete'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), pick: fc.nat(), value: jsonish }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: jsonish }) },
  { weight: 1, arbitrary: fc.constantFrom<Damage>({ kind: 'folder' }, { kind: 'empty' }) },
);

/** Damage for files that are not JSON (.npy). */
const bytesOnly = damage.filter((d) => d.kind !== 'value' && d.kind !== 'whole');

function editBytes(bytes: Uint8Array, edits: Extract<Damage, { kind: 'bytes' }>['edits']): Uint8Array {
  let out = Buffer.from(bytes);
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length;
    if (e.op === 'flip' && out.length > 0) out[at] = out[at]! ^ (1 << (e.byte % 8));
    else if (e.op === 'truncate') out = out.subarray(0, at);
    else if (e.op === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from([e.byte]), out.subarray(at)]);
    else if (e.op === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + (e.byte % 16))]);
  }
  return out;
}

/** Every path into a JSON value (objects and lists), the root first. */
function paths(x: unknown, at: (string | number)[] = []): (string | number)[][] {
  const inner = x && typeof x === 'object' ? Object.entries(x).flatMap(([k, v]) => paths(v, [...at, Array.isArray(x) ? Number(k) : k])) : [];
  return [at, ...inner];
}

/** JSON with the value at one of its paths replaced (or removed, for undefined). */
function replaceValue(json: unknown, pick: number, value: unknown): unknown {
  const all = paths(json).slice(1);
  if (all.length === 0) return value;
  const path = all[pick % all.length]!;
  const copy = structuredClone(json) as any;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  const last = path[path.length - 1]!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** Writes the damaged version of FILE (relative to the folder DIR); a checkpoint is summed again so that its fields are what is tested. */
function damageFile(dir: string, file: string, d: Damage): void {
  const path = join(dir, file);
  const original = readFileSync(path);
  rmSync(path, { recursive: true, force: true });
  if (d.kind === 'folder') return mkdirSync(path);
  if (d.kind === 'empty') return writeFileSync(path, '');
  if (d.kind === 'bytes') return writeFileSync(path, editBytes(original, d.edits));
  const exact = file === CHECKPOINT_FILE;
  const parsed = exact ? fromExactJson(original.toString('utf8')) : JSON.parse(original.toString('utf8'));
  let json = d.kind === 'whole' ? d.value : replaceValue(parsed, d.pick, d.value);
  if (exact && json && typeof json === 'object' && !Array.isArray(json)) {
    const { checksum: _old, ...body } = json as Record<string, unknown>;
    json = { ...body, checksum: createHash('sha256').update(toExactJson(body)).digest('hex') };
  }
  writeFileSync(path, json === undefined ? '' : exact ? toExactJson(json) : JSON.stringify(json));
}

interface Tally {
  accepted: number;
  refused: number;
}

/** Runs READ; a refusal must be what the command line would print with exit status 2, one line naming NAME (the file or its folder). */
async function expectReadOrRefused(read: () => Promise<unknown>, name: string, tally: Tally): Promise<boolean> {
  try {
    await read();
    tally.accepted++;
    return true;
  } catch (err) {
    const { status, line } = failureOf(err);
    tally.refused++;
    expect(line, String((err as Error).stack)).not.toMatch(/internal error/);
    expect(status).toBe(2);
    expect(oneLine(line)).toBe(true);
    expect(line).toContain(name);
    return false;
  }
}

/** A fresh copy of a source folder to damage. */
let copies = 0;
function copyOf(source: Source): string {
  const dir = join(workdir, 'damaged', `${source}-${copies++}`);
  cpSync(folder(source), dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  const made = await Promise.all(Object.entries(SOURCES).map(([source, args]) => landau3d([...args, '--out', folder(source as Source)])));
  for (const r of made) expect(r.code, r.stderr).toBe(0);
}, 60_000);

describe('every file read back, damaged', () => {
  const RUNS = 60;

  it('the manifest of a folder replaced under --force: accepted, or refused in one line naming it', async () => {
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const dir = copyOf('sweep');
        damageFile(dir, MANIFEST_FILE, d);
        await expectReadOrRefused(() => checkRunFolder(dir, true, 'sweep'), basename(dir), tally);
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
    expect(tally.refused).toBeGreaterThan(0);
    // Exactly the cases the manifest names no known kind in are refused.
    for (const kind of ['__proto__', 'constructor', 'toString']) {
      const dir = copyOf('sweep');
      writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ kind }));
      await expect(checkRunFolder(dir, true, 'sweep')).rejects.toThrow(`names no kind of Landau3D folder (${kind})`);
    }
  });

  it('a checkpoint (summed again after each edit) and its state: read whole and consistent, or refused in one line', async () => {
    const tally = { accepted: 0, refused: 0 };
    const state = JSON.parse(readFileSync(join(folder('run'), CHECKPOINT_FILE), 'utf8')).state.file as string;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.tuple(damage, fc.constant(CHECKPOINT_FILE)), fc.tuple(bytesOnly, fc.constant(state))), async ([d, file]) => {
        const dir = copyOf('run');
        damageFile(dir, file, d);
        await expectReadOrRefused(
          async () => {
            const checkpoint = await readCheckpoint(dir);
            // What resume builds from it: the grid of the options holds the state.
            expect(checkpoint.state.length).toBe((checkpoint.options.n as number) ** 3);
          },
          basename(dir),
          tally,
        );
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
    expect(tally.refused).toBeGreaterThan(0);
  });

  const reportCases: [Source, string][] = [
    ['sweep', 'sweep.json'],
    ['nonradial', 'nonradial.json'],
    ['radial', 'diagnostics.json'],
    ['radial', 'final.npy'],
    ['coercivity', 'coercivity.json'],
    ['run', 'diagnostics.json'],
  ];
  for (const [source, file] of reportCases) {
    it(`report on a ${source} folder with a damaged ${file}: a page, or refused in one line`, async () => {
      const tally = { accepted: 0, refused: 0 };
      const npy = file.endsWith('.npy');
      await fc.assert(
        fc.asyncProperty(npy ? bytesOnly : damage, async (d) => {
          const dir = copyOf(source);
          damageFile(dir, file, d);
          await expectReadOrRefused(async () => expect((await reportPage(dir, reportFolderKind(dir))).length).toBeGreaterThan(500), basename(dir), tally);
        }),
        { numRuns: source === 'run' ? RUNS / 3 : RUNS, seed: SEED },
      );
      expect(tally.refused).toBeGreaterThan(0);
    });
  }

  it('a radial final.npy read back alone: an array, or refused in one line naming it', async () => {
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(damage.filter((d) => d.kind === 'bytes'), async (d) => {
        const dir = copyOf('radial');
        damageFile(dir, 'final.npy', d);
        await expectReadOrRefused(async () => readBackNpy(join(dir, 'final.npy')), 'final.npy', tally);
      }),
      { numRuns: RUNS * 3, seed: SEED },
    );
    expect(tally.refused).toBeGreaterThan(0);
  });
});

describe('random command lines', () => {
  const token = fc.oneof(
    fc.constantFrom('--force', '--quiet', '--n', '8', '4', '0', '-1', '1e999', 'NaN', '--t-end', '0.01', '--backend', 'cpu', 'gpu', '--out', '--delta', '--bump-center', '1,,0', '--dry-run', '--help', '--', '=', ''),
    fc.constantFrom<Source>('run', 'radial', 'sweep').map((s) => join(workdir, 'damaged', `cli-${s}`)),
    fc.string({ maxLength: 8 }),
  );
  const line = fc.tuple(fc.constantFrom('run', 'resume', 'report', 'radial', 'sweep', 'frobnicate', '--version', ''), fc.array(token, { minLength: 1, maxLength: 5 }));

  it('end with status 0, 1 or 2 and at most one line on stderr, never an internal error', async () => {
    // Folders the lines may name: damaged copies of a run, a radial and a sweep folder.
    for (const source of ['run', 'radial', 'sweep'] as const) {
      const dir = join(workdir, 'damaged', `cli-${source}`);
      cpSync(folder(source), dir, { recursive: true });
      writeFileSync(join(dir, source === 'sweep' ? 'sweep.json' : 'final.npy'), '{"cut');
    }
    const lines = fc.sample(line, { numRuns: 8, seed: SEED });
    // Small work only: a run or study that the line makes valid is kept to N = 8, a short time and its own folder.
    const argv = lines.map(([command, rest], k) =>
      ['run', 'radial', 'sweep'].includes(command) ? [command, '--n', '8', '--t-end', '0.01', '--backend', 'cpu', '--out', join(workdir, 'cli-out', String(k)), ...rest.filter((t) => t !== '--out')] : [command, ...rest].filter((t) => t !== ''),
    );
    const results = [];
    for (let k = 0; k < argv.length; k += 4) results.push(...(await Promise.all(argv.slice(k, k + 4).map((a) => landau3d(a)))));
    for (const [k, r] of results.entries()) {
      const what = argv[k]!.join(' ');
      expect([0, 1, 2], what).toContain(r.code);
      expect(r.stderr, what).not.toMatch(/internal error|    at /);
      if (r.code !== 0 && !argv[k]!.includes('--help')) expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
    }
  }, 60_000);
});

// Property-based fuzzing of the command-line options of every command: malformed text (NaN, ±Inf,
// hex, empty, junk, control characters), wrong types and out-of-range numbers must be refused with
// one UsageError line naming the option, and in-range decimal numbers accepted as written. The
// parsers are fuzzed as library functions (thousands of inputs); a sample goes through the real
// command line (exit status 2, one line on stderr, no stack trace, no output folder).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGrazingOptions } from '../src/cli/grazing-command.js';
import { QUADRATURES } from '../src/studies/grazing/operators.js';
import { PROFILE_NAMES } from '../src/studies/grazing/potentials.js';
import { TEST_FUNCTIONS } from '../src/studies/grazing/test-functions.js';
import { RADIAL_SCENARIOS } from '../src/diagnostics/radial-reference.js';
import { BACKENDS, CONV_CHOICES } from '../src/backends/node/create-operator-node.js';
import { SCENARIOS } from '../src/scenarios/scenario-params.js';
import { UsageError, type RawOptions } from '../src/cli/option-values.js';
import { parseRadialOptions } from '../src/cli/radial-command.js';
import { checkReportFolder } from '../src/cli/report-command.js';
import { parseResumeOptions } from '../src/cli/resume-command.js';
import { parseRunOptions } from '../src/cli/run-options.js';
import { parseSweepOptions } from '../src/cli/sweep-command.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('fuzz-options');
const OUT = join(workdir, 'never-created');
const SEED = 424242;

/** The documented notation: decimal, optionally signed, with an optional exponent; white space around is allowed. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const asNumber = (text: string): number | null => {
  const t = text.trim();
  return DECIMAL.test(t) && Number.isFinite(Number(t)) ? Number(t) : null;
};

interface Command {
  name: string;
  /** The library parser, given raw options (and for resume/report the folder). */
  parse: (raw: RawOptions) => unknown;
  base: RawOptions;
  /** The command line before the fuzzed option. */
  argv: string[];
}

interface NumericOption {
  command: Command;
  key: string;
  flag: string;
  /** The documented range, written here independently of the parser; none: only malformed text is tried. */
  valid?: (x: number) => boolean;
  /** Where the parsed value is found in the parser's result. */
  read?: (parsed: any) => number;
}

const resumeDir = join(workdir, 'no-run-here');
const COMMANDS: Record<string, Command> = {
  run: { name: 'run', parse: parseRunOptions, base: { out: OUT }, argv: ['run', '--out', OUT] },
  radial: { name: 'radial', parse: parseRadialOptions, base: { out: OUT }, argv: ['radial', '--out', OUT] },
  sweep: { name: 'sweep', parse: parseSweepOptions, base: { out: OUT }, argv: ['sweep', '--out', OUT] },
  grazing: { name: 'grazing', parse: parseGrazingOptions, base: { s: '0.5', out: OUT }, argv: ['grazing', '--out', OUT, '--s', '0.5'] },
  resume: { name: 'resume', parse: (raw) => parseResumeOptions(resumeDir, raw), base: {}, argv: ['resume', resumeDir] },
};

const range = (lo: number, hi: number, open: 'none' | 'lo' | 'hi' | 'both' = 'none') => (x: number) =>
  (open === 'lo' || open === 'both' ? x > lo : x >= lo) && (open === 'hi' || open === 'both' ? x < hi : x <= hi);
const integer = (lo: number, hi: number) => (x: number) => Number.isInteger(x) && x >= lo && x <= hi;
/** With the default t-end 1, at most 100000 outputs. */
const dtOut = (x: number) => x > 0 && 1 / x <= 100000;

const { run, radial, sweep, grazing, resume } = COMMANDS;
const OPTIONS: NumericOption[] = [
  { command: run, key: 'n', flag: '--n', valid: integer(4, 512), read: (o) => o.n },
  { command: run, key: 'L', flag: '--L', valid: range(1, 100), read: (o) => o.L },
  { command: run, key: 'tEnd', flag: '--t-end', valid: range(0, 1e6), read: (o) => o.tEnd },
  { command: run, key: 'dtOut', flag: '--dt-out', valid: dtOut, read: (o) => o.dtOut },
  { command: run, key: 'cfl', flag: '--cfl', valid: range(0, 1, 'lo'), read: (o) => o.cfl },
  { command: run, key: 'rateTol', flag: '--rate-tol', valid: range(0, 1, 'lo'), read: (o) => o.rateTol },
  { command: run, key: 'rw', flag: '--rw', valid: range(0, 100, 'lo'), read: (o) => o.rw },
  { command: run, key: 'delta', flag: '--delta', valid: range(0, 1, 'both'), read: (o) => o.params.delta },
  { command: run, key: 'alpha', flag: '--alpha', valid: range(0, 10, 'lo'), read: (o) => o.params.alpha },
  { command: run, key: 'tPar', flag: '--t-par', valid: range(0.05, 20), read: (o) => o.params.tPar },
  { command: run, key: 'tPerp', flag: '--t-perp', valid: range(0.05, 20), read: (o) => o.params.tPerp },
  { command: run, key: 'shift', flag: '--shift', valid: range(0, 10), read: (o) => o.params.shift },
  { command: run, key: 'checkpointEvery', flag: '--checkpoint-every', valid: range(0, 1e6, 'lo'), read: (o) => o.checkpointEvery },
  // Options whose ranges belong to other features: only malformed text is tried.
  { command: run, key: 'gamma', flag: '--gamma' },
  { command: run, key: 'epsF2', flag: '--eps-f2' },
  { command: run, key: 't0', flag: '--t0' },
  { command: run, key: 'fMax', flag: '--f-max' },
  { command: radial, key: 'tEnd', flag: '--t-end', valid: range(0, 1e6), read: (o) => o.tEnd },
  { command: radial, key: 'dtOut', flag: '--dt-out', valid: dtOut, read: (o) => o.dtOut },
  { command: radial, key: 'delta', flag: '--delta', valid: range(0, 1, 'both'), read: (o) => o.params.delta },
  { command: radial, key: 'alpha', flag: '--alpha', valid: range(0, 10, 'lo'), read: (o) => o.params.alpha },
  { command: radial, key: 'cells', flag: '--cells', valid: integer(16, 100000), read: (o) => o.cells },
  { command: radial, key: 'R', flag: '--R', valid: range(4, 100), read: (o) => o.R },
  { command: radial, key: 'rtol', flag: '--rtol', valid: range(1e-12, 0.1), read: (o) => o.rtol },
  { command: radial, key: 'rw', flag: '--rw', valid: range(0, 10, 'lo'), read: (o) => o.rw },
  { command: sweep, key: 'alpha', flag: '--alpha', valid: range(0, 10, 'lo'), read: (o) => o.alpha },
  { command: sweep, key: 'tStar', flag: '--t-star', valid: range(0, 100, 'lo'), read: (o) => o.tStar },
  { command: sweep, key: 'n', flag: '--n', valid: (x) => x === 0 || integer(8, 128)(x), read: (o) => o.n },
  { command: sweep, key: 'L', flag: '--L', valid: range(1, 100), read: (o) => o.L },
  { command: sweep, key: 'rw', flag: '--rw', valid: range(0, 10, 'lo'), read: (o) => o.rw },
  { command: sweep, key: 'delta', flag: '--delta', valid: range(0, 1, 'both'), read: (o) => o.deltas[0] },
  { command: grazing, key: 's', flag: '--s', valid: range(0, 4), read: (o) => o.s },
  { command: grazing, key: 'eps', flag: '--eps', valid: range(1e-8, 0.5), read: (o) => o.eps[0] },
  { command: resume, key: 'tEnd', flag: '--t-end', valid: range(0, 1e6), read: (o) => o.tEnd },
];

// ---------------------------------------------------------------------------------------------
// Generators

/** Text that is not a finite decimal number. */
const malformed = fc
  .oneof(
    fc.constantFrom(
      '', ' ', '\t', '\n', 'NaN', 'nan', '-NaN', 'Infinity', '-Infinity', '+Infinity', 'inf', '∞', '1e400', '-1e400', '1e309',
      '0x10', '0X1f', '-0x1', '0b101', '0o17', '0x', '1_000', '1,5', '1..2', '--1', '+-1', '-+1', 'e5', '1e', '1e+', '1e-', '.', '-', '+',
      '.e1', '١٢', '１２', 'true', 'false', 'null', 'undefined', '[]', '{}', '[1]', '1 2', '1e3.5', '12abc', 'abc', '0.5%', '½', '1/2',
      '\u00a0', '\u0000', '1\u00002', '12\n3', '\u2028', '1e\u2212' + '3', '\u22121',
    ),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.double().map((x) => `${x}x`),
    fc.integer({ min: 0, max: 0xffff }).map((x) => `0x${x.toString(16)}`),
    fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ minLength: 1, maxLength: 3 })).map(([x, junk]) => `${junk}${x}`),
    fc.string({ minLength: 300, maxLength: 2000 }),
  )
  .filter((text) => asNumber(text) === null);

/** Numbers near the edges of every documented range, and anywhere. */
const interesting = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.05, 0.1, 0.5, 4, 8, 10, 16, 20, 100, 128, 512, 1e5, 1e-5, 1e6, 1e-8, 1e-12, 1e-300, 5e-324, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2),
  fc.constantFrom(0, 0.05, 1, 4, 8, 10, 16, 20, 100, 128, 512, 1e-8, 1e-12, 0.1, 0.5, 1e5, 1e6).chain((edge) =>
    fc.constantFrom(edge * (1 - 1e-15), edge * (1 + 1e-15), edge - 1e-9, edge + 1e-9, edge - 1, edge + 1, -edge),
  ),
  fc.integer({ min: -1000, max: 200000 }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** How a number may be written in decimal: plain, exponent, fixed, padded, signed. */
const written = fc
  .tuple(interesting, fc.nat(20), fc.constantFrom('string', 'exponential', 'precision', 'fixed'), fc.constantFrom('', ' ', '\t', '\n'), fc.boolean(), fc.boolean())
  .map(([x, digits, style, space, plus, zeros]) => {
    let text =
      style === 'exponential' ? x.toExponential(digits) : style === 'precision' ? x.toPrecision(digits + 1) : style === 'fixed' && Math.abs(x) < 1e21 ? x.toFixed(digits) : String(x);
    if (zeros && /^\d/.test(text)) text = `00${text}`;
    if (plus && !text.startsWith('-')) text = `+${text}`;
    return `${space}${text}${space}`;
  })
  .filter((text) => asNumber(text) !== null);

/** Values commander never hands over for an option with a value, but a library caller could. */
const wrongType = fc.constantFrom<unknown>(true, false, 0, 1, null, {}, [], ['1']);

// ---------------------------------------------------------------------------------------------
// The properties

const tally = { library: 0, rejected: 0, accepted: 0 };

/** Runs a parser; returns the UsageError message, or null when it accepted. Any other exception fails the test. */
function outcome(parse: () => unknown): { message: string | null; parsed?: unknown } {
  tally.library++;
  try {
    const parsed = parse();
    tally.accepted++;
    return { message: null, parsed };
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    tally.rejected++;
    return { message: err.message };
  }
}

/** One clear line: names the option, no line break of any kind, not a wall of text. */
function clearLine(message: string | null, flag: string): boolean {
  return message !== null && message.includes(flag) && !/[\n\r\u0085\u2028\u2029]/.test(message) && message.length <= 400;
}

describe('option parsers (library), fuzzed', () => {
  for (const option of OPTIONS) {
    const { command, key, flag } = option;

    it(`${command.name} ${flag}: malformed text and wrong types are refused, naming ${flag}`, () => {
      fc.assert(
        fc.property(fc.oneof({ weight: 6, arbitrary: malformed }, { weight: 1, arbitrary: wrongType }), (value) => {
          const { message } = outcome(() => command.parse({ ...command.base, [key]: value as string }));
          return clearLine(message, flag);
        }),
        { numRuns: 1000, seed: SEED },
      );
    });

    if (option.valid) {
      const valid = option.valid;
      it(`${command.name} ${flag}: decimal numbers are accepted exactly when in range`, () => {
        fc.assert(
          fc.property(written, (text) => {
            const x = asNumber(text)!;
            const { message, parsed } = outcome(() => command.parse({ ...command.base, [key]: text }));
            if (valid(x)) return message === null && Object.is(option.read!(parsed), x);
            return clearLine(message, flag);
          }),
          { numRuns: 1000, seed: SEED },
        );
      });
    }
  }

  it('lists (sweep --delta, grazing --eps): every element is checked, each refusal names the option', () => {
    const element = fc.oneof(written, malformed.filter((t) => !t.includes(',')));
    fc.assert(
      fc.property(fc.array(element, { minLength: 1, maxLength: 14 }), fc.constantFrom('sweep', 'grazing'), (parts, which) => {
        const text = parts.join(',');
        if (which === 'sweep') {
          // An empty field (1,,2 or a trailing comma) is refused, not dropped.
          const ok = parts.every((p) => asNumber(p) !== null && asNumber(p)! > 0 && asNumber(p)! < 1);
          const { message, parsed } = outcome(() => parseSweepOptions({ out: OUT, delta: text }));
          if (ok) return message === null && (parsed as { deltas: number[] }).deltas.every((d, i) => Object.is(d, asNumber(parts[i]!)));
          return clearLine(message, '--delta');
        }
        const values = parts.map(asNumber);
        const ok = parts.length <= 12 && values.every((x) => x !== null && x >= 1e-8 && x <= 0.5) && new Set(values).size === values.length;
        const { message } = outcome(() => parseGrazingOptions({ s: '0.5', out: OUT, eps: text }));
        return ok ? message === null : clearLine(message, '--eps');
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it('choices, names, expressions and folders: anything outside the list is refused, naming the option', () => {
    const word = fc.oneof(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('', ' ', 'GPU', 'Cpu', 'auto ', 'fft\n', 'x\u0000'));
    // The lists of choices are the definitions themselves.
    const cases: [(v: string) => RawOptions, (raw: RawOptions) => unknown, string, readonly string[]][] = [
      [(v) => ({ out: OUT, scenario: v }), parseRunOptions, '--scenario', SCENARIOS],
      [(v) => ({ out: OUT, backend: v }), parseRunOptions, '--backend', BACKENDS],
      [(v) => ({ out: OUT, conv: v }), parseRunOptions, '--conv', CONV_CHOICES],
      [(v) => ({ out: OUT, scenario: 'bimaxwellian', axis: v }), parseRunOptions, '--axis', ['x', 'y', 'z']],
      [(v) => ({ out: OUT, scenario: v }), parseRadialOptions, '--scenario', RADIAL_SCENARIOS],
      [(v) => ({ out: OUT, backend: v }), parseSweepOptions, '--backend', BACKENDS],
      [(v) => ({ s: '0.5', out: OUT, potential: v }), parseGrazingOptions, '--potential', [...PROFILE_NAMES, 'custom']],
      [(v) => ({ s: '0.5', out: OUT, psi: v }), parseGrazingOptions, '--psi', Object.keys(TEST_FUNCTIONS)],
      [(v) => ({ s: '0.5', out: OUT, quadrature: v }), parseGrazingOptions, '--quadrature', Object.keys(QUADRATURES)],
    ];
    for (const [raw, parse, flag, allowed] of cases) {
      fc.assert(
        fc.property(word, (v) => {
          const { message } = outcome(() => parse(raw(v)));
          return allowed.includes(v) ? true : clearLine(message, flag);
        }),
        { numRuns: 300, seed: SEED },
      );
    }
    // --phi: any text either compiles to a potential of Assumption 2.1 or is refused in one line.
    const expression = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.array(fc.constantFrom('r', '1', '2', '0.5', 'pi', 'e', '+', '-', '*', '/', '^', '**', '(', ')', ',', 'sqrt', 'exp', 'log', 'pow', 'min', ' '), { maxLength: 30 }).map((t) => t.join('')),
      fc.nat(3000).map((k) => `${'('.repeat(k)}r${')'.repeat(k)}`),
      fc.nat(3000).map((k) => `${'r+'.repeat(k)}r`),
      fc.constantFrom('(1-r)^2', '(1-r)^2/sqrt(r)', '1/0', 'r^-1', 'log(0)', 'exp(1000)', '0', '-r', '(1-r)^2/r'),
    );
    fc.assert(
      fc.property(expression, fc.constantFrom('0', '0.5', '1', '2'), (phi, s) => {
        const { message } = outcome(() => parseGrazingOptions({ s, out: OUT, potential: 'custom', phi }));
        return message === null || clearLine(message, '--phi');
      }),
      { numRuns: 1500, seed: SEED },
    );
    // Output folders and run folders: empty, a file, a missing folder.
    const file = join(workdir, 'a-file');
    writeFileSync(file, 'a file where a folder is expected');
    for (const out of ['', ' ', file]) {
      for (const parse of [parseRunOptions, parseRadialOptions, parseSweepOptions]) expect(clearLine(outcome(() => parse({ out })).message, '--out')).toBe(true);
      expect(clearLine(outcome(() => parseGrazingOptions({ s: '0.5', out })).message, '--out')).toBe(true);
    }
    for (const dir of ['', file]) expect(outcome(() => parseResumeOptions(dir, {})).message).toMatch(/resume needs DIR|is not a folder/);
    for (const dir of ['', ' ', file, join(workdir, 'missing'), workdir]) expect(outcome(() => checkReportFolder(dir)).message).toMatch(/report needs DIR|has no (diagnostics\.json|final\.npy)/);
  });

  it('writes nothing', () => {
    expect(existsSync(OUT)).toBe(false);
    console.log(`option fuzz (library): ${tally.library} inputs, ${tally.rejected} refused with one UsageError line naming the option, ${tally.accepted} accepted (each an in-range decimal number or a listed choice); no other exception`);
  });
});

describe('the command line, a fuzzed sample', () => {
  it('refuses each bad value with exit status 2, one line on stderr naming the option, no stack trace, no folder', async () => {
    // Values an argument vector can carry (no NUL), refused by the documented ranges or notation.
    const bad = (o: NumericOption) => {
      const valid = o.valid;
      return (valid ? fc.oneof(malformed, written.filter((t) => !valid(asNumber(t)!))) : malformed).filter((t) => !t.includes('\u0000'));
    };
    const picks = fc.sample(fc.constantFrom(...OPTIONS).chain((o) => bad(o).map((value) => ({ o, value }))), { numRuns: 36, seed: SEED });
    const cases: { args: string[]; out: string; names: string }[] = picks.map(({ o, value }, k) => {
      const out = join(workdir, `cli-${k}`);
      const argv = o.command.argv.map((a) => (a === OUT ? out : a));
      return { args: [...argv, `${o.flag}=${value}`], out, names: o.flag };
    });
    // What the parser of the command line itself refuses: unknown options, missing values, bad choices, extra words.
    const parserCases: [string[], string][] = [
      [['run', '--bogus', '3'], '--bogus'],
      [['run', '--n'], '--n'],
      [['run', '--backend=cuda'], '--backend'],
      [['run', '--quiet=yes'], '--quiet'],
      [['run', 'extra'], 'run'],
      [['radial', '--scenario=vortex'], '--scenario'],
      [['grazing', '--s=0.5', '--phi=' + '('.repeat(5000) + 'r' + ')'.repeat(5000)], '--phi'],
      [['resume', join(workdir, 'cli-resume'), '--t-end=-1'], '--t-end'],
      [['report', join(workdir, 'cli-report')], 'cli-report'],
    ];
    parserCases.forEach(([args, names], k) => {
      const out = join(workdir, `cli-parser-${k}`);
      cases.push({ args: args[0] === 'resume' || args[0] === 'report' ? args : [args[0]!, '--out', out, ...args.slice(1)], out, names });
    });
    const results: string[] = [];
    for (let k = 0; k < cases.length; k += 3) {
      await Promise.all(
        cases.slice(k, k + 3).map(async ({ args, out, names }) => {
          const r = await landau3d(args);
          const lines = r.stderr.trim().split('\n');
          const what = `${args.join(' ').slice(0, 120)} → ${r.code}: ${r.stderr.slice(0, 200)}`;
          expect(r.code, what).toBe(2);
          expect(lines, what).toHaveLength(1);
          expect(lines[0], what).toMatch(/^landau3d: /);
          expect(r.stderr, what).toContain(names);
          expect(r.stderr, what).not.toMatch(/internal error|    at /);
          expect(existsSync(out), what).toBe(false);
          results.push(lines[0]!);
        }),
      );
    }
    console.log(`option fuzz (command line): ${results.length} invocations, all exit status 2 with one line naming the option, e.g.\n  ${results.slice(0, 4).join('\n  ')}`);
  });
});

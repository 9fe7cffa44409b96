// Library errors state their problem with the options they mention kept as data, and each front end
// words those: the CLI as its flags, the demo as its controls. So no text below src/cli names a
// command-line flag, and a library error the demo shows reads in the demo's terms.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { Grid } from '../src/core/grid/grid.js';
import { UserInputError, WordedError } from '../src/core/errors/user-input-error.js';
import { advanceChecked, SimulationError } from '../src/solver/checked-advance.js';
import { scenario } from '../src/scenarios/catalogue.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { cliMessage, flagOf } from '../src/cli/option-flags.js';
import { failureOf } from '../src/cli/exit-status.js';
import { demoMessage } from '../web/option-names.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const CLI = join(SRC, 'cli');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The flags the command line declares: every '--name' its sources spell. */
function cliFlags(): Set<string> {
  const flags = sources(CLI).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"`](--[a-zA-Z][\w-]*)/g)].map((m) => m[1]!));
  return new Set(flags);
}

/** The text of every string literal and template piece of a TypeScript file (comments are not read). */
function stringLiterals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

/** 'file:line: text' for each string literal of `files` that names one of `flags`. */
function flagNamesIn(files: string[], flags: Set<string>): string[] {
  return files.flatMap((file) =>
    stringLiterals(file)
      .filter(({ text }) => [...text.matchAll(/--[a-zA-Z][\w-]*/g)].some((m) => flags.has(m[0])))
      .map(({ line, text }) => `${relative(SRC, file)}:${line}: ${text}`),
  );
}

describe('flag names', () => {
  it('the command line declares its flags, and the scan finds them in string literals (not in comments)', () => {
    const flags = cliFlags();
    for (const flag of ['--cfl', '--n', '--L', '--conv', '--out', '--force', '--eps-f2', '--max-buffer-mib']) expect(flags.has(flag)).toBe(true);
    const probe = join(CLI, 'option-flags.ts');
    // Its comment spells --t-end; its two literals are the irregular flags.
    expect(flagNamesIn([probe], flags).map((hit) => hit.split(': ')[1])).toEqual(['--L', '--gradient-order']);
    expect(flagNamesIn([join(SRC, 'io', 'run-folder-claim.ts')], flags)).toEqual([]);
  });

  it('appear in no string literal of src/ outside src/cli: library messages mention options as data', () => {
    const library = sources(SRC).filter((file) => !file.startsWith(CLI + '/'));
    expect(library.length).toBeGreaterThan(100);
    expect(flagNamesIn(library, cliFlags())).toEqual([]);
  });

  it('the CLI words an option key as its flag', () => {
    expect([flagOf('cfl'), flagOf('rateTol'), flagOf('maxBufferMib'), flagOf('L'), flagOf('gradient'), flagOf('tEnd')]).toEqual(['--cfl', '--rate-tol', '--max-buffer-mib', '--L', '--gradient-order', '--t-end']);
  });
});

describe('a library error in the demo', () => {
  /** The failure of a checked stretch from a state holding NaN, as the demo's time loop meets it. */
  async function nonFiniteFailure(): Promise<unknown> {
    const grid = new Grid({ n: 8, L: 6 });
    const op = new CpuLandauOperator(grid);
    const state = scenario('maxwellian').initialState(grid, DEFAULT_SCENARIO_PARAMS);
    state[100] = NaN;
    op.setState(state);
    return advanceChecked(op, { t: 0, step: 0, state }, 1e-3, (dt) => ({ dt, steps: 1 }), { cfl: 0.5, batchSteps: 1 }).then(
      () => null,
      (err: unknown) => err,
    );
  }

  it('is worded with the demo’s controls, and on the command line with the flags', async () => {
    const err = await nonFiniteFailure();
    expect(err).toBeInstanceOf(SimulationError);
    expect((err as WordedError).remedy).toEqual([{ option: 'cfl', change: 'lower' }, { option: 'n', change: 'raise' }]);
    const demo = demoMessage(err);
    expect(demo).toMatch(/lower the CFL number \(fixed in the demo\) or raise N\. The last good state/);
    expect(demo).not.toMatch(/--[a-z]/i);
    expect(cliMessage(err)).toMatch(/dt is too large, or the input holds NaN\/Inf; lower --cfl or raise --n\. The last good state \(t = 0, step 0\) is kept\.$/);
  });
});

describe('the exit status of an error', () => {
  it('2 for a UserInputError, worded with flags; a RangeError of the program is internal (1)', () => {
    expect(failureOf(new UserInputError(['use ', { option: 'conv', value: 'fft' }, ' for N = 64']))).toEqual({ status: 2, line: 'landau3d: use --conv fft for N = 64' });
    expect(failureOf(new RangeError('FFT extent 9 is outside 1 … 8'))).toEqual({ status: 1, line: 'landau3d: internal error: FFT extent 9 is outside 1 … 8' });
  });
});

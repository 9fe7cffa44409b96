// Messages that lead: a list given with spaces, an option in the wrong case, a grid the guard chose
// that the memory cannot hold (why N is that large, what else there is), data finer than the
// largest grid, a report of a folder that does not exist — each one line naming the fix.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { InsufficientMemoryError } from '../src/backends/cpu/memory-plan.js';
import { GridTooLargeError } from '../src/backends/gpu/memory-plan.js';
import { checkArgumentHints } from '../src/cli/argument-hints.js';
import { defaultN } from '../src/cli/default-grid.js';
import { beyondLargestGrid, explainChosenGrid, smallestDeltaResolvedBy } from '../src/cli/grid-advice.js';
import { registerReportCommand } from '../src/cli/report-command.js';
import { registerRunCommand } from '../src/cli/run-command.js';
import { registerSweepCommand } from '../src/cli/sweep-command.js';
import { UsageError } from '../src/cli/option-values.js';
import { scenarioResolution, scenarioResolutionRecord, separableTerms } from '../src/scenarios/resolution.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('cli-hints');

function program(): Command {
  const p = new Command('landau3d');
  registerRunCommand(p);
  registerSweepCommand(p);
  registerReportCommand(p);
  return p;
}

const hint = (args: string[]) => {
  try {
    checkArgumentHints(program(), args);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
};

describe('argument hints', () => {
  it('a vector given with spaces: the three components separated by commas', () => {
    expect(hint(['run', '--bump-center', '1', '0', '0', '--out', 'x'])).toBe('--bump-center takes one argument: give the three components separated by commas: --bump-center 1,0,0');
    expect(hint(['run', '--bump-center=1', '-2', '0'])).toMatch(/--bump-center 1,-2,0$/);
    expect(hint(['run', '--bump-temps', '1', '2', '3'])).toMatch(/--bump-temps 1,2,3$/);
    expect(hint(['sweep', '--delta', '0.1', '0.01', '--out', 'x'])).toMatch(/give the values separated by commas: --delta 0\.1,0\.01$/);
  });

  it('an option in the wrong case: the right one', () => {
    expect(hint(['run', '--l', '6'])).toBe("unknown option '--l': options are case-sensitive; did you mean --L?");
    expect(hint(['run', '--N', '32'])).toMatch(/did you mean --n\?$/);
    expect(hint(['run', '--T-end=3'])).toMatch(/did you mean --t-end\?$/);
  });

  it('a stray word names itself and what came before it', () => {
    expect(hint(['run', '--threads', '4', '8'])).toBe("unexpected argument '8' after --threads '4': run takes no arguments besides its options (quote a value that holds spaces)");
    expect(hint(['report', 'a', 'b'])).toMatch(/unexpected argument 'b': report takes one argument, DIR/);
  });

  it('says nothing where the arguments are right, or where the parser has its own message', () => {
    for (const args of [
      ['run', '--bump-center', '1,0,0', '--n', '32', '--L', '6', '--out', 'x'],
      ['run', '--bump-center', '-1,0,0', '--out', '--weird-but-a-value'],
      ['report', 'dir'],
      ['run', '--detla', '0.1'],
      ['run', '--', 'x'],
      ['frobnicate', '--N'],
    ]) {
      expect(hint(args), args.join(' ')).toBeNull();
    }
  });
});

describe('a grid the guard chose that the backend cannot hold', () => {
  const p = { ...DEFAULT_SCENARIO_PARAMS, delta: 0.001 };
  const L = 6;
  const grid = new Grid({ n: defaultN('blowdown', p, L), L });
  const record = scenarioResolutionRecord(grid, 'blowdown', p);

  it('says why N is that large, the memory, and the alternatives, with a δ that the largest grid resolves', () => {
    expect(grid.n).toBe(296);
    const err = explainChosenGrid(new InsufficientMemoryError('N = 296 needs 216.9 GiB on the native CPU backend; the largest N that fits is 128', 128), grid, 'blowdown', p, record);
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as Error).message;
    expect(message).toMatch(/^N = 296 is the grid chosen to resolve the bump δ\^α M_δ \(width √δ = 0\.0316\) at L = 6 \(the smallest multiple of 8 that does\), but N = 296 needs 216\.9 GiB/);
    expect(message).toMatch(/or --n 128 --allow-unresolved to run it on the largest grid that fits/);
    const delta = Number(/a larger --delta \(δ ≥ ([\d.e-]+) is resolved at N ≤ 128\)/.exec(message)![1]);
    // The δ offered is resolved at a grid that fits, and it is the smallest such (to its two digits).
    expect(defaultN('blowdown', { ...p, delta }, L)).toBeLessThanOrEqual(128);
    const below = delta - 10 ** (Math.floor(Math.log10(delta)) - 1);
    expect(defaultN('blowdown', { ...p, delta: below }, L)).toBeGreaterThan(128);
  });

  it('the same for a GPU that cannot hold the buffers', () => {
    const err = explainChosenGrid(new GridTooLargeError('grid too large for this GPU: N = 296 (fft): the largest N that fits is 256', 256), grid, 'blowdown', p, record);
    expect((err as Error).message).toMatch(/but this GPU cannot hold it: N = 296 .*; instead give a larger --delta \(δ ≥ [\d.]+ is resolved at N ≤ 256\), or --n 256 --allow-unresolved/);
  });

  it('leaves other errors alone', () => {
    const other = new Error('disk on fire');
    expect(explainChosenGrid(other, grid, 'blowdown', p, record)).toBe(other);
  });

  it('offers no δ for scenarios without one', () => {
    expect(smallestDeltaResolvedBy('bimaxwellian', DEFAULT_SCENARIO_PARAMS, 6, 64)).toBeNull();
  });
});

describe('data no grid up to N = 512 resolves', () => {
  it('a bump finer than the largest grid: the N it needs, not the box', () => {
    const p = { ...DEFAULT_SCENARIO_PARAMS, delta: 0.0003 };
    const text = beyondLargestGrid('blowdown', p, 6);
    const needed = Number(/it needs N ≈ (\d+) \(h = [\d.]+\), beyond the largest grid N = 512/.exec(text)![1]);
    const resolves = (n: number) => scenarioResolution(new Grid({ n, L: 6 }), separableTerms('blowdown', p)).resolved;
    expect(resolves(needed)).toBe(true);
    expect(resolves(needed - 1)).toBe(false);
    expect(text).toMatch(/give a larger --delta \(δ ≥ [\d.]+ is resolved at N ≤ 512\)$/);
    expect(text).not.toMatch(/box/);
  });

  it('a box that cuts the tails: enlarge --L', () => {
    expect(beyondLargestGrid('bimaxwellian', DEFAULT_SCENARIO_PARAMS, 1)).toMatch(/the box cuts its tails; enlarge --L/);
  });
});

describe('landau3d end to end', () => {
  it('each mistake in one line, exit status 2, no folder', async () => {
    const out = join(workdir, 'out');
    const file = join(workdir, 'a-file');
    writeFileSync(file, 'x');
    const cases: [string[], RegExp][] = [
      [['run', '--bump-center', '1', '0', '0', '--out', out], /^landau3d: --bump-center takes one argument: give the three components separated by commas: --bump-center 1,0,0$/],
      [['run', '--l', '6', '--out', out], /did you mean --L\?$/],
      [['run', '--detla', '0.1', '--out', out], /^landau3d: unknown option '--detla' \(Did you mean --delta\?\) \(see --help\)$/],
      [['run', '--scenario', 'Maxwellian', '--out', out], /names are lower-case: --scenario maxwellian$/],
      [['run', '--scenario', 'blowdown', '--delta', '0.0003', '--backend', 'cpu', '--t-end', '0', '--out', out], /it needs N ≈ \d+ .* beyond the largest grid N = 512/],
      [['report', join(workdir, 'missing')], /^landau3d: no folder '.*missing': report needs DIR, a folder written by landau3d run/],
      [['report', file], /is a file, not a folder/],
    ];
    const results = await Promise.all(cases.map(([args]) => landau3d(args)));
    results.forEach((r, k) => {
      const [args, message] = cases[k]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(message);
    });
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('--init beside --scenario is refused rather than the scenario ignored', async () => {
    mkdirSync(join(workdir, 'in'), { recursive: true });
    const out = join(workdir, 'out-both');
    const r = await landau3d(['run', '--init', join(workdir, 'in', 'f.npy'), '--scenario', 'maxwellian', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--init gives the initial data, so --scenario 'maxwellian' would be ignored: give one of them/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

// Small faults of the command line: list options with empty fields, options that shape a bump the
// data has not got, --dry-run's verdict in its exit status, no command at all, and a report.html
// that is a folder. Each is refused (or answered) in one line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../src/cli/run-options.js';
import { parseSweepOptions } from '../src/cli/sweep-command.js';
import { UsageError } from '../src/cli/option-values.js';
import { cpuBytes, usableMemory } from '../src/backends/cpu/memory-plan.js';
import { checkInitField } from '../src/cli/init-field.js';
import { Grid } from '../src/core/grid/grid.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('cli-small-faults');
const OUT = join(workdir, 'never-made');

function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('accepted');
}

function expectOneLine(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe('lists of numbers', () => {
  it('with an empty field or a trailing comma are refused, not read with the field dropped', () => {
    for (const text of ['1,,0,0', '1,0,0,', ',1,0,0', '1, ,0']) {
      expect(refusal(() => parseRunOptions({ out: OUT, scenario: 'blowdown', bumpCenter: text }))).toMatch(/--bump-center .* has an empty field; separate the numbers by single commas/);
    }
    expect(refusal(() => parseSweepOptions({ out: OUT, delta: '0.1,0.01,' }))).toMatch(/--delta '0\.1,0\.01,' has an empty field/);
    expect(parseRunOptions({ out: OUT, scenario: 'blowdown', bumpCenter: '1, 0 ,0' }).params.bumpCenter).toEqual([1, 0, 0]);
  });
});

describe('options of a bump', () => {
  it('are refused with data that has none, naming the scenarios that have one', () => {
    expect(refusal(() => parseRunOptions({ out: OUT, scenario: 'bimaxwellian', bumpCenter: '1,0,0' }))).toMatch(/--bump-center shapes a bump, and the bimaxwellian scenario has none; leave it out, or choose --scenario blowdown/);
    expect(refusal(() => parseRunOptions({ out: OUT, init: join(workdir, 'f.npy'), bumpTemps: '1,2,3' }))).toMatch(/--bump-temps shapes a bump, and data from --init has none/);
    expect(parseRunOptions({ out: OUT, scenario: 'blowdown', bumpTemps: '1,2,3' }).params.bumpTemps).toEqual([1, 2, 3]);
  });
});

describe('options and data a backend would ignore or fail on later', () => {
  it('--max-buffer-mib with the CPU backend is refused, not ignored', () => {
    expect(refusal(() => parseRunOptions({ out: OUT, backend: 'cpu', maxBufferMib: '64' }))).toMatch(/--max-buffer-mib caps the buffers of the WGSL backend; it does not apply to --backend cpu/);
  });

  it('--init with F = 1e38 everywhere (inside f32, far off the units) is refused before any backend starts', () => {
    const grid = new Grid({ n: 8, L: 6 });
    expect(refusal(() => checkInitField(grid, new Float64Array(8 ** 3).fill(1e38), 'f.npy'))).toMatch(/^f\.npy: F's mass Σ F h³ is 1\.73e\+41 .* outside 0\.01 … 100/);
  });
});

describe('the command line', () => {
  it('--dry-run tells in its exit status whether the plan fits', async () => {
    const fits = cpuBytes(512) <= usableMemory();
    const r = await landau3d(['run', '--n', '512', '--backend', 'cpu', '--dry-run', '--allow-unresolved', '--out', OUT]);
    expect(r.stdout).toMatch(fits ? /: fits/ : /does not fit/);
    if (fits) expect(r.code).toBe(0);
    else expectOneLine(r, /N = 512 does not fit \(see the plan above\): a run would be refused/);
    // A scenario without a bump takes no bump options unasked (the command line has no defaults for them).
    const small = await landau3d(['run', '--scenario', 'bimaxwellian', '--n', '8', '--backend', 'cpu', '--dry-run', '--allow-unresolved', '--out', OUT]);
    expect(small.code).toBe(0);
    expect(small.stderr).toBe('');
  });

  it('without a command: the commands in one line, exit status 2', async () => {
    const r = await landau3d([]);
    expectOneLine(r, /^landau3d: give a command: run, .* \(landau3d --help describes them\)$/m);
    for (const command of ['resume', 'report', 'sweep', 'nonradial']) expect(r.stderr).toContain(command);
  });

  it('report into a folder whose report.html is a folder: refused in one line, exit status 2', async () => {
    const dir = join(workdir, 'radial');
    expect((await landau3d(['radial', '--t-end', '0.01', '--cells', '16', '--no-extrapolate', '--quiet', '--out', dir])).code).toBe(0);
    mkdirSync(join(dir, 'report.html'));
    expectOneLine(await landau3d(['report', dir]), /report\.html is a folder: report cannot replace it; move it away first/);
  });
});

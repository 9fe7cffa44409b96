// `npm run bench` as documented must not rewrite the measurements committed in bench/results/:
// it writes into a git-ignored folder unless --results-dir says otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESULTS_DIR, resultsFile } from '../bench/results-path.js';

const root = new URL('..', import.meta.url).pathname;
const insideGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root }).status === 0;
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
/** Whether git ignores `path` (exit status 0 of check-ignore). */
const ignored = (path: string) => spawnSync('git', ['check-ignore', '--quiet', '--no-index', relative(root, path)], { cwd: root }).status === 0;
const tracked = (path: string) => git('ls-files', '--', relative(root, path)).trim() !== '';

describe.skipIf(!insideGit)('benchmark results location', () => {
  it('the default folder is ignored by git and holds no committed file', () => {
    expect(ignored(resultsFile('cpu-peer'))).toBe(true);
    expect(git('ls-files', '--', relative(root, DEFAULT_RESULTS_DIR)).trim()).toBe('');
    for (const committed of git('ls-files', '--', 'bench/results').trim().split('\n').filter(Boolean)) {
      const name = committed.replace(/^bench\/results\//, '').replace(/\.json$/, '');
      expect(relative(root, resultsFile(name))).not.toBe(committed);
    }
  });

  it('`npm run bench` with no --results-dir writes an untracked file and leaves bench/results/ as committed', () => {
    // --threads 2 gives the name of a committed native-backend results file, which the old default rewrote.
    const target = resultsFile('cpu-cpu-f64-fft-2-threads');
    const before = existsSync(target) ? readFileSync(target) : null;
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/operator-bench.ts', '--backend', 'cpu', '--conv', 'fft', '--threads', '2', '--n', '8', '--repeats', '1'], { cwd: root, encoding: 'utf8' });
      const written = /^wrote (.+)$/m.exec(out)?.[1];
      expect(written).toBe(target);
      expect(tracked(written!)).toBe(false);
      expect(ignored(written!)).toBe(true);
      expect(git('status', '--porcelain', '--', 'bench/results')).toBe('');
    } finally {
      if (before) writeFileSync(target, before);
      else rmSync(target, { force: true });
    }
  }, 120_000);
});

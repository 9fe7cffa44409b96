// --init reads only regular .npy files of a size a grid can have, and refuses values no backend
// should take: each in one line, exit status 2, no folder, and at once (no endless read of
// /dev/zero, no wait on a FIFO).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { encodeNpy } from '../src/io/npy.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('init-faults');
mkdirSync(workdir, { recursive: true });
const fifo = join(workdir, 'fifo');
if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);

describe('--init that is not a regular file', () => {
  for (const [name, path, message] of [
    ['/dev/zero', '/dev/zero', /not a regular file \(a device or socket\)/],
    ['a FIFO', fifo, /not a regular file \(a FIFO\)/],
    ['a folder', workdir, /not a regular file \(a folder\)/],
  ] as const) {
    it(`${name}: refused at once`, async () => {
      const out = join(workdir, `out-${name.replace(/\W/g, '')}`);
      const r = await landau3d(['run', '--init', path, '--backend', 'cpu', '--t-end', '0', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }, 20_000);
  }
});

describe('a value above the f32 range', () => {
  it('makes a mass far off the units\' scale: refused on any backend before the run, with no folder', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const f = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
    f[(4 * 8 + 4) * 8 + 4] = 1e39;
    const init = join(workdir, 'big.npy');
    writeFileSync(init, encodeNpy(f, [8, 8, 8]));
    const out = join(workdir, 'out-big');
    const r = await landau3d(['run', '--init', init, '--backend', 'cpu', '--t-end', '0', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/F's mass Σ F h³ is 3\.3\de\+39 on the box of --L 6 .* outside 0\.01 … 100/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

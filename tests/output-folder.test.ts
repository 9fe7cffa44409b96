// Output folders that cannot be made or written are refused before any work, in one line with the
// real reason and exit status 2, without hanging (Node's recursive mkdir loops forever on /proc)
// and without leaving folders behind; a run the backend refuses removes the folders it made.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOutputFolder } from '../src/io/output-folder.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('output-folder');
const quickRun = ['run', '--scenario', 'bimaxwellian', '--n', '4', '--t-end', '0.01', '--dt-out', '0.01', '--backend', 'cpu', '--quiet', '--allow-unresolved'];

describe('unusable --out', () => {
  mkdirSync(workdir, { recursive: true });
  const file = join(workdir, 'a-file');
  writeFileSync(file, 'x');
  const dangling = join(workdir, 'dangling');
  if (!existsSync(dangling)) symlinkSync(join(workdir, 'nowhere'), dangling);
  const cases: [string, string, RegExp][] = [
    ['a folder in /proc', '/proc/l3d-out', /cannot create \/proc\/l3d-out: this file system does not take new folders there/],
    ['a folder under /proc/self', '/proc/self/x', /cannot create \/proc\/self\/x/],
    ['a path through a file', join(file, 'sub'), /a part of the path is not a folder|is a file, not a folder/],
    ['a name of 300 characters', join(workdir, 'n'.repeat(300)), /the name is too long/],
    ['a symbolic link to nothing', dangling, /is a symbolic link to nothing/],
  ];
  for (const [name, out, message] of cases) {
    it(`${name}: exit 2, one line naming the reason`, async () => {
      const r = await landau3d([...quickRun, '--out', out]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }, 30_000);
  }

  it('the radial command refuses /proc the same way', async () => {
    const r = await landau3d(['radial', '--t-end', '0.01', '--cells', '16', '--no-extrapolate', '--quiet', '--out', '/proc/l3d-radial']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot create \/proc\/l3d-radial/);
  }, 30_000);
});

describe('folders made for a run that is then refused', () => {
  it('are removed again, parents included', async () => {
    const top = join(workdir, 'refused');
    // The direct CPU reference refuses N = 48 once the folder exists.
    const r = await landau3d(['run', '--scenario', 'maxwellian', '--n', '48', '--backend', 'cpu', '--conv', 'direct', '--t-end', '0', '--out', join(top, 'deeper', 'run')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/direct CPU reference is limited to N ≤ 40/);
    expect(existsSync(top)).toBe(false);
  });

  it('createOutputFolder makes missing parents and abandon() removes only what it made', async () => {
    const keep = join(workdir, 'kept');
    mkdirSync(keep, { recursive: true });
    const folder = await createOutputFolder(join(keep, 'x', 'y'));
    expect(existsSync(join(keep, 'x', 'y'))).toBe(true);
    await folder.abandon();
    expect(existsSync(join(keep, 'x'))).toBe(false);
    expect(existsSync(keep)).toBe(true);
  });
});

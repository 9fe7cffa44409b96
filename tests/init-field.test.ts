// What --init FILE.npy must hold is said where a user looks (--help, the messages), and fields a
// run cannot take are named for what is wrong with them: a cell that is not positive (which one),
// a mass off the units' scale, a field sampled on the node grid linspace(−L, L, N).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { encodeNpy } from '../src/io/npy.js';
import { checkInitField, fieldMass } from '../src/cli/init-field.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('init-field');
const L = 6;

/** A Maxwellian of this density sampled at the cell centres (what --init expects). */
function centred(n: number, density = 1): Float64Array {
  return new Grid({ n, L }).sample((x, y, z) => density * maxwellian(x * x + y * y + z * z));
}

/** The same Maxwellian sampled on the nodes linspace(−L, L, N), as np.meshgrid(..., indexing='ij') of them gives. */
function onNodes(n: number): Float64Array {
  const node = (i: number) => -L + (2 * L * i) / (n - 1);
  const f = new Float64Array(n ** 3);
  for (let i = 0, c = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++, c++) f[c] = maxwellian(node(i) ** 2 + node(j) ** 2 + node(k) ** 2);
  return f;
}

function saved(name: string, f: Float64Array): string {
  const n = Math.round(Math.cbrt(f.length));
  const path = join(workdir, `${name}.npy`);
  writeFileSync(path, encodeNpy(f, [n, n, n]));
  return path;
}

describe('checkInitField', () => {
  it('takes a unit Maxwellian at the cell centres without a note', () => {
    for (const n of [8, 16, 24]) expect(checkInitField(new Grid({ n, L }), centred(n), 'F')).toEqual([]);
  });

  it('recognises a unit mass sampled on linspace(−L, L, N): mass ((N − 1)/N)³, and says where the values belong', () => {
    for (const n of [16, 24, 32]) {
      const grid = new Grid({ n, L });
      const f = onNodes(n);
      expect(fieldMass(grid, f)).toBeCloseTo(((n - 1) / n) ** 3, 6);
      const notes = checkInitField(grid, f, 'F');
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(/\(\(N − 1\)\/N\)³ for N = \d+: what a field of mass 1 sampled on linspace\(−L, L, N\) gives/);
      expect(notes[0]).toMatch(/cell centres v_i = −L \+ \(i\+½\)h, h = 2L\/N/);
      expect(notes[0]).toContain('np.arange(N) + 0.5');
    }
  });

  it('does not take a Maxwellian of another density for node-grid data, but notes a mass far from 1 with the layout', () => {
    const grid = new Grid({ n: 16, L });
    const [note] = checkInitField(grid, centred(16, 0.7), 'F');
    expect(note).not.toMatch(/linspace\(−L, L, N\) gives/);
    expect(note).toMatch(/mass Σ F h³ is 0\.7000 .* not ≈ 1 as the equation's units take/);
    expect(note).toMatch(/indexing='ij'/);
    expect(checkInitField(grid, centred(16, 1.05), 'F')).toEqual([]);
  });

  it('refuses a mass outside 0.01 … 100, saying why', () => {
    const grid = new Grid({ n: 16, L });
    for (const scale of [1e-3, 1e3, 1e40]) {
      expect(() => checkInitField(grid, centred(16, scale), 'F')).toThrow(/mass Σ F h³ is .* outside 0\.01 … 100: the equation's units take density ≈ 1, and Q\(F,F\) is quadratic/);
    }
    expect(checkInitField(grid, centred(16, 50), 'F')[0]).toMatch(/mass Σ F h³ is 50\.00/);
  });

  it('names the first cell that is zero, negative or NaN, its velocity and the count', () => {
    const grid = new Grid({ n: 8, L });
    const f = centred(8);
    f[grid.index(3, 4, 5)] = 0;
    f[grid.index(6, 7, 1)] = NaN;
    f[grid.index(7, 0, 0)] = -2;
    expect(() => checkInitField(grid, f, 'F')).toThrow(/^F: 3 of 512 cells are not finite and positive, the first F\[3, 4, 5\] = 0 at v = \(-0\.75, 0\.75, 2\.25\)/);
    const nan = centred(8);
    nan[grid.index(0, 1, 2)] = NaN;
    expect(() => checkInitField(grid, nan, 'F')).toThrow(/1 of 512 cells .* F\[0, 1, 2\] = NaN at v = \(-5\.25, -3\.75, -2\.25\)/);
  });
});

describe('landau3d run --init', () => {
  it('--help states the layout, the axes and the units', async () => {
    const r = await landau3d(['run', '--help']);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('cell centres v_i = −L + (i+½)h, h = 2L/N, of the box [−L, L]³ set by --L (not linspace(−L, L, N))');
    expect(help).toContain("np.meshgrid(v, v, v, indexing='ij')");
    expect(help).toMatch(/units: density ≈ 1: the Maxwellian .* has mass 1 and temperature 1 \(mass 0\.01 … 100 accepted\)/);
  });

  it('runs node-grid data with a note first', async () => {
    const out = join(workdir, 'out-nodes');
    const r = await landau3d(['run', '--init', saved('nodes', onNodes(16)), '--backend', 'cpu', '--t-end', '0', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^note: --init '.*nodes\.npy': F's mass Σ F h³ is 0\.8240 = \(\(N − 1\)\/N\)³ for N = 16/);
  }, 30_000);

  for (const [name, scale] of [['x1e3', 1e3], ['x1e40', 1e40]] as const) {
    it(`refuses a field of mass ${scale} in one line, before any folder`, async () => {
      const out = join(workdir, `out-${name}`);
      const r = await landau3d(['run', '--init', saved(name, centred(16, scale)), '--backend', 'cpu', '--t-end', '0', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/mass Σ F h³ is 1\.00e\+(3|40) on the box of --L 6 .* outside 0\.01 … 100: the equation's units take density ≈ 1/);
      expect(existsSync(out)).toBe(false);
    }, 30_000);
  }

  it('names the first zero cell', async () => {
    const f = centred(8);
    f[new Grid({ n: 8, L }).index(1, 2, 3)] = 0;
    const out = join(workdir, 'out-zero');
    const r = await landau3d(['run', '--init', saved('zero', f), '--backend', 'cpu', '--t-end', '0', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/1 of 512 cells are not finite and positive, the first F\[1, 2, 3\] = 0 at v = \(-3\.75, -2\.25, -0\.75\)/);
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

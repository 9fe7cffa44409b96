// `landau3d report DIR` for every kind of folder: a run, a radial reference run, a δ sweep, a
// coercivity and a grazing study. Each page holds its plots (inline SVG with the expected titles)
// and no TeX source (^{…}, _{…}).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('reports');

const FOLDERS: { kind: string; make: string[]; titles: RegExp[] }[] = [
  {
    kind: 'run',
    make: ['run', '--scenario', 'blowdown', '--delta', '0.3', '--n', '8', '--t-end', '0.2', '--dt-out', '0.1', '--backend', 'cpu', '--allow-unresolved', '--quiet'],
    titles: [/Entropy H/, /Fisher information/, /Temperature tensor/, /Conservation/, /Blow-down norms in L²\(M⁻¹ dv\)/, /Radial profile/, /F − M − E on v_z/],
  },
  { kind: 'radial', make: ['radial', '--t-end', '0.1', '--cells', '16', '--no-extrapolate', '--quiet'], titles: [/F at the origin/, /Blow-down norms/, /Conservation/, /Radial profile/] },
  { kind: 'sweep', make: ['sweep', '--delta', '0.1,0.01', '--t-star', '0.1', '--n', '0'], titles: [/The blow-down family at t\* = 0\.1/] },
  { kind: 'coercivity', make: ['coercivity', '--n', '6', '--cbar-n', 'none', '--backend', 'cpu', '--allow-unresolved', '--quiet'], titles: [/λ_min of A\[F\]/] },
  { kind: 'grazing', make: ['grazing', '--s', '0.5', '--eps', '0.5', '--quiet'], titles: [/Deflection angle/] },
];

describe('report of every folder kind', () => {
  for (const f of FOLDERS) {
    it(`${f.kind}: plots with their titles, no TeX source`, async () => {
      const dir = join(workdir, f.kind);
      expect((await landau3d([...f.make, '--out', dir])).code).toBe(0);
      const r = await landau3d(['report', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\(${f.kind} folder\\)`));
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).not.toMatch(/[_^]\{/);
      expect(html).toMatch(/<svg/);
      for (const title of f.titles) expect(html).toMatch(title);
    }, 120_000);
  }

  it('the sweep page carries one verdict sentence and says which N would resolve what is not', async () => {
    const dir = join(workdir, 'sweep-3d');
    expect((await landau3d(['sweep', '--delta', '0.3,0.1', '--t-star', '0.05', '--n', '8', '--backend', 'cpu', '--out', dir])).code).toBe(0);
    expect((await landau3d(['report', dir])).code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<b>Verdict:<\/b>/g)).toHaveLength(1);
    expect(html).toMatch(/not resolved at N = 8: needs N ≥ \d+/);
  }, 120_000);
});

// `landau3d run` with --gamma, --eps-f2, --f-max and the bkw scenario: refusals of closed forms that
// do not apply, what a run records, and a blow-up stopping with its last state kept.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../src/io/npy.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('equation');
const diagnostics = (dir: string) => JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8'));

const refused: [string, string[], RegExp][] = [
  ['γ out of range', ['--gamma', '2'], /--gamma = 2 is out of range: -3 ≤ γ ≤ 1/],
  ['negative ε', ['--eps-f2', '-1'], /--eps-f2 = -1 is out of range/],
  ['f-max not positive', ['--f-max', '0'], /--f-max = 0 is out of range/],
  ['blow-down closed forms with γ ≠ −3', ['--scenario', 'blowdown', '--gamma', '0'], /blowdown .* needs --gamma -3, got 0/],
  ['BKW with γ ≠ 0', ['--scenario', 'bkw', '--gamma', '-3'], /bkw is the exact BKW solution of Maxwell molecules; it needs --gamma 0/],
  ['BKW with ε > 0', ['--scenario', 'bkw', '--gamma', '0', '--eps-f2', '1'], /needs --gamma 0 and --eps-f2 0/],
  ['BKW with K(0) ≤ 3/5', ['--scenario', 'bkw', '--gamma', '0', '--t0', '5'], /--t0 = 5 gives K\(0\) = 0\.5488; the BKW profile is positive only for K\(0\) > 0\.6/],
  ['radial comparison with γ ≠ −3', ['--scenario', 'maxwellian', '--gamma', '-1', '--compare-radial'], /--compare-radial runs the radial Landau–Coulomb solver/],
];

describe('landau3d run refuses equations and closed forms that do not go together', () => {
  for (const [what, args, message] of refused) {
    it(what, async () => {
      const out = join(workdir, `refused-${what.replace(/\W+/g, '-')}`);
      const r = await landau3d(['run', '--out', out, '--t-end', '0', '--backend', 'cpu', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe('landau3d run with the kernel family and the modified equation', () => {
  it('a BKW run (γ = 0) records γ and ε and reports its errors against the exact solution', async () => {
    const out = join(workdir, 'bkw');
    const r = await landau3d(['run', '--out', out, '--scenario', 'bkw', '--gamma', '0', '--n', '8', '--L', '4', '--t-end', '0.2', '--dt-out', '0.1', '--backend', 'cpu']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/equation: ∂tF = Q\(F,F\), kernel .* γ = 0 \(Maxwell molecules\)/);
    expect(r.stdout).toMatch(/BKW error, relative L¹/);
    const d = diagnostics(out);
    expect(d.config.gamma).toBe(0);
    expect(d.config.epsF2).toBe(0);
    const last = d.series.at(-1);
    expect(last.bkw_error_l1).toBeGreaterThan(0);
    expect(last.bkw_error_l1).toBeLessThan(0.02);
    expect(last.bkw_K).toBeCloseTo(1 - Math.exp(-(8.2 / (2 * Math.PI))), 12);
    expect(last.deviator_law_error).toBeLessThan(1e-3);
    expect(readFileSync(join(out, 'diagnostics.csv'), 'utf8')).toMatch(/bkw_error_l1,bkw_error_max/);
  });

  it('a Coulomb run records γ = −3 and writes none of the Maxwell-molecule or blow-up columns', async () => {
    const out = join(workdir, 'coulomb');
    const r = await landau3d(['run', '--out', out, '--scenario', 'maxwellian', '--gamma', '-3', '--n', '8', '--t-end', '0.1', '--backend', 'cpu', '--allow-unresolved']);
    expect(r.code).toBe(0);
    const d = diagnostics(out);
    expect(d.config.gamma).toBe(-3);
    expect(Object.keys(d.series[0])).not.toContain('deviator_law_error');
    expect(Object.keys(d.series[0])).not.toContain('mass_source_rate');
  });

  it('with a large ε the run stops on the blow-up with status 1, the last good state and valid diagnostics', async () => {
    const out = join(workdir, 'blowup');
    const r = await landau3d(['run', '--out', out, '--scenario', 'maxwellian', '--eps-f2', '50', '--n', '12', '--t-end', '2', '--dt-out', '0.05', '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the step size collapsed\. .*blows up in finite time/);
    const d = diagnostics(out);
    expect(d.status).toBe('failed');
    expect(d.config.epsF2).toBe(50);
    const series = d.series;
    expect(series.length).toBeGreaterThan(3);
    for (let k = 1; k < series.length; k++) {
      expect(series[k].maxF).toBeGreaterThan(series[k - 1].maxF);
      expect(series[k].mass).toBeGreaterThan(series[k - 1].mass);
    }
    const last = series.at(-1);
    expect(last.mass_source_rate).toBeCloseTo(50 * last.l2_squared, 10);
    expect(last.f_center).toBeGreaterThan(0);
    expect(last.blowup_time_estimate).toBeGreaterThan(last.t);
    expect(last.blowup_time_estimate).toBeLessThan(2);
    const { data } = decodeNpy(readFileSync(join(out, 'final.npy')));
    expect(Array.from(data).every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    expect(Math.max(...data)).toBeCloseTo(last.maxF, 12);
  });

  it('--f-max stops the run at the first output beyond it, with that output recorded and kept', async () => {
    const out = join(workdir, 'fmax');
    const r = await landau3d(['run', '--out', out, '--scenario', 'maxwellian', '--eps-f2', '50', '--f-max', '0.1', '--n', '8', '--t-end', '2', '--dt-out', '0.05', '--backend', 'cpu', '--allow-unresolved']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/max F = .* exceeded --f-max 1\.000e-1 at t = .*blows up in finite time/);
    const series = diagnostics(out).series;
    expect(series.at(-1).maxF).toBeGreaterThan(0.1);
    expect(series.at(-2).maxF).toBeLessThanOrEqual(0.1);
    const { data } = decodeNpy(readFileSync(join(out, 'final.npy')));
    expect(Math.max(...data)).toBeCloseTo(series.at(-1).maxF, 12);
  });
});

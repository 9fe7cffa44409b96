// The radial, sweep and report commands end to end (CPU and radial paths, so they are quick).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';
import { decodeNpy } from '../src/io/npy.js';

const workdir = scratchFolder('cmd');


describe('landau3d radial', () => {
  it('writes the run files with f0 and the blow-down norms, conserving mass and energy', async () => {
    const out = join(workdir, 'radial');
    const r = await landau3d(['radial', '--delta', '0.01', '--t-end', '0.5', '--dt-out', '0.25', '--cells', '200', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(record.series.map((e: { t: number }) => e.t)).toEqual([0, 0.25, 0.5]);
    const last = record.series[2];
    expect(Math.abs(last.massDrift)).toBeLessThan(1e-12);
    expect(Math.abs(last.energyDrift)).toBeLessThan(1e-12);
    expect(last.f0).toBeLessThan(record.series[0].f0);
    expect(last.Ef_L2M).toBeGreaterThan(0);
    // N and 2N shells, f0 and the norms extrapolated; the profile is the fine grid's.
    expect(record.config.cells).toEqual([200, 400]);
    expect(record.config.extrapolated).toBe(true);
    expect(last.extrapolation_change).toBeGreaterThan(0);
    expect(last.extrapolation_change).toBeLessThan(1e-2);
    const profile = decodeNpy(readFileSync(join(out, 'final.npy')));
    expect(profile.shape).toEqual([400, 2]);
  });

  it('solves on N cells alone with --no-extrapolate', async () => {
    const out = join(workdir, 'radial-single');
    const r = await landau3d(['radial', '--delta', '0.01', '--t-end', '0.25', '--dt-out', '0.25', '--cells', '200', '--no-extrapolate', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(record.config.cells).toBe(200);
    expect(record.series[1].extrapolation_change).toBeUndefined();
    expect(decodeNpy(readFileSync(join(out, 'final.npy'))).shape).toEqual([200, 2]);
  });

  it('rejects a bad value with one line and no folder', async () => {
    const out = join(workdir, 'radial-bad');
    const r = await landau3d(['radial', '--delta', '2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('landau3d sweep', () => {
  it('tabulates the δ family on the radial reference and fits the exponent', async () => {
    const out = join(workdir, 'sweep');
    const r = await landau3d(['sweep', '--delta', '0.1,0.01,0.001', '--t-star', '0.1', '--n', '0', '--out', out]);
    expect(r.code).toBe(0);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(sweep.rows).toHaveLength(3);
    expect(sweep.fit.theorem).toBeCloseTo(0.15, 12);
    expect(typeof sweep.fit.Ef_radial).toBe('number');
    expect(r.stdout).toMatch(/as the theorem says|not yet in the theorem's regime/);
  });
});

describe('landau3d run --snapshots', () => {
  it('writes F at every output as .npy and .vti with a manifest', async () => {
    const dir = join(workdir, 'snap');
    const r = await landau3d(['run', '--n', '8', '--t-end', '0.5', '--dt-out', '0.25', '--backend', 'cpu', '--quiet', '--snapshots', '--allow-unresolved', '--out', dir]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'snapshots', 'manifest.json'), 'utf8'));
    expect(manifest.snapshots.map((s: { t: number }) => s.t)).toEqual([0, 0.25, 0.5]);
    for (const s of manifest.snapshots) {
      expect(decodeNpy(readFileSync(join(dir, 'snapshots', s.npy))).shape).toEqual([8, 8, 8]);
      expect(readFileSync(join(dir, 'snapshots', s.vti), 'utf8')).toMatch(/<VTKFile type="ImageData"/);
    }
  });
});

describe('landau3d report', () => {
  it('turns a run folder into one self-contained HTML page with SVG plots', async () => {
    const dir = join(workdir, 'run');
    expect((await landau3d(['run', '--n', '8', '--t-end', '0.5', '--dt-out', '0.25', '--backend', 'cpu', '--quiet', '--allow-unresolved', '--out', dir])).code).toBe(0);
    const r = await landau3d(['report', dir]);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('refuses a folder that is not a run', async () => {
    const r = await landau3d(['report', workdir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no diagnostics\.json/);
  });
});

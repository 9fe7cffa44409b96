// `landau3d nonradial`: the non-radial blow-down study on a small configuration — its files, one row
// per case with the bound's constant and the bump against E_u, unresolved cases listed and not run,
// the report page (also from `report DIR`), and malformed options refused.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('nonradial-study');

describe('landau3d nonradial', () => {
  it('runs every resolved case, lists the others, writes JSON, CSV and a report with plots', async () => {
    const out = join(workdir, 'study');
    const r = await landau3d(['nonradial', '--delta', '0.3,0.03', '--centres', '0,1', '--shapes', '4,1,1', '--n', '20', '--t-end', '0.5', '--dt-out', '0.25', '--backend', 'cpu', '--out', out]);
    expect(r.code).toBe(0);
    const { config, rows } = JSON.parse(readFileSync(join(out, 'nonradial.json'), 'utf8'));
    expect(config.n).toBe(20);
    expect(rows).toHaveLength(6);
    const run = rows.filter((row: { history?: unknown }) => row.history);
    expect(run).toHaveLength(3);
    for (const row of run) {
      expect(row.delta).toBe(0.3);
      expect(row.C).toBeCloseTo(row.Ef_L2M / row.ref_scale, 12);
      expect(row.history.map((h: { t: number }) => h.t)).toEqual([0, 0.25, 0.5]);
      expect(row.history[0].E_covariance.slice(0, 3)).toEqual(row.shape.map((a: number) => 0.3 * a));
      for (const drift of Object.values(row.conservation) as number[]) expect(Math.abs(drift)).toBeLessThan(1e-12);
      expect(Math.abs(row.bump_centre[0] - row.centre[0])).toBeLessThan(0.05);
    }
    for (const row of rows.filter((x: { delta: number }) => x.delta === 0.03)) expect(row.n_needed).toBeGreaterThan(20);
    expect(r.stdout).toMatch(/δ = 0\.03, u = \(1, 0, 0\): not resolved at N = 20 \(needs N ≥ \d+\)/);
    expect(readFileSync(join(out, 'nonradial.csv'), 'utf8').trim().split('\n')).toHaveLength(7);
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(page.match(/<svg/g)).toHaveLength(3);
    rmSync(join(out, 'report.html'));
    expect((await landau3d(['report', out])).code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(page);
  });

  it('runs on the WGSL backend (SwiftShader without a GPU) to the f64 CPU study’s numbers', async () => {
    const rows: Record<string, { Ef_L2M: number; bump_covariance: number[]; bump_centre: number[] }> = {};
    for (const backend of ['cpu', 'gpu']) {
      const out = join(workdir, `one-${backend}`);
      const r = await landau3d(['nonradial', '--delta', '0.3', '--centres', '1', '--shapes', 'none', '--n', '20', '--t-end', '0.25', '--dt-out', '0.25', '--t-star', '0.25', '--backend', backend, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      rows[backend] = JSON.parse(readFileSync(join(out, 'nonradial.json'), 'utf8')).rows[0];
    }
    const [cpu, gpu] = [rows.cpu!, rows.gpu!];
    expect(Math.abs(gpu.Ef_L2M / cpu.Ef_L2M - 1)).toBeLessThan(1e-5);
    expect(Math.abs(gpu.bump_covariance[0]! / cpu.bump_covariance[0]! - 1)).toBeLessThan(1e-4);
    expect(Math.abs(gpu.bump_centre[0]! - cpu.bump_centre[0]!)).toBeLessThan(1e-5);
  });

  it('refuses malformed shapes and a t* off the output grid in one line', async () => {
    for (const [args, message] of [
      [['--shapes', '4,1'], /--shapes takes a;b;c groups of three numbers/],
      [['--t-star', '0.3', '--dt-out', '0.25'], /--t-star 0\.3 must be a whole number of --dt-out 0\.25/],
    ] as const) {
      const r = await landau3d(['nonradial', ...args, '--out', join(workdir, 'refused')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

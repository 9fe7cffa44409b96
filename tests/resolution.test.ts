// The resolution guard: named initial data against their exact moments, files by the width their 3D
// spectrum shows; refused in one line with the N that resolves them, or run and recorded.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { encodeNpy } from '../src/io/npy.js';
import { maxwellian } from '../src/core/math/closed-forms.js';
import { fieldResolution, scenarioResolution, separableTerms, smallestResolvingN } from '../src/scenarios/resolution.js';
import { DEFAULT_SCENARIO_PARAMS, SCENARIOS, type ScenarioName } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('resolution');

describe('separable form of the scenarios', () => {
  it('sums to the sampled initial data of every scenario', () => {
    const grid = new Grid({ n: 9, L: 5 });
    for (const name of SCENARIOS) {
      const f = initialState(grid, name, DEFAULT_SCENARIO_PARAMS);
      const terms = separableTerms(name, DEFAULT_SCENARIO_PARAMS);
      const fmax = Math.max(...f);
      let c = 0;
      for (const x of grid.axis)
        for (const y of grid.axis)
          for (const z of grid.axis) {
            const v = [x, y, z];
            const s = terms.reduce((acc, t) => acc + t.weight * [0, 1, 2].reduce((p, a) => p * v[a]! ** t.powers[a]! * Math.exp(-((v[a]! - t.centre[a]!) ** 2) / (2 * t.temps[a]!)), 1), 0);
            expect(Math.abs(s - f[c++]!) / fmax).toBeLessThan(1e-14);
          }
    }
  });

  it('measures the mass the grid misses: the blow-down bump at δ = 0.1 needs N ≥ 30 at L = 6', () => {
    const terms = separableTerms('blowdown', DEFAULT_SCENARIO_PARAMS);
    const at = (n: number) => scenarioResolution(new Grid({ n, L: 6 }), terms);
    // The grid's mass against 1 + δ^α: the 17 % of the bump that N = 16 misses is 4.8 % of F.
    const grid = new Grid({ n: 16, L: 6 });
    const mass = initialState(grid, 'blowdown', DEFAULT_SCENARIO_PARAMS).reduce((a, b) => a + b) * grid.cellVolume;
    const bump = Math.pow(0.1, 0.4);
    expect(at(16).error).toBeCloseTo((1 + bump - mass) / bump, 2);
    expect(at(16).resolved).toBe(false);
    expect(smallestResolvingN(6, terms, 512, (n) => new Grid({ n, L: 6 }))).toBe(30);
    expect(at(30).resolved).toBe(true);
  });

  it('a box that cuts the tails is never resolved', () => {
    const terms = separableTerms('maxwellian', DEFAULT_SCENARIO_PARAMS);
    expect(smallestResolvingN(2, terms, 64, (n) => new Grid({ n, L: 2 }))).toBeNull();
  });

  it('flags a field that varies from cell to cell, not a smooth one (nor its float32 copy)', () => {
    const grid = new Grid({ n: 16, L: 6 });
    const smooth = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z));
    expect(fieldResolution(16, smooth).resolved).toBe(true);
    expect(fieldResolution(16, smooth.map(Math.fround)).resolved).toBe(true);
    const rough = smooth.map((v, c) => v * (c % 2 === 0 ? 1.5 : 0.5));
    expect(fieldResolution(16, rough).resolved).toBe(false);
  });
});

describe('the spectral check of a field from a file', () => {
  const grid = new Grid({ n: 16, L: 6 });
  /** The unit Maxwellian plus a round Gaussian feature of the given mass, centre and width (in cells). */
  const withFeature = (mass: number, centre: number[], widthInCells: number) => {
    const s2 = (widthInCells * grid.h) ** 2;
    return grid.sample((x, y, z) => {
      const q = (x - centre[0]!) ** 2 + (y - centre[1]!) ** 2 + (z - centre[2]!) ** 2;
      return maxwellian(x * x + y * y + z * z) + (mass / (2 * Math.PI * s2) ** 1.5) * Math.exp(-q / (2 * s2));
    });
  };

  it('refuses a narrow feature symmetric about v = 0 on an even N (whose marginals have no Nyquist content)', () => {
    const f = withFeature(0.05, [0, 0, 0], 0.3);
    expect(fieldResolution(16, f).resolved).toBe(false);
  });

  it('refuses a narrow off-centre feature carrying 1 % of the mass, accepts the same feature when broad', () => {
    expect(fieldResolution(16, withFeature(0.01, [1.3, -0.7, 2.1], 0.4)).resolved).toBe(false);
    expect(fieldResolution(16, withFeature(0.01, [1.3, -0.7, 2.1], 1.5)).resolved).toBe(true);
  });

  it('gives the named check’s verdict on the blow-down at δ = 0.01 … 0.5 and on an anisotropic bump, and near the limit (δ ≤ 0.3) about its error', () => {
    const round = (delta: number) => ({ ...DEFAULT_SCENARIO_PARAMS, delta });
    const cases: [typeof DEFAULT_SCENARIO_PARAMS, number[]][] = [
      [round(0.01), [24, 64, 96]],
      [round(0.03), [24, 48, 56]],
      [round(0.1), [16, 28, 32, 40]],
      [round(0.3), [12, 16, 20]],
      [round(0.5), [12, 16]],
      // Narrow along v_x only (width √0.02 = 0.14): judged along that axis.
      [{ ...DEFAULT_SCENARIO_PARAMS, bumpCenter: [1, 0, 0], bumpTemps: [0.2, 1, 1] }, [40, 48, 56, 72]],
    ];
    for (const [p, ns] of cases) {
      for (const n of ns) {
        const g = new Grid({ n, L: 6 });
        const named = scenarioResolution(g, separableTerms('blowdown', p));
        const field = fieldResolution(n, initialState(g, 'blowdown', p));
        expect({ p, n, resolved: field.resolved }).toEqual({ p, n, resolved: named.resolved });
        const isotropic = p.bumpTemps.every((a) => a === 1);
        if (isotropic && p.delta <= 0.3 && named.error > 1e-5 && named.error < 1e-3) expect(Math.abs(Math.log10(field.error / named.error))).toBeLessThan(Math.log10(3));
      }
    }
  });

  it('says when a field’s spectrum is at round-off, with no error to compare', async () => {
    const { guardField, resolutionLine } = await import('../src/cli/resolution-guard.js');
    const grid = new Grid({ n: 16, L: 6 });
    const record = guardField(16, grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), false, 'test');
    expect(record).toMatchObject({ check: 'spectrum', error: 0, resolved: true });
    expect(resolutionLine(record, grid, false)).toBe('resolution: N = 16 resolves the data — its 3D spectrum, less the Maxwellian of its moments, is at round-off above half the Nyquist frequency');
  });

  it('on the other scenarios never accepts what the named check refuses, and accepts what it resolves to 5e-6', () => {
    const grids: [ScenarioName, number[]][] = [
      ['maxwellian', [8, 9, 10, 11, 12, 16]],
      ['bimaxwellian', [9, 10, 11, 12, 16]],
      ['two-maxwellians', [9, 10, 11, 12, 16]],
      ['bkw', [10, 11, 12, 16, 24]],
    ];
    for (const [name, ns] of grids) {
      for (const n of ns) {
        const g = new Grid({ n, L: 6 });
        const named = scenarioResolution(g, separableTerms(name, DEFAULT_SCENARIO_PARAMS));
        const field = fieldResolution(n, initialState(g, name, DEFAULT_SCENARIO_PARAMS));
        if (!named.resolved) expect({ name, n, resolved: field.resolved }).toEqual({ name, n, resolved: false });
        if (named.error < 5e-6) expect({ name, n, resolved: field.resolved }).toEqual({ name, n, resolved: true });
      }
    }
  });
});

describe('landau3d run and the resolution guard', () => {
  it('refuses unresolved data in one line naming the N that resolves it, and writes nothing', async () => {
    const out = join(workdir, 'refused');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '16', '--t-end', '0', '--backend', 'cpu', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/does not resolve the initial data: at N = 16, L = 6 .* off by 1\.69e-1 .* the smallest N that resolves it at L = 6 is 30/);
    expect(existsSync(out)).toBe(false);
  });

  it('with --allow-unresolved runs and records the error in diagnostics.json and the summary', async () => {
    const out = join(workdir, 'allowed');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--n', '8', '--t-end', '0.1', '--backend', 'cpu', '--allow-unresolved', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/resolution: NOT resolved .* N = 30 would resolve it/);
    const d = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(d.config.resolution).toMatchObject({ check: 'moments', resolved: false, smallestN: 30 });
    expect(d.config.resolution.error).toBeGreaterThan(0.9);
  });

  it('picks the default N from the data and says why', async () => {
    const out = join(workdir, 'default-n');
    const r = await landau3d(['run', '--scenario', 'blowdown', '--delta', '0.3', '--t-end', '0', '--backend', 'cpu', '--out', out]);
    expect(r.code).toBe(0);
    // δ = 0.3 needs N ≥ 17 at L = 6: the next multiple of 8 is 24.
    expect(r.stdout).toMatch(/grid: N = 24,/);
    expect(r.stdout).toMatch(/resolution: N = 24 \(default: the smallest multiple of 8, ≥ 16, that resolves the data\)/);
    const d = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(d.device).toMatchObject({ kind: 'cpu', conv: 'fft', selection: 'requested with --backend cpu' });
  });

  it('refuses an --init field that varies on the scale of a cell', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const rough = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)).map((v, c) => v * (c % 2 === 0 ? 1.9 : 0.1));
    const file = join(workdir, 'rough.npy');
    writeFileSync(file, encodeNpy(rough, [8, 8, 8]));
    const out = join(workdir, 'rough-run');
    const r = await landau3d(['run', '--init', file, '--t-end', '0', '--backend', 'cpu', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/varies on the scale of a cell: its 3D spectrum decays as a feature .* cells wide along v_., whose mass and second moments the grid would miss by/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses the blow-down at δ = 0.01 sampled at N = 24 and given back with --init, as it refuses the scenario; runs it resolved', async () => {
    const p = { ...DEFAULT_SCENARIO_PARAMS, delta: 0.01 };
    const coarse = join(workdir, 'blowdown-24.npy');
    writeFileSync(coarse, encodeNpy(initialState(new Grid({ n: 24, L: 6 }), 'blowdown', p), [24, 24, 24]));
    const refused = await landau3d(['run', '--init', coarse, '--t-end', '0', '--backend', 'cpu', '--out', join(workdir, 'blowdown-24')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/blowdown-24\.npy' varies on the scale of a cell/);
    const resolvedFile = join(workdir, 'blowdown-32.npy');
    writeFileSync(resolvedFile, encodeNpy(initialState(new Grid({ n: 32, L: 6 }), 'blowdown', DEFAULT_SCENARIO_PARAMS), [32, 32, 32]));
    const out = join(workdir, 'blowdown-32');
    const accepted = await landau3d(['run', '--init', resolvedFile, '--t-end', '0', '--backend', 'cpu', '--out', out]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/resolution: N = 32 resolves the data — mass and second moments of its narrowest feature .* within ~.* \(estimated from the 3D spectrum\)/);
    const d = JSON.parse(readFileSync(join(out, 'diagnostics.json'), 'utf8'));
    expect(d.config.resolution).toMatchObject({ check: 'spectrum', resolved: true, limit: 1e-4 });
  });

  it('refuses bad --threads and the direct reference beyond its size, one line each', async () => {
    for (const [args, message] of [
      [['--threads', '0'], /--threads = 0 is out of range: an integer from 1 to 256/],
      [['--threads', '1.5'], /--threads = 1\.5 is out of range/],
      [['--n', '48', '--conv', 'direct'], /direct CPU reference is limited to N ≤ 40 .*; use --conv fft/],
    ] as const) {
      const out = join(workdir, 'bad-threads');
      const r = await landau3d(['run', '--scenario', 'maxwellian', '--t-end', '0', '--backend', 'cpu', ...args, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('the demo applies the same guard', () => {
  it('refuses an unresolved configuration from the URL (N raised to one that resolves it) unless allowed', async () => {
    const { parseQuery, demoResolution, DEFAULT_CONFIG } = await import('../web/config.js');
    expect(demoResolution(DEFAULT_CONFIG).resolved).toBe(true);
    const refused = parseQuery('?scenario=blowdown&n=12&delta=0.1');
    expect(refused.config).toEqual({ ...DEFAULT_CONFIG, n: 30, delta: 0.1 });
    expect(refused.errors.n).toMatch(/N = 12 does not resolve the bump .* N ≥ 30 resolves it at L = 6; using N = 30/);
    const allowed = parseQuery('?scenario=blowdown&n=12&delta=0.1&unresolved=allow');
    expect(allowed.config).toMatchObject({ n: 12, delta: 0.1, unresolved: 'allow' });
    expect(allowed.errors).toEqual({});
  });

  it('takes the bump’s centre and stretch from the URL, validated, into the scenario and its guard', async () => {
    const { parseQuery, demoResolution, demoScenarioParams, scenarioFields } = await import('../web/config.js');
    const { config, errors } = parseQuery('?scenario=blowdown&n=24&delta=0.3&bumpu=1&bumpa=2');
    expect(errors).toEqual({});
    expect(demoScenarioParams(config)).toMatchObject({ bumpCenter: [1, 0, 0], bumpTemps: [2, 1, 1] });
    expect(scenarioFields('blowdown')).toEqual(['delta', 'alpha', 'bumpU', 'bumpA']);
    expect(parseQuery('?bumpa=0').errors.bumpA).toMatch(/bump stretch a must lie in \[0\.1, 10\]/);
    // A thin bump along v_x at u_x = 1: the guard takes its smallest width √(0.3 · 0.2).
    expect(demoResolution({ ...config, bumpA: 0.2 }).message).toMatch(/smallest width √\(δ·min\(a, b, c\)\) = 0\.245.*N ≥ 35 resolves it/);
  });
});

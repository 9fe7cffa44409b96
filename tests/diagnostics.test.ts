// Host-side diagnostics: blow-down norms and radial symmetry.
import { describe, expect, it } from 'vitest';
import { blowdownDiagnostics, blowdownEquilibrium, explicitProfile, maxwellianLpNorm } from '../src/scenarios/blowdown-profile.js';
import { radialSymmetry } from '../src/diagnostics/radial-symmetry.js';
import { Grid } from '../src/core/grid/grid.js';
import { C0, M0, maxwellian } from '../src/core/math/closed-forms.js';
import { DEFAULT_SCENARIO_PARAMS, initialState } from '../src/scenarios/scenarios.js';

describe('blow-down diagnostics', () => {
  const p = { delta: 0.3, alpha: 0.4, rw: 4 };

  it('the explicit profile and the equilibrium follow (1.4) and the conservation laws', () => {
    const e = explicitProfile(0.5, p);
    expect(e.temperature).toBeCloseTo(0.3 + 2 * C0 * 0.5, 14);
    expect(e.mass).toBeCloseTo(Math.pow(0.3, 0.4) * Math.exp(M0), 14);
    const eq = blowdownEquilibrium(p);
    const bump = Math.pow(0.3, 0.4);
    expect(eq.mass * eq.temperature * 3).toBeCloseTo(3 + 3 * 0.3 * bump, 12); // energy ∫|v|²F
  });

  it('‖M_T‖_{L^p} closed form matches quadrature', () => {
    const grid = new Grid({ n: 48, L: 6 });
    const f = grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z, 0.8));
    for (const q of [1, 1.5, 2]) {
      let s = 0;
      for (const v of f) s += Math.pow(v, q);
      expect(Math.pow(s * grid.cellVolume, 1 / q) / maxwellianLpNorm(0.8, q)).toBeCloseTo(1, 6);
    }
  });

  it('at t = 0 the data are exactly M + E, so f = 0, and E + f = F − M', () => {
    const grid = new Grid({ n: 16, L: 6 });
    const f = initialState(grid, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: p.delta, alpha: p.alpha });
    const d = blowdownDiagnostics(grid, f, 0, p);
    expect(d.f_L2M).toBeLessThan(1e-12 * d.E_L2M);
    expect(d.Ef_L2M).toBeCloseTo(d.E_L2M, 10);
    expect(d.ref_scale).toBeCloseTo(Math.pow(0.3, 0.15), 14);
    // L^p norms of E on the grid converge to the closed forms
    const errors = [12, 24].map((n) => {
      const g = new Grid({ n, L: 6 });
      const dd = blowdownDiagnostics(g, initialState(g, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: p.delta, alpha: p.alpha }), 0, p);
      return Math.abs(dd.Lp_E.p2 / dd.Lp_E_exact.p2 - 1);
    });
    expect(errors[1]).toBeLessThan(errors[0]!);
  });
});

describe('radial symmetry', () => {
  it('S is exact on Maxwellians and accurate on the blow-down data; a bi-Maxwellian is anisotropic', () => {
    const aniso = [16, 32].map((n) => {
      const grid = new Grid({ n, L: 6 });
      return radialSymmetry(grid, grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z))).anisotropy;
    });
    expect(Math.max(...aniso)).toBeLessThan(1e-12);
    for (const n of [16, 32]) {
      const grid = new Grid({ n, L: 6 });
      const f = initialState(grid, 'blowdown', { ...DEFAULT_SCENARIO_PARAMS, delta: 0.3 });
      expect(radialSymmetry(grid, f).anisotropy).toBeLessThan(1e-4);
    }
    const grid = new Grid({ n: 32, L: 6 });
    const bi = radialSymmetry(grid, initialState(grid, 'bimaxwellian', DEFAULT_SCENARIO_PARAMS));
    expect(bi.anisotropy).toBeGreaterThan(0.1);
  });

  it('cubic_l4 picks up a cubic perturbation and not a radial field', () => {
    const grid = new Grid({ n: 32, L: 6 });
    const radial = radialSymmetry(grid, grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)));
    const cubic = radialSymmetry(
      grid,
      grid.sample((x, y, z) => {
        const r2 = x * x + y * y + z * z;
        return maxwellian(r2) * (1 + 0.2 * ((x ** 4 + y ** 4 + z ** 4) / (r2 * r2) - 0.6));
      }),
    );
    expect(Math.abs(cubic.cubic_l4)).toBeGreaterThan(20 * Math.abs(radial.cubic_l4));
  });
});

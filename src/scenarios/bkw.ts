// The BKW solution of Maxwell molecules (γ = 0), exact for all time:
//   F_K = (2πK)^{-3/2} e^{−|v|²/2K} ((5K − 3)/(2K) + (1 − K)/(2K²)|v|²), K(t) = 1 − e^{−(t+t0)/(2π)};
// its outputs carry the distance from F_BKW(t).
import type { Grid } from '../core/grid/grid.js';
import { bkwDensity, bkwK } from '../core/math/maxwell-molecules.js';
import type { BkwErrors, ScenarioDefinition, SeparableTerm } from './scenario-definition.js';

/** ∫|F − F_BKW(t)| / ∫F_BKW(t) and max|F − F_BKW(t)| / max F_BKW(t) on the grid, with K(t). */
export function bkwError(grid: Grid, state: ArrayLike<number>, t: number, t0: number): BkwErrors {
  const k = bkwK(t, t0);
  const exact = grid.sample((x, y, z) => bkwDensity(x * x + y * y + z * z, k));
  let diff = 0;
  let norm = 0;
  let diffMax = 0;
  let exactMax = 0;
  for (let c = 0; c < exact.length; c++) {
    const d = Math.abs(state[c]! - exact[c]!);
    diff += d;
    norm += Math.abs(exact[c]!);
    diffMax = Math.max(diffMax, d);
    exactMax = Math.max(exactMax, Math.abs(exact[c]!));
  }
  return { bkw_K: k, bkw_error_l1: diff / norm, bkw_error_max: diffMax / exactMax };
}

export const BKW: ScenarioDefinition = {
  name: 'bkw',
  summary: 'the exact BKW solution of Maxwell molecules (needs γ = 0)',
  params: ['t0'],
  initialState: (grid, p) => {
    const k = bkwK(0, p.t0);
    return grid.sample((x, y, z) => bkwDensity(x * x + y * y + z * z, k));
  },
  separableTerms: (p) => {
    const k = bkwK(0, p.t0);
    const g = Math.pow(2 * Math.PI * k, -1.5);
    const c2 = (g * (1 - k)) / (2 * k * k);
    const temps: [number, number, number] = [k, k, k];
    const terms: SeparableTerm[] = [{ weight: (g * (5 * k - 3)) / (2 * k), centre: [0, 0, 0], temps, powers: [0, 0, 0], label: 'the BKW profile' }];
    for (let a = 0; a < 3; a++) {
      const powers: [number, number, number] = [0, 0, 0];
      powers[a] = 2;
      terms.push({ weight: c2, centre: [0, 0, 0], temps, powers, label: 'the BKW profile' });
    }
    return terms;
  },
  requires: { gamma: 0, epsF2: 0, reason: 'the exact BKW solution of Maxwell molecules' },
  outputDiagnostics: (grid, state, t, p) => bkwError(grid, state, t, p.t0),
  summaryRows: [
    { key: 'bkw_error_l1', label: 'BKW error, relative L¹' },
    { key: 'bkw_error_max', label: 'BKW error, relative max' },
  ],
};

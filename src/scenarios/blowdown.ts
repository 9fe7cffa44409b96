// The blow-down datum of [GW24]: M + δ^α M_δ, a narrow bump of width √δ and mass δ^α on the unit
// Maxwellian. Its outputs carry the norms of F − M − E(t) against the explicit profile E and, with
// the operator, the coercivity quantities; the radial reference solver follows it exactly.
import { maxwellian } from '../math/closed-forms.js';
import { blowdownDiagnostics, blowdownEquilibrium, blowdownNorms, explicitProfile } from './blowdown-profile.js';
import { gaussianTerm, type ScenarioDefinition } from './scenario.js';
import { COULOMB_GAMMA } from '../kernel/kernel-table.js';

export const BLOWDOWN: ScenarioDefinition = {
  name: 'blowdown',
  summary: 'M + δ^α M_δ, the blow-down datum of [GW24]',
  params: ['delta', 'alpha'],
  initialState: (grid, p) => {
    const bump = Math.pow(p.delta, p.alpha);
    return grid.sample((x, y, z) => {
      const v2 = x * x + y * y + z * z;
      return maxwellian(v2) + bump * maxwellian(v2, p.delta);
    });
  },
  separableTerms: (p) => [
    gaussianTerm(1, [0, 0, 0], [1, 1, 1], 'M'),
    gaussianTerm(Math.pow(p.delta, p.alpha), [0, 0, 0], [p.delta, p.delta, p.delta], `the bump δ^α M_δ (width √δ = ${Math.sqrt(p.delta).toPrecision(3)})`),
  ],
  requires: { gamma: COULOMB_GAMMA, reason: 'the Landau–Coulomb blow-down (its profile E, c0 and M_eq are Coulomb closed forms)' },
  runNotes: (p, { epsF2 }) => [
    ...(p.alpha > 0.25 && p.alpha < 0.5 ? [] : [`alpha = ${p.alpha} is outside the theorem's range (1/4, 1/2); the run is still valid for the equation`]),
    ...(epsF2 > 0 ? ['the blow-down profile E(t) and M_eq in the diagnostics solve the Landau equation (ε = 0); with --eps-f2 they are a reference, not the solution'] : []),
  ],
  radial: { data: (p) => ({ name: 'blowdown', delta: p.delta, alpha: p.alpha }), narrowestVariance: (p) => p.delta },
  outputDiagnostics: (grid, state, t, p) => blowdownDiagnostics(grid, state, t, p),
  profileNorms: (points, t, p) => blowdownNorms(points, t, p),
  coercivityAlongRun: true,
  referenceProfile: (t, p) => {
    const e = explicitProfile(t, p);
    return { label: `M + E(t = ${t})`, deviation: 'F − M − E', at: (v2) => maxwellian(v2) + e.mass * maxwellian(v2, e.temperature) };
  },
  equilibriumProfile: (p) => {
    const eq = blowdownEquilibrium(p);
    return { label: 'M_eq', deviation: 'F − M_eq', at: (v2) => eq.mass * maxwellian(v2, eq.temperature) };
  },
};

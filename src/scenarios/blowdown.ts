// The blow-down datum of [GW24]: M + δ^α M_δ, a narrow bump of width √δ and mass δ^α on the unit
// Maxwellian. Its outputs carry the norms of F − M − E(t) against the explicit profile E and, with
// the operator, the coercivity quantities; the radial reference solver follows it exactly. With
// --bump-center or --bump-temps the bump is N(u, δ·diag(a, b, c)) and the norms are taken against
// the generalised profile E_u (bump-profile.ts), beside the bump's measured moments.
import { maxwellian } from '../core/math/closed-forms.js';
import { blowdownDiagnostics, blowdownEquilibrium, blowdownNorms, explicitProfile } from './blowdown-profile.js';
import { bumpDiagnostics } from './bump-profile.js';
import { gaussianTerm, type ScenarioDefinition } from './scenario-definition.js';
import type { ScenarioParams } from './scenario-params.js';
import { COULOMB_GAMMA } from '../core/kernel/kernel-table.js';

/** Why the data are not the radial datum of the paper (an off-centre or anisotropic bump), or null. */
export function nonRadialBump(p: ScenarioParams): string | null {
  const centred = p.bumpCenter.every((x) => x === 0);
  const round = p.bumpTemps.every((x) => x === 1);
  if (centred && round) return null;
  return `the bump is ${[centred ? '' : `centred at (${p.bumpCenter.join(', ')})`, round ? '' : `of covariance δ·diag(${p.bumpTemps.join(', ')})`].filter(Boolean).join(' and ')}`;
}

/** The closed forms of (1.4) below hold for the centred round bump only. */
const radialOnly = <T>(p: ScenarioParams, value: () => T): T | undefined => (nonRadialBump(p) ? undefined : value());

export const BLOWDOWN: ScenarioDefinition = {
  name: 'blowdown',
  summary: 'M + δ^α N(u, δ·diag(a, b, c)), the blow-down datum of [GW24] (u = 0, a = b = c = 1) and its off-centre and anisotropic variants',
  params: ['delta', 'alpha', 'bumpCenter', 'bumpTemps'],
  initialState: (grid, p) => {
    const bump = Math.pow(p.delta, p.alpha);
    if (!nonRadialBump(p)) {
      return grid.sample((x, y, z) => {
        const v2 = x * x + y * y + z * z;
        return maxwellian(v2) + bump * maxwellian(v2, p.delta);
      });
    }
    const [u, s] = [p.bumpCenter, p.bumpTemps.map((a) => p.delta * a)];
    const norm = bump / Math.sqrt((2 * Math.PI) ** 3 * s[0]! * s[1]! * s[2]!);
    return grid.sample((x, y, z) => {
      const q = (x - u[0]) ** 2 / s[0]! + (y - u[1]) ** 2 / s[1]! + (z - u[2]) ** 2 / s[2]!;
      return maxwellian(x * x + y * y + z * z) + norm * Math.exp(-q / 2);
    });
  },
  separableTerms: (p) => {
    const temps = p.bumpTemps.map((a) => p.delta * a) as [number, number, number];
    const width = Math.sqrt(Math.min(...temps)).toPrecision(3);
    const round = p.bumpTemps.every((a) => a === 1);
    return [
      gaussianTerm(1, [0, 0, 0], [1, 1, 1], 'M'),
      gaussianTerm(Math.pow(p.delta, p.alpha), [...p.bumpCenter], temps, `the bump δ^α M_δ (${round ? `width √δ = ${width}` : `smallest width √(δ·min(a, b, c)) = ${width}`})`),
    ];
  },
  requires: { gamma: COULOMB_GAMMA, reason: 'the Landau–Coulomb blow-down (its profile E, c0 and M_eq are Coulomb closed forms)' },
  runNotes: (p, equation) => [
    ...(p.alpha > 0.25 && p.alpha < 0.5 ? [] : [[`alpha = ${p.alpha} is outside the theorem's range (1/4, 1/2); the run is still valid for the equation`]]),
    ...(nonRadialBump(p) ? [[`${nonRadialBump(p)}: the norms are taken against the generalised profile E_u(t) (README, "Non-radial bumps") and the bump's moments recorded; the coercivity quantities belong to the centred round bump and are not`]] : []),
    ...(equation.hasSource ? [['the blow-down profile E(t) and M_eq in the diagnostics solve the Landau equation (ε = 0); with ', { option: 'epsF2' } as const, ' they are a reference, not the solution']] : []),
  ],
  radial: { data: (p) => ({ name: 'blowdown', delta: p.delta, alpha: p.alpha }), narrowestVariance: (p) => p.delta, unless: nonRadialBump },
  outputDiagnostics: (grid, state, t, p) => (nonRadialBump(p) ? bumpDiagnostics(grid, state, t, p) : blowdownDiagnostics(grid, state, t, p)),
  profileNorms: (points, t, p) => radialOnly(p, () => blowdownNorms(points, t, p)) ?? {},
  coercivityAlongRun: (p) => !nonRadialBump(p),
  // The theorem's headline figure: ‖E + f‖ against δ^{α−1/4}, and their ratio C (absent for non-radial bumps).
  summaryRows: [
    { key: 'Ef_L2M', label: '‖E + f‖_{L²(M⁻¹)}' },
    { key: 'ref_scale', label: 'δ^{α−1/4}' },
    { ratio: ['Ef_L2M', 'ref_scale'], label: 'C = ‖E + f‖/δ^{α−1/4}' },
  ],
  referenceProfile: (t, p) =>
    radialOnly(p, () => {
      const e = explicitProfile(t, p);
      return { name: 'M + E(t)', label: `M + E(t = ${t})`, deviation: 'F − M − E', at: (v2: number) => maxwellian(v2) + e.mass * maxwellian(v2, e.temperature) };
    }),
  equilibriumProfile: (p) =>
    radialOnly(p, () => {
      const eq = blowdownEquilibrium(p);
      return { name: 'M_eq', label: 'M_eq', deviation: 'F − M_eq', at: (v2: number) => eq.mass * maxwellian(v2, eq.temperature) };
    }),
};

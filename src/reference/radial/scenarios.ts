// Radial initial data (docs/mathematics.md §3) and the explicit blow-down profile of [GW24], (1.4).
//     blowdown:   f(r) = M(r) + δ^α M_δ(r),   M_T(r) = (2πT)^{-3/2} e^{−r²/(2T)},  δ ∈ (0,1), α > 0
//     maxwellian: f(r) = ρ M_T(r)  (default ρ = T = 1)
//     profile:    any user function f(r) > 0
// E(t, r) = m(t) M_{T(t)}(r), T(t) = δ + 2 c0 t, m(t) = δ^α e^{2 M(0) t}, which near r = 0 carries
// the leading-order evolution of the bump.

import { explicitProfile } from '../../scenarios/blowdown-profile.js';
import { maxwellian } from '../../core/math/closed-forms.js';
import type { RadialGridOptions } from './grid.js';

export type RadialScenario =
  | { name: 'blowdown'; delta: number; alpha: number }
  | { name: 'maxwellian'; temperature?: number; density?: number }
  | { name: 'profile'; f: (r: number) => number };

export function radialProfileOf(s: RadialScenario): (r: number) => number {
  switch (s.name) {
    case 'blowdown':
      return blowdownProfile(s.delta, s.alpha);
    case 'maxwellian': {
      const T = s.temperature ?? 1;
      const rho = s.density ?? 1;
      return (r) => rho * maxwellian(r * r, T);
    }
    case 'profile':
      return s.f;
  }
}

export function blowdownProfile(delta: number, alpha: number): (r: number) => number {
  if (!(delta > 0 && delta < 1)) throw new Error(`blowdown: delta must lie in (0, 1) (got ${delta})`);
  if (!(alpha > 0)) throw new Error(`blowdown: alpha must be > 0 (got ${alpha})`);
  const bump = Math.pow(delta, alpha);
  return (r) => maxwellian(r * r) + bump * maxwellian(r * r, delta);
}

/** E(t, r) = m(t) M_{T(t)}(r) ([GW24], (1.4); the profile of src/scenarios/blowdown-profile.ts). */
export function blowdownE(t: number, r: number, delta: number, alpha: number): number {
  const e = explicitProfile(t, { delta, alpha });
  return e.mass * maxwellian(r * r, e.temperature);
}

/** The sinh stretching the blow-down grids have at least (inner spacing Rβ/(N sinh β)). */
const MIN_BLOWDOWN_BETA = 4;

/**
 * Grid options suited to blow-down data: sinh grading with inner spacing √δ / pointsPerWidth
 * (default 20 points per √δ), and never less graded than β = 4: for wide bumps a uniform grid
 * (the old cap at R/N) left the Maxwellian core at Δr = R/N and f(0) 1e-3 off at N = 400.
 */
export function blowdownGridOptions(delta: number, cells = 400, R = 10, pointsPerWidth = 20): RadialGridOptions {
  const graded = (R * MIN_BLOWDOWN_BETA) / (cells * Math.sinh(MIN_BLOWDOWN_BETA));
  return { R, cells, grading: 'sinh', innerSpacing: Math.min(Math.sqrt(delta) / pointsPerWidth, graded) };
}

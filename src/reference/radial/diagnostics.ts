// Diagnostics of a radial state (docs/mathematics.md §2, §5): the conserved discrete moments, the entropy, the
// value at r → 0 and the profile, with the 4π of the full 3D integrals included.
//     mass    = 4π Σ f_i V_i
//     energy  = 4π Σ f_i ⟨r²⟩_i V_i      (∫|v|²F dv; the conserved discrete energy)
//     entropy = 4π Σ f_i ln f_i V_i
//     f0      = f in the innermost cell (node r̂_0 = √(3/5)·ρ_1)

import type { RadialGrid } from './grid.js';

export interface RadialDiagnostics {
  t: number;
  mass: number;
  energy: number;
  entropy: number;
  /** f at the innermost node r̂_0. */
  f0: number;
  /** The innermost node r̂_0. */
  r0: number;
  /** min_i f_i. */
  minF: number;
  /** Temperature ⟨|v|²⟩/(3·mass). */
  temperature: number;
}

export interface RadialProfile {
  t: number;
  /** Nodes r̂_i (shared with the grid, do not modify). */
  r: Float64Array;
  /** f_i (a copy). */
  f: Float64Array;
}

const FOUR_PI = 4 * Math.PI;

export function radialDiagnostics(grid: RadialGrid, f: Float64Array, t: number): RadialDiagnostics {
  const { volume: V, r2 } = grid;
  let mass = 0;
  let energy = 0;
  let entropy = 0;
  let minF = Infinity;
  for (let i = 0; i < grid.N; i++) {
    const w = V[i]! * f[i]!;
    mass += w;
    energy += w * r2[i]!;
    entropy += w * Math.log(f[i]!);
    if (f[i]! < minF) minF = f[i]!;
  }
  return {
    t,
    mass: FOUR_PI * mass,
    energy: FOUR_PI * energy,
    entropy: FOUR_PI * entropy,
    f0: f[0]!,
    r0: grid.nodes[0]!,
    minF,
    temperature: energy / (3 * mass),
  };
}

export function radialProfile(grid: RadialGrid, f: Float64Array, t: number): RadialProfile {
  return { t, r: grid.nodes, f: Float64Array.from(f) };
}

// Evaluation of a radial solution at arbitrary r, e.g. to compare with the spherical average of a 3D
// run. Interpolation is piecewise linear in (u = r²/2, ln f) between the nodes r̂_i: second order,
// positive, smooth through r = 0 (f is a smooth function of r² for smooth radial data) and exact for
// Maxwellians. Below r̂_0 and between r̂_{N−1} and R it extrapolates the first/last segment; beyond R
// (outside the computational domain) it returns 0.

import type { RadialGrid } from './grid.js';

export function interpolateRadial(grid: RadialGrid, f: Float64Array, r: number): number {
  const r_ = Math.abs(r);
  if (r_ > grid.R) return 0;
  const e = grid.r2;
  const N = grid.N;
  const x = r_ * r_;
  // Segment [j, j+1] with e_j ≤ x ≤ e_{j+1} (clamped to the end segments).
  let lo = 0;
  let hi = N - 1;
  if (x <= e[0]!) hi = 1;
  else if (x >= e[N - 1]!) lo = N - 2;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (e[mid]! <= x) lo = mid;
      else hi = mid;
    }
  }
  const a = Math.log(f[lo]!);
  const b = Math.log(f[hi]!);
  const w = (x - e[lo]!) / (e[hi]! - e[lo]!);
  return Math.exp(a + w * (b - a));
}

/** interpolateRadial at every point of rs. */
export function interpolateRadialMany(grid: RadialGrid, f: Float64Array, rs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rs.length);
  for (let j = 0; j < rs.length; j++) out[j] = interpolateRadial(grid, f, rs[j]!);
  return out;
}

// How far a field on the cubic grid is from radial symmetry.
//   anisotropy = ‖F − S F‖₂ / ‖F‖₂, with S F the spherical average: F averaged over radial shells of
//     width h, then interpolated linearly in r between the shells' mean radii (second order for
//     radial F, so a radial field scores at discretisation level);
//   cubic_l4 = ⟨F, K4⟩ / (‖F‖₂ ‖K4‖₂) with K4(v̂) = v̂x⁴ + v̂y⁴ + v̂z⁴ − 3/5, the l = 4 cubic
//     harmonic, the leading anisotropy a cubic grid imprints on radial data.
import type { Grid } from '../grid/grid.js';

export interface SphericalAverage {
  /** Mean radius of each non-empty shell, increasing. */
  r: Float64Array;
  /** Mean of F over each shell. */
  f: Float64Array;
}

export function sphericalAverage(grid: Grid, f: ArrayLike<number>): SphericalAverage {
  const shells = Math.ceil((Math.sqrt(3) * grid.L) / grid.h) + 1;
  const sumR = new Float64Array(shells);
  const sumF = new Float64Array(shells);
  const count = new Float64Array(shells);
  let c = 0;
  for (const x of grid.axis)
    for (const y of grid.axis)
      for (const z of grid.axis) {
        const r = Math.hypot(x, y, z);
        const b = Math.floor(r / grid.h);
        sumR[b]! += r;
        sumF[b]! += f[c]!;
        count[b]!++;
        c++;
      }
  const r: number[] = [];
  const fa: number[] = [];
  for (let b = 0; b < shells; b++) {
    if (count[b]! > 0) {
      r.push(sumR[b]! / count[b]!);
      fa.push(sumF[b]! / count[b]!);
    }
  }
  return { r: Float64Array.from(r), f: Float64Array.from(fa) };
}

/** Linear interpolation of the spherical average at radius r (constant beyond the end shells). */
export function evaluateAverage(avg: SphericalAverage, r: number): number {
  const { r: rs, f } = avg;
  if (r <= rs[0]!) return f[0]!;
  if (r >= rs[rs.length - 1]!) return f[f.length - 1]!;
  let lo = 0;
  let hi = rs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (rs[mid]! <= r) lo = mid;
    else hi = mid;
  }
  const w = (r - rs[lo]!) / (rs[hi]! - rs[lo]!);
  return (1 - w) * f[lo]! + w * f[hi]!;
}

export interface RadialSymmetry {
  anisotropy: number;
  cubic_l4: number;
}

export function radialSymmetry(grid: Grid, f: ArrayLike<number>, avg = sphericalAverage(grid, f)): RadialSymmetry {
  let diff = 0;
  let norm = 0;
  let proj = 0;
  let k4norm = 0;
  let c = 0;
  for (const x of grid.axis)
    for (const y of grid.axis)
      for (const z of grid.axis) {
        const r = Math.hypot(x, y, z);
        const fc = f[c]!;
        const d = fc - evaluateAverage(avg, r);
        diff += d * d;
        norm += fc * fc;
        const k4 = (x ** 4 + y ** 4 + z ** 4) / r ** 4 - 3 / 5;
        proj += fc * k4;
        k4norm += k4 * k4;
        c++;
      }
  return { anisotropy: Math.sqrt(diff / norm), cubic_l4: proj / Math.sqrt(norm * k4norm) };
}

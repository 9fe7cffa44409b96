// How far a field on the cubic grid is from radial symmetry.
//   S F, the spherical average: the mean of F over the sphere of radius r — F at 2048 Fibonacci points
//     on the sphere, between cell centres by tricubic interpolation of log F (exact for any Gaussian,
//     whose log is quadratic), averaged with equal weights. On bi-Maxwellians (T∥/T⊥ = 2 and 6) it
//     matches the exact mean, by 1D quadrature over the polar angle, within 1.5e-5 and 1e-4 up to
//     r = 5.5 (tests/diagnostics.test.ts). Beyond r = L the mean is over the part of the sphere inside
//     the box (within 1.5 cells of its faces the stencil extrapolates log F from the outermost cells);
//     where no point falls inside, and for fields that are not positive, the lattice mean below. The
//     profile is given at the mean radii r̄_b of shells of width h/4.
//   S F at a cell, for F − S F: the mean of F over the cells of its shell (a lattice quadrature, exact
//     for harmonics of degree l < 4: the cell centres are symmetric under the cube's 48 rotations and
//     reflections, and a shell is a union of their orbits) times the shell's radial shape between its
//     edges, from the log-quadratic fit below, normalised so that it keeps the shell's mean; for
//     radial data that shape is F's own, so S F = F at every cell (blow-down data, δ = 0.3:
//     ‖F − SF‖/‖F‖ ≈ 1e-5 at N = 16…48, against 1e-2 with shells of width h), and what remains in
//     F − S F is anisotropy.
//   The log fit, labelled as such where it is shown: on each shell log F is fitted by a quadratic in r
//     by least squares over the shell and its two neighbours; its exponential is the shell's geometric
//     mean exp⟨log F⟩ (for a bi-Maxwellian below the mean of F: the mean of an exponential exceeds the
//     exponential of the mean). (For fields that are not positive, F is fitted, and shapes add.)
//   Narrow shells hold lattice points of cubic symmetry: l = 2 content is measured in full, while part
//     of the l = 4 cubic harmonic is absorbed into S F (about 20 % at N = 32).
//   anisotropy = ‖F − S F‖₂ / ‖F‖₂;
//   cubic_l4 = ⟨F − S F, K4⟩ / (‖F‖₂ ‖K4‖₂) with K4(v̂) = v̂x⁴ + v̂y⁴ + v̂z⁴ − 3/5, the l = 4 cubic
//     harmonic, the leading anisotropy a cubic grid imprints on radial data (measured on F − S F,
//     because the lattice itself does not sample K4 to zero mean on a shell).
import type { Grid } from '../core/grid/grid.js';

export interface SphericalAverage {
  /** Mean radius of each non-empty shell, increasing. */
  r: Float64Array;
  /** S F at those radii: the mean of F over the sphere (computed when first read). */
  readonly f: Float64Array;
  /** The log-quadratic fit at those radii, exp⟨log F⟩ over the shell (a geometric mean, not S F). */
  logFit: Float64Array;
  /** S F at every cell. */
  atCells: Float64Array;
}

/** Least-squares quadratic a + b·x + c·x² from the moments Σx^k (k ≤ 4) and Σf·x^k (k ≤ 2). */
function quadraticFit(m: number[], mf: number[]): [number, number, number] {
  const A = [
    [m[0]!, m[1]!, m[2]!],
    [m[1]!, m[2]!, m[3]!],
    [m[2]!, m[3]!, m[4]!],
  ];
  const det = (M: number[][]) =>
    M[0]![0]! * (M[1]![1]! * M[2]![2]! - M[1]![2]! * M[2]![1]!) -
    M[0]![1]! * (M[1]![0]! * M[2]![2]! - M[1]![2]! * M[2]![0]!) +
    M[0]![2]! * (M[1]![0]! * M[2]![1]! - M[1]![1]! * M[2]![0]!);
  const d = det(A);
  const scale = m[0]! * m[2]! * m[4]! || 1;
  if (Math.abs(d) <= 1e-12 * Math.abs(scale)) {
    // Too few distinct radii for a quadratic: a straight line, or the mean.
    const dl = m[0]! * m[2]! - m[1]! * m[1]!;
    if (Math.abs(dl) <= 1e-12 * Math.abs(m[0]! * m[2]! || 1)) return [mf[0]! / m[0]!, 0, 0];
    return [(mf[0]! * m[2]! - mf[1]! * m[1]!) / dl, (m[0]! * mf[1]! - m[1]! * mf[0]!) / dl, 0];
  }
  const solve = (col: number) => det(A.map((row, i) => row.map((v, j) => (j === col ? mf[i]! : v)))) / d;
  return [solve(0), solve(1), solve(2)];
}

export function sphericalAverage(grid: Grid, f: ArrayLike<number>): SphericalAverage {
  const width = grid.h / 4;
  const shells = Math.ceil((Math.sqrt(3) * grid.L) / width) + 2;
  const radius = new Float64Array(grid.cells);
  const shellOf = new Int32Array(grid.cells);
  const sumR = new Float64Array(shells);
  const count = new Float64Array(shells);
  grid.forEachCell((c, ix, iy, iz) => {
    const r = Math.hypot(grid.axis[ix]!, grid.axis[iy]!, grid.axis[iz]!);
    const b = Math.floor(r / width);
    radius[c] = r;
    shellOf[c] = b;
    sumR[b]! += r;
    count[b]!++;
  });
  const centre = Float64Array.from(sumR, (s, b) => (count[b]! > 0 ? s / count[b]! : 0));
  let positive = true;
  for (let i = 0; i < grid.cells; i++) positive &&= f[i]! > 0;
  const fitted = (i: number) => (positive ? Math.log(f[i]!) : f[i]!);
  // Moments over each shell's window (itself and its neighbours), about the shell's mean radius.
  const moments = Array.from({ length: shells }, () => ({ m: [0, 0, 0, 0, 0], mf: [0, 0, 0] }));
  for (let i = 0; i < grid.cells; i++) {
    const b = shellOf[i]!;
    for (let w = Math.max(0, b - 1); w <= Math.min(shells - 1, b + 1); w++) {
      if (count[w] === 0) continue;
      const x = radius[i]! - centre[w]!;
      const acc = moments[w]!;
      let p = 1;
      for (let k = 0; k <= 4; k++, p *= x) {
        acc.m[k]! += p;
        if (k <= 2) acc.mf[k]! += p * fitted(i);
      }
    }
  }
  const fits = moments.map((acc, b) => (count[b]! > 0 ? quadraticFit(acc.m, acc.mf) : ([0, 0, 0] as [number, number, number])));
  // The fit's value at each cell, and per shell the means of F and of that shape.
  const shape = new Float64Array(grid.cells);
  const meanF = new Float64Array(shells);
  const meanShape = new Float64Array(shells);
  for (let i = 0; i < grid.cells; i++) {
    const b = shellOf[i]!;
    const [a0, a1, a2] = fits[b]!;
    const x = radius[i]! - centre[b]!;
    const value = a0 + a1 * x + a2 * x * x;
    shape[i] = positive ? Math.exp(value) : value;
    meanF[b]! += f[i]! / count[b]!;
    meanShape[b]! += shape[i]! / count[b]!;
  }
  const atCells = new Float64Array(grid.cells);
  for (let i = 0; i < grid.cells; i++) {
    const b = shellOf[i]!;
    atCells[i] = positive ? (meanF[b]! * shape[i]!) / meanShape[b]! : meanF[b]! + shape[i]! - meanShape[b]!;
  }
  const nonEmpty = [...count.keys()].filter((b) => count[b]! > 0);
  // The profile costs SPHERE_POINTS interpolations per shell: made when first read (the report, the
  // demo), not at every output, where only atCells is used.
  let profile: Float64Array | undefined;
  const sphereProfile = () => {
    // Fields that are not positive, and shells no point of which falls inside the box, take the lattice mean.
    const sphereMean = positive ? sphereMeanOf(grid, f) : () => NaN;
    return Float64Array.from(nonEmpty, (b) => {
      const mean = sphereMean(centre[b]!);
      return Number.isNaN(mean) ? meanF[b]! : mean;
    });
  };
  return {
    r: Float64Array.from(nonEmpty, (b) => centre[b]!),
    get f() {
      return (profile ??= sphereProfile());
    },
    logFit: Float64Array.from(nonEmpty, (b) => (positive ? Math.exp(fits[b]![0]) : fits[b]![0])),
    atCells,
  };
}

/** Points of the Fibonacci lattice on the sphere: nearly uniform, equal weights. */
const SPHERE_POINTS = 2048;
const FIBONACCI_SPHERE = (() => {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const points = new Float64Array(3 * SPHERE_POINTS);
  for (let j = 0; j < SPHERE_POINTS; j++) {
    const z = 1 - (2 * j + 1) / SPHERE_POINTS;
    const s = Math.sqrt(1 - z * z);
    points.set([s * Math.cos(golden * j), s * Math.sin(golden * j), z], 3 * j);
  }
  return points;
})();

/** Writes the weights of 4-point Lagrange interpolation at offset t from the second of the points −1, 0, 1, 2 into w[at … at + 3]. */
function cubicWeights(t: number, w: Float64Array, at: number): void {
  w[at] = (-t * (t - 1) * (t - 2)) / 6;
  w[at + 1] = ((t + 1) * (t - 1) * (t - 2)) / 2;
  w[at + 2] = (-(t + 1) * t * (t - 2)) / 2;
  w[at + 3] = ((t + 1) * t * (t - 1)) / 6;
}

/**
 * The mean of F over the sphere of radius r: F at SPHERE_POINTS Fibonacci points, between cell centres
 * by tricubic interpolation of log F (exact for any Gaussian: log F quadratic), averaged with equal weights;
 * beyond r = L over the points inside the box (NaN where none is).
 */
function sphereMeanOf(grid: Grid, f: ArrayLike<number>): (r: number) => number {
  const n = grid.n;
  const logF = Float64Array.from({ length: grid.cells }, (_, c) => Math.log(f[c]!));
  // Per axis: the first of the 4 stencil cells and their weights.
  const first = new Int32Array(3);
  const weights = new Float64Array(12);
  const stencil = (x: number, axis: number) => {
    const t = (x + grid.L) / grid.h - 0.5;
    const i = Math.min(Math.max(Math.floor(t) - 1, 0), n - 4);
    first[axis] = i;
    cubicWeights(t - i - 1, weights, 4 * axis);
  };
  return (r) => {
    let sum = 0;
    let inside = 0;
    for (let j = 0; j < SPHERE_POINTS; j++) {
      const x = r * FIBONACCI_SPHERE[3 * j]!;
      const y = r * FIBONACCI_SPHERE[3 * j + 1]!;
      const z = r * FIBONACCI_SPHERE[3 * j + 2]!;
      if (Math.abs(x) > grid.L || Math.abs(y) > grid.L || Math.abs(z) > grid.L) continue;
      stencil(x, 0);
      stencil(y, 1);
      stencil(z, 2);
      let value = 0;
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++) {
          const row = ((first[0]! + a) * n + first[1]! + b) * n + first[2]!;
          const w = weights[a]! * weights[4 + b]!;
          value += w * (weights[8]! * logF[row]! + weights[9]! * logF[row + 1]! + weights[10]! * logF[row + 2]! + weights[11]! * logF[row + 3]!);
        }
      sum += Math.exp(value);
      inside++;
    }
    return inside > 0 ? sum / inside : NaN;
  };
}

/** Linear interpolation of the spherical average profile at radius r (constant beyond the end shells). */
export function evaluateAverage(avg: Pick<SphericalAverage, 'r' | 'f'>, r: number): number {
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
  grid.forEachCell((c, ix, iy, iz) => {
    const [x, y, z] = [grid.axis[ix]!, grid.axis[iy]!, grid.axis[iz]!];
    const r2 = x * x + y * y + z * z;
    const fc = f[c]!;
    const d = fc - avg.atCells[c]!;
    diff += d * d;
    norm += fc * fc;
    const k4 = (x ** 4 + y ** 4 + z ** 4) / (r2 * r2) - 3 / 5;
    proj += d * k4;
    k4norm += k4 * k4;
  });
  return { anisotropy: Math.sqrt(diff / norm), cubic_l4: proj / Math.sqrt(norm * k4norm) };
}

// What a field given with --init FILE.npy must be, said in one place for --help and the messages, and
// the checks of its values: positive everywhere, and a mass on the scale of the equation's units.
import type { Grid } from '../core/grid/grid.js';
import { UsageError } from './option-values.js';

/** Where the values of an --init field sit and how its axes are ordered. */
const INIT_CENTRES = 'F at the cell centres v_i = −L + (i+½)h, h = 2L/N, of the box [−L, L]³ set by --L';
/** The cell centres in NumPy, for the messages that ask for a resampling. */
const NUMPY_CENTRES = 'v = -L + (np.arange(N) + 0.5)*2*L/N';
export const INIT_LAYOUT = `${INIT_CENTRES} (not linspace(−L, L, N)); axes (v_x, v_y, v_z), as np.meshgrid(v, v, v, indexing='ij') gives them`;

/** The units an --init field is read in. */
export const INIT_UNITS = 'density ≈ 1: the Maxwellian (2π)^(−3/2) exp(−|v|²/2) has mass 1 and temperature 1';

/**
 * The masses an --init field may have. Q(F,F) (and εF²) is quadratic, so a field of mass m evolves m×
 * faster than the units' time; beyond 100× either way --t-end, --dt-out, the step limits and the
 * f32 range of the GPU no longer fit the data.
 */
export const INIT_MASS_MIN = 1e-2;
export const INIT_MASS_MAX = 1e2;
/** A mass further than this from 1 gets a note on the units and the layout. */
const MASS_NOTE_DEVIATION = 0.1;
/** How close the mass must come to ((N−1)/N)³ to be read as a unit mass sampled on the node grid. */
const NODE_GRID_TOL = 1e-3;

/** Checks an --init field on its grid; throws a UsageError for values the run cannot take, returns notes for the run to print. */
export function checkInitField(grid: Grid, f: ArrayLike<number>, source: string): string[] {
  checkPositive(grid, f, source);
  const mass = fieldMass(grid, f);
  if (!(mass >= INIT_MASS_MIN && mass <= INIT_MASS_MAX)) throw new UsageError(`${source}: ${massOutOfRange(grid, mass)}`);
  const note = massNote(grid, mass);
  return note ? [`${source}: ${note}`] : [];
}

/** ∫F on the cell centres: Σ F h³. */
export function fieldMass(grid: Grid, f: ArrayLike<number>): number {
  let sum = 0;
  for (let c = 0; c < f.length; c++) sum += f[c]!;
  return sum * grid.cellVolume;
}

/** Refuses zero, negative and non-finite cells, naming the first (its indices and velocity) and the count. */
function checkPositive(grid: Grid, f: ArrayLike<number>, source: string): void {
  let bad = 0;
  let first = -1;
  for (let c = 0; c < f.length; c++) {
    const x = f[c]!;
    if (Number.isFinite(x) && x > 0) continue;
    if (bad++ === 0) first = c;
  }
  if (bad === 0) return;
  const [ix, iy, iz] = grid.coords(first);
  const v = grid.velocity(first).map((x) => Number(x.toPrecision(4)));
  throw new UsageError(
    `${source}: ${bad} of ${f.length} cells are not finite and positive, the first F[${ix}, ${iy}, ${iz}] = ${f[first]} at v = (${v.join(', ')}); ` +
      'F must be > 0 in every cell (the scheme evolves log F): give the tails their small positive values',
  );
}

function massOutOfRange(grid: Grid, mass: number): string {
  return (
    `F's mass Σ F h³ is ${mass.toExponential(2)} on the box of --L ${grid.L} (h = ${grid.h.toPrecision(4)}), outside ${INIT_MASS_MIN} … ${INIT_MASS_MAX}: ` +
    `the equation's units take density ≈ 1, and Q(F,F) is quadratic, so mass m runs m× faster than --t-end, --dt-out and the step limits assume; ` +
    `give F/m and times × m (F(t) = m·G(m t) with G the run of F/m), or check the units, --L and the layout (landau3d run --help, --init)`
  );
}

/** A note when the mass is off the units' scale, or is what a unit mass sampled on the node grid linspace(−L, L, N) gives. */
function massNote(grid: Grid, mass: number): string | null {
  const nodeMass = ((grid.n - 1) / grid.n) ** 3;
  const nearNodeMass = Math.abs(mass / nodeMass - 1) < NODE_GRID_TOL && Math.abs(mass - 1) > 10 * Math.abs(mass - nodeMass);
  if (nearNodeMass) {
    return (
      `F's mass Σ F h³ is ${mass.toPrecision(4)} = ((N − 1)/N)³ for N = ${grid.n}: what a field of mass 1 sampled on linspace(−L, L, N) gives. ` +
      `Landau3D reads ${INIT_CENTRES}: resample it there (${NUMPY_CENTRES}), or ignore this if the mass is meant`
    );
  }
  if (Math.abs(mass - 1) <= MASS_NOTE_DEVIATION) return null;
  return (
    `F's mass Σ F h³ is ${mass.toPrecision(4)} on the box of --L ${grid.L}, not ≈ 1 as the equation's units take (${INIT_UNITS}; a mass m runs m× faster). ` +
    `Check that the file holds ${INIT_LAYOUT}`
  );
}

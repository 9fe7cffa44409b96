// Diagnostics of Maxwell-molecule runs (γ = 0) against the exact solutions of src/core/math/maxwell-molecules.ts:
// the second-moment deviator against its exponential law (the BKW error is the bkw scenario's own,
// src/scenarios/bkw.ts).
import type { Grid } from '../core/grid/grid.js';
import { deviatorDecay } from '../core/math/maxwell-molecules.js';

/** Mass, and the central second-moment tensor split into pressure tr P/3 and deviator [xx, yy, zz, xy, xz, yz]. */
export interface SecondMoments {
  mass: number;
  pressure: number;
  deviator: number[];
}

export function secondMoments(grid: Grid, state: ArrayLike<number>): SecondMoments {
  const a = grid.axis;
  let mass = 0;
  const first = [0, 0, 0];
  const second = [0, 0, 0, 0, 0, 0];
  grid.forEachCell((c, ix, iy, iz) => {
    const f = state[c]!;
    const v = [a[ix]!, a[iy]!, a[iz]!];
    mass += f;
    for (let k = 0; k < 3; k++) first[k]! += v[k]! * f;
    const pairs = [v[0]! * v[0]!, v[1]! * v[1]!, v[2]! * v[2]!, v[0]! * v[1]!, v[0]! * v[2]!, v[1]! * v[2]!];
    for (let k = 0; k < 6; k++) second[k]! += pairs[k]! * f;
  });
  // About the mean velocity u: P_c = P − m u⊗u (the law is Galilean invariant, Q commutes with shifts).
  const u = first.map((p) => p / mass);
  const pairsU = [u[0]! * u[0]!, u[1]! * u[1]!, u[2]! * u[2]!, u[0]! * u[1]!, u[0]! * u[2]!, u[1]! * u[2]!];
  const central = second.map((s, k) => (s - mass * pairsU[k]!) * grid.cellVolume);
  const pressure = (central[0]! + central[1]! + central[2]!) / 3;
  const deviator = central.map((p, k) => (k < 3 ? p - pressure : p));
  return { mass: mass * grid.cellVolume, pressure, deviator };
}

/** Frobenius norm of a symmetric tensor stored as [xx, yy, zz, xy, xz, yz]. */
function frobenius(m: number[]): number {
  return Math.sqrt(m[0]! ** 2 + m[1]! ** 2 + m[2]! ** 2 + 2 * (m[3]! ** 2 + m[4]! ** 2 + m[5]! ** 2));
}

/**
 * For γ = 0: D(t) against D(0)e^{−12Λρt}, as ‖D(t) − D(0)e^{−12Λρt}‖_F / (tr P(0)/3), i.e. relative to
 * the pressure ρT of the data (the deviator itself may vanish, as for isotropic data); with the
 * deviator's size on the same scale and the exact decay factor.
 */
export function deviatorLawError(reference: SecondMoments, now: SecondMoments, t: number): { deviator_law_error: number; deviator_norm: number; deviator_exact_decay: number } {
  const decay = deviatorDecay(t, reference.mass);
  const err = now.deviator.map((d, k) => d - reference.deviator[k]! * decay);
  return {
    deviator_law_error: frobenius(err) / reference.pressure,
    deviator_norm: frobenius(now.deviator) / reference.pressure,
    deviator_exact_decay: decay,
  };
}

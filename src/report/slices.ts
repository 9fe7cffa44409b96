// The three coordinate planes through v = 0 of a field on the grid, as the report's heat maps draw
// them (the demo's web/slices.ts shows the same planes). For even N the plane v = 0 lies between
// two cell layers: the value there is their mean.
import type { Grid } from '../core/grid/grid.js';

const AXIS_NAMES = ['v_x', 'v_y', 'v_z'] as const;

/** A plane: the axes drawn (horizontal, vertical) and the one held at 0. */
export interface Plane {
  horizontal: 0 | 1 | 2;
  vertical: 0 | 1 | 2;
  fixed: 0 | 1 | 2;
}

/** v_z = 0, v_y = 0, v_x = 0: an anisotropy along any axis shows in two of them. */
export const PLANES: readonly Plane[] = [
  { horizontal: 0, vertical: 1, fixed: 2 },
  { horizontal: 0, vertical: 2, fixed: 1 },
  { horizontal: 1, vertical: 2, fixed: 0 },
];

export const axisName = (axis: 0 | 1 | 2) => AXIS_NAMES[axis];

/** The cell layers whose mean is the plane v = 0 along an axis: the middle one, or the two about it. */
export function middleLayers(n: number): number[] {
  return n % 2 === 0 ? [n / 2 - 1, n / 2] : [(n - 1) / 2];
}

/**
 * `value(v, i)` of the cells of the plane v_fixed = 0, averaged over its middle layers, at the
 * in-plane cell (a, b): `v` is the cell's velocity and `i` its index in the field.
 */
export function planeMean(grid: Grid, plane: Plane, value: (v: [number, number, number], index: number) => number): (a: number, b: number) => number {
  const layers = middleLayers(grid.n);
  return (a, b) => {
    let sum = 0;
    for (const layer of layers) {
      const idx: [number, number, number] = [0, 0, 0];
      idx[plane.horizontal] = a;
      idx[plane.vertical] = b;
      idx[plane.fixed] = layer;
      sum += value([grid.axis[idx[0]]!, grid.axis[idx[1]]!, grid.axis[idx[2]]!], grid.index(idx[0], idx[1], idx[2]));
    }
    return sum / layers.length;
  };
}

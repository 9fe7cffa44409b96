// The 48 symmetries of the cubic grid (axis permutations and reflections) acting on cell fields,
// and the commutation error of an operator's Q with them.
import { maxwellian } from '../../src/core/math/closed-forms.js';
import type { LandauOperator } from '../../src/backends/landau-operator.js';
import { randomPositiveField } from './gpu.js';

export type CellMap = (i: number, j: number, k: number, n: number) => [number, number, number];

/** The 48 maps: an axis permutation, then a reflection of each axis or not. */
export function cubicGroup(): { name: string; map: CellMap }[] {
  const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
  const out: { name: string; map: CellMap }[] = [];
  for (const p of perms)
    for (let flips = 0; flips < 8; flips++) {
      out.push({
        name: `perm ${p.join('')} flips ${flips.toString(2).padStart(3, '0')}`,
        map: (i, j, k, n) => {
          const c = [i, j, k];
          const q = [c[p[0]!]!, c[p[1]!]!, c[p[2]!]!];
          return q.map((x, a) => ((flips >> a) & 1 ? n - 1 - x : x)) as [number, number, number];
        },
      });
    }
  return out;
}

export function transform(f: Float64Array, n: number, map: CellMap): Float64Array {
  const out = new Float64Array(f.length);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        const [a, b, c] = map(i, j, k, n);
        out[(a * n + b) * n + c] = f[(i * n + j) * n + k]!;
      }
  return out;
}

/** Largest ‖Q(gF) − g Q(F)‖∞ / ‖Q(F)‖∞ over the group, for a random positive F (or the field given). */
export async function commutationError(op: LandauOperator, seed: number, field?: Float64Array): Promise<number> {
  const { grid } = op;
  const f = field ?? randomPositiveField(grid.sample((x, y, z) => maxwellian(x * x + y * y + z * z)), seed);
  op.setState(f);
  const q = await op.collision();
  const scale = Math.max(...q.map(Math.abs));
  let worst = 0;
  for (const { map } of cubicGroup()) {
    op.setState(transform(f, grid.n, map));
    const qg = await op.collision();
    const gq = transform(q, grid.n, map);
    for (let c = 0; c < q.length; c++) worst = Math.max(worst, Math.abs(qg[c]! - gq[c]!) / scale);
  }
  return worst;
}


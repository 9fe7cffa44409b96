// Difference of a run's final F from the same run on a grid twice as fine, the field's own
// convergence measure where no exact solution exists: the fine field is interpolated to the coarse
// centres (each a midpoint of fine centres; fourth order, (−1, 9, 9, −1)/16 along every axis) and
//   ‖F_N − I F_2N‖₂ / ‖I F_2N‖₂
// is printed. Both folders are run folders (final.npy) of the same scenario and box.
//   npx tsx bench/grid-convergence.ts COARSE_DIR FINE_DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeNpy } from '../src/io/npy.js';

const [coarseDir, fineDir] = process.argv.slice(2);
if (!coarseDir || !fineDir) {
  console.error('usage: npx tsx bench/grid-convergence.ts COARSE_DIR FINE_DIR (run folders, the fine one at twice the N)');
  process.exit(2);
}
const load = (dir: string) => decodeNpy(readFileSync(join(dir, 'final.npy')), join(dir, 'final.npy'));
const coarse = load(coarseDir);
const fine = load(fineDir);
const n = coarse.shape[0]!;
const m = fine.shape[0]!;
if (m !== 2 * n) {
  console.error(`grid-convergence: the fine grid has N = ${m}, not twice the coarse N = ${n}`);
  process.exit(2);
}
// Along one axis: value at the coarse centre i from fine cells 2i − 1 … 2i + 2 (one-sided near the edges, where F is negligible).
const weights = [-1 / 16, 9 / 16, 9 / 16, -1 / 16];
const tap = (i: number, k: number) => Math.min(m - 1, Math.max(0, 2 * i - 1 + k));
let [diff, norm] = [0, 0];
for (let i = 0; i < n; i++)
  for (let j = 0; j < n; j++)
    for (let l = 0; l < n; l++) {
      let value = 0;
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++)
          for (let c = 0; c < 4; c++) value += weights[a]! * weights[b]! * weights[c]! * fine.data[(tap(i, a) * m + tap(j, b)) * m + tap(l, c)]!;
      const d = coarse.data[(i * n + j) * n + l]! - value;
      diff += d * d;
      norm += value * value;
    }
console.log(`‖F_${n} − I F_${m}‖₂ / ‖I F_${m}‖₂ = ${Math.sqrt(diff / norm).toExponential(3)}`);

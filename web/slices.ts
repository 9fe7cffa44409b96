// Three orthogonal slices of log₁₀ F through v = 0 on 2D canvases, sharing one colour scale, and
// its colour bar. For even N the plane v = 0 lies between two cell layers: F there is their mean.
import type { Grid } from '../src/grid/grid.js';

/** Viridis, sampled at 9 points and interpolated linearly. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

export function colour(u: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, u)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const w = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + w * (b[k]! - a[k]!))) as [number, number, number];
}

/** The three planes: axes shown (horizontal, vertical) and the axis held at 0. */
export const PLANES = [
  { name: 'v_z = 0', h: 0, v: 1, fixed: 2 },
  { name: 'v_y = 0', h: 0, v: 2, fixed: 1 },
  { name: 'v_x = 0', h: 1, v: 2, fixed: 0 },
] as const;
const AXIS_NAMES = ['v_x', 'v_y', 'v_z'];

/** log₁₀ F on one plane through v = 0, as an N×N array (row = vertical axis index). */
export function sliceLog(grid: Grid, f: ArrayLike<number>, plane: (typeof PLANES)[number]): Float64Array {
  const n = grid.n;
  const layers = n % 2 === 0 ? [n / 2 - 1, n / 2] : [(n - 1) / 2];
  const out = new Float64Array(n * n);
  const idx = [0, 0, 0];
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      let sum = 0;
      for (const l of layers) {
        idx[plane.h] = a;
        idx[plane.v] = b;
        idx[plane.fixed] = l;
        sum += f[grid.index(idx[0]!, idx[1]!, idx[2]!)]!;
      }
      out[b * n + a] = Math.log10(Math.max(sum / layers.length, 1e-300));
    }
  return out;
}

export interface ColourRange {
  lo: number;
  hi: number;
}

/** Draws the three slices (one canvas each) with a common range, returned for the colour bar. */
export function drawSlices(canvases: HTMLCanvasElement[], grid: Grid, f: ArrayLike<number>): ColourRange {
  const slices = PLANES.map((p) => sliceLog(grid, f, p));
  let hi = -Infinity;
  let lo = Infinity;
  for (const s of slices)
    for (const x of s) {
      hi = Math.max(hi, x);
      lo = Math.min(lo, x);
    }
  lo = Math.max(lo, hi - 12);
  if (!(hi > lo)) lo = hi - 1;
  const n = grid.n;
  slices.forEach((s, k) => {
    const canvas = canvases[k]!;
    const ctx = canvas.getContext('2d')!;
    const image = new ImageData(n, n);
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        // Vertical axis upwards: the last row of the field is drawn at the top.
        const [r, g, b] = colour((s[(n - 1 - row) * n + col]! - lo) / (hi - lo));
        const p = (row * n + col) * 4;
        image.data[p] = r;
        image.data[p + 1] = g;
        image.data[p + 2] = b;
        image.data[p + 3] = 255;
      }
    const bitmap = document.createElement('canvas');
    bitmap.width = n;
    bitmap.height = n;
    bitmap.getContext('2d')!.putImageData(image, 0, 0);
    const pad = 22;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.imageSmoothingEnabled = false;
    const size = Math.min(canvas.width, canvas.height) - pad;
    ctx.drawImage(bitmap, pad, 0, size, size);
    const plane = PLANES[k]!;
    ctx.fillStyle = '#222';
    ctx.font = '11px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(`${AXIS_NAMES[plane.h]} ∈ [−L, L]  (${plane.name})`, pad + size / 2, size + 15);
    ctx.save();
    ctx.translate(12, size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(AXIS_NAMES[plane.v]!, 0, 0);
    ctx.restore();
  });
  return { lo, hi };
}

export function drawColourBar(canvas: HTMLCanvasElement, range: ColourRange): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const barW = 16;
  const top = 8;
  const bottom = height - 8;
  for (let y = top; y < bottom; y++) {
    const [r, g, b] = colour(1 - (y - top) / (bottom - top - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(4, y, barW, 1);
  }
  ctx.fillStyle = '#222';
  ctx.font = '11px sans-serif';
  ctx.textAlign = 'left';
  const ticks = 5;
  for (let k = 0; k < ticks; k++) {
    const u = k / (ticks - 1);
    const y = bottom - u * (bottom - top);
    ctx.fillText((range.lo + u * (range.hi - range.lo)).toFixed(1), barW + 8, y + 4);
  }
  ctx.save();
  ctx.translate(width - 6, height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('log₁₀ F', 0, 0);
  ctx.restore();
}

// Three orthogonal slices through v = 0 on 2D canvases, sharing one colour scale, and its colour
// bar: log₁₀ F (viridis), or a deviation F − reference (a diverging map centred at zero).
// For even N the plane v = 0 lies between two cell layers: the value there is their mean.
import type { Grid } from '../src/core/grid/grid.js';
import { linearTicks } from './ticks.js';

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

/** Blue – white – red (ColorBrewer RdBu, reversed), sampled at 9 points: 0.5 is white, i.e. zero. */
const RDBU: [number, number, number][] = [
  [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247],
  [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43],
];

export function divergingColour(u: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, u)) * (RDBU.length - 1);
  const i = Math.min(RDBU.length - 2, Math.floor(x));
  const w = x - i;
  const a = RDBU[i]!;
  const b = RDBU[i + 1]!;
  return [0, 1, 2].map((k) => Math.round(a[k]! + w * (b[k]! - a[k]!))) as [number, number, number];
}

/** What the slices show: log₁₀ F, or F − ref(v) with `ref` the reference density (M + E(t), or M). */
export type SliceMode = { kind: 'log' } | { kind: 'dev'; label: string; ref: (vx: number, vy: number, vz: number) => number };

/** log₁₀ F on one plane through v = 0, as an N×N array (row = vertical axis index). */
export function sliceLog(grid: Grid, f: ArrayLike<number>, plane: (typeof PLANES)[number]): Float64Array {
  return sliceOf(grid, f, plane, { kind: 'log' });
}

/** The shown quantity on one plane through v = 0, as an N×N array (row = vertical axis index). */
export function sliceOf(grid: Grid, f: ArrayLike<number>, plane: (typeof PLANES)[number], mode: SliceMode): Float64Array {
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
        const value = f[grid.index(idx[0]!, idx[1]!, idx[2]!)]!;
        sum += mode.kind === 'log' ? value : value - mode.ref(grid.axis[idx[0]!]!, grid.axis[idx[1]!]!, grid.axis[idx[2]!]!);
      }
      const mean = sum / layers.length;
      out[b * n + a] = mode.kind === 'log' ? Math.log10(Math.max(mean, 1e-300)) : mean;
    }
  return out;
}

export interface ColourRange {
  lo: number;
  hi: number;
  /** 'dev': symmetric about zero, drawn with the diverging map. */
  kind: 'log' | 'dev';
  label: string;
}

/** Draws the three slices (one canvas each) with a common range, returned for the colour bar. */
export function drawSlices(canvases: HTMLCanvasElement[], grid: Grid, f: ArrayLike<number>, mode: SliceMode = { kind: 'log' }): ColourRange {
  const slices = PLANES.map((p) => sliceOf(grid, f, p, mode));
  let hi = -Infinity;
  let lo = Infinity;
  for (const s of slices)
    for (const x of s) {
      hi = Math.max(hi, x);
      lo = Math.min(lo, x);
    }
  if (mode.kind === 'log') {
    lo = Math.max(lo, hi - 12);
    if (!(hi > lo)) lo = hi - 1;
  } else {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1e-30;
    lo = -m;
    hi = m;
  }
  const paint = mode.kind === 'log' ? colour : divergingColour;
  const n = grid.n;
  slices.forEach((s, k) => {
    const canvas = canvases[k]!;
    const ctx = canvas.getContext('2d')!;
    const image = new ImageData(n, n);
    for (let row = 0; row < n; row++)
      for (let col = 0; col < n; col++) {
        // Vertical axis upwards: the last row of the field is drawn at the top.
        const [r, g, b] = paint((s[(n - 1 - row) * n + col]! - lo) / (hi - lo));
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
    // Tick values at the box edges and the centre, v = −L, 0, L.
    const L = grid.L;
    ctx.font = '9px sans-serif';
    ctx.fillText(String(-L), pad + 6, size + 9);
    ctx.fillText('0', pad + size / 2, size + 9);
    ctx.fillText(String(L), pad + size - 6, size + 9);
    ctx.font = '11px sans-serif';
    ctx.fillText(`${AXIS_NAMES[plane.h]}  (${plane.name})`, pad + size / 2, size + 20);
    ctx.save();
    ctx.translate(12, size / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(`${AXIS_NAMES[plane.v]}: ${-L} … ${L}`, 0, 0);
    ctx.restore();
  });
  return { lo, hi, kind: mode.kind, label: mode.kind === 'log' ? 'log₁₀ F' : mode.label };
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
    const u = 1 - (y - top) / (bottom - top - 1);
    const [r, g, b] = range.kind === 'log' ? colour(u) : divergingColour(u);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(4, y, barW, 1);
  }
  ctx.fillStyle = '#222';
  ctx.font = '11px sans-serif';
  ctx.textAlign = 'left';
  const ticks = linearTicks(range.lo, range.hi);
  for (const tick of ticks) {
    const y = bottom - ((tick.at - range.lo) / (range.hi - range.lo)) * (bottom - top);
    ctx.fillText(tick.label, barW + 6, y + 4);
  }
  canvas.dataset.yTicks = ticks.map((t) => t.label).join(' ');
  ctx.save();
  ctx.translate(width - 6, height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText(range.label, 0, 0);
  ctx.restore();
}

// Small line plots on a 2D canvas: the radial profile and the live time series.
import { linearAxis, linearTicks, logTicks } from './ticks.js';

export interface Curve {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  colour: string;
  label: string;
  /** Draw points instead of a line. */
  dots?: boolean;
}

export interface PlotOptions {
  title: string;
  logY?: boolean;
  xLabel?: string;
}

export function drawPlot(canvas: HTMLCanvasElement, curves: Curve[], opts: PlotOptions): void {
  const ctx = canvas.getContext('2d')!;
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const left = 64;
  const right = 8;
  const bottom = opts.xLabel ? 30 : 18;
  const fy = (v: number) => (opts.logY ? Math.log10(v) : v);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const c of curves)
    for (let i = 0; i < c.x.length; i++) {
      const x = c.x[i]!;
      const y = fy(c.y[i]!);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  ctx.font = '11px sans-serif';
  ctx.fillStyle = '#222';
  ctx.textAlign = 'left';
  ctx.fillText(opts.title, left, 12);
  if (!Number.isFinite(x0) || !Number.isFinite(y0)) {
    ctx.fillText('no data yet', left, height / 2);
    canvas.dataset.yTicks = canvas.dataset.xTicks = '';
    return;
  }
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    const pad = Math.abs(y0) * 1e-6 || 1e-12;
    y0 -= pad;
    y1 += pad;
  }
  // Round values (1, 2 or 5 × 10^k apart), listed on the canvas for tests and screen readers.
  const yAxis = opts.logY ? { ticks: logTicks(y0, y1), offset: null } : linearAxis(y0, y1);
  const yTicks = yAxis.ticks;
  const xTicks = linearTicks(x0, x1);
  // A quantity constant to round-off: its ticks count from this value, written once under the title.
  const top = yAxis.offset === null ? 18 : 30;
  if (yAxis.offset !== null) ctx.fillText(`ticks: ${yAxis.offset} + …`, left, 25);
  const px = (x: number) => left + ((x - x0) / (x1 - x0)) * (width - left - right);
  const py = (y: number) => top + (1 - (fy(y) - y0) / (y1 - y0)) * (height - top - bottom);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, width - left - right, height - top - bottom);
  ctx.textAlign = 'right';
  for (const tick of yTicks) {
    const y = top + (1 - (tick.at - y0) / (y1 - y0)) * (height - top - bottom);
    ctx.fillText(tick.label, left - 4, y + 4);
  }
  canvas.dataset.yOffset = yAxis.offset ?? '';
  ctx.textAlign = 'center';
  const xAxisY = height - bottom + 12;
  for (const tick of xTicks) ctx.fillText(tick.label, px(tick.at), xAxisY);
  canvas.dataset.yTicks = yTicks.map((t) => t.label).join(' ');
  canvas.dataset.xTicks = xTicks.map((t) => t.label).join(' ');
  if (opts.xLabel) ctx.fillText(opts.xLabel, (left + width - right) / 2, height - 4);
  let legendX = width - right - 4;
  ctx.textAlign = 'right';
  for (const c of [...curves].reverse()) {
    ctx.fillStyle = c.colour;
    ctx.fillText(c.label, legendX, 12);
    legendX -= ctx.measureText(c.label).width + 10;
  }
  for (const c of curves) {
    ctx.strokeStyle = c.colour;
    ctx.fillStyle = c.colour;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let open = false;
    for (let i = 0; i < c.x.length; i++) {
      const x = c.x[i]!;
      const y = c.y[i]!;
      if (!Number.isFinite(fy(y))) {
        open = false;
        continue;
      }
      if (c.dots) {
        ctx.fillRect(px(x) - 1.5, py(y) - 1.5, 3, 3);
        continue;
      }
      if (open) ctx.lineTo(px(x), py(y));
      else ctx.moveTo(px(x), py(y));
      open = true;
    }
    if (!c.dots) ctx.stroke();
    if (c.x.length === 1 && !c.dots) ctx.fillRect(px(c.x[0]!) - 2, py(c.y[0]!) - 2, 4, 4);
  }
}

// Line and scatter plots rendered to standalone SVG with Vega-Lite (compiled to Vega and rendered
// headless in Node: no canvas, no browser, no network). Generic: any report can use it.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface PlotSeries {
  /** legend label */
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  /** 'line' (default), 'point', or 'line+point' */
  mark?: 'line' | 'point' | 'line+point';
  /** dashed line (closed forms, reference curves, asymptotics); the legend's symbol is dashed too */
  dashed?: boolean;
  /** series with the same group share a colour and one legend entry (default: the name) */
  group?: string;
}

/** What the solid and the dashed lines of a group stand for: the second legend of plots whose groups hold both. */
export interface LineStyles {
  solid: string;
  dashed: string;
}

export interface PlotOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: readonly PlotSeries[];
  width?: number;
  height?: number;
  /** number format of the axis labels (d3-format), e.g. '.0e' */
  xFormat?: string;
  yFormat?: string;
  /**
   * Linear y axes: the smallest span the axis shows, centred on the data. Nearly constant data
   * (a conserved quantity) then draws flat instead of magnifying round-off into apparent dynamics.
   */
  yMinSpan?: number;
  /** Groups holding a solid and a dashed line (θ and its Born approximation per κ): what each style means. */
  lineStyles?: LineStyles;
}

/** On log axes, values this far below the series' largest are round-off zeros, not data: skipped. */
const LOG_FLOOR = 1e-12;

/** The plot area of every plot unless a caller asks otherwise; pages scale the SVG to their column (html.ts). */
export const PLOT_WIDTH = 560;
export const PLOT_HEIGHT = 300;

/** What solid and dashed mean where a caller does not say. */
const DEFAULT_STYLES: LineStyles = { solid: 'computed', dashed: 'closed form' };

/** Solid and dashed stroke patterns. */
const DASHES = { solid: [1, 0], dashed: [6, 4] };

/** Legends below the plot, one entry a line, with strokes long enough to show a dash. */
const LEGEND = { orient: 'bottom', direction: 'vertical', labelLimit: 1000, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 400 } as const;

/** Whether some group holds both a solid and a dashed series. */
function groupsMixStyles(series: readonly PlotSeries[]): boolean {
  const styles = new Map<string, Set<boolean>>();
  for (const s of series) {
    const group = s.group ?? s.name;
    styles.set(group, (styles.get(group) ?? new Set()).add(Boolean(s.dashed)));
  }
  return [...styles.values()].some((set) => set.size > 1);
}

/**
 * How lines are dashed. Where every group is either solid or dashed, the dash follows the group and
 * merges into its colour legend (each entry shows its own stroke). Where a group holds both, the
 * colour names the group and a second legend says what solid and dashed mean.
 */
function strokeDashEncoding(series: readonly PlotSeries[], groups: string[], lineStyles: LineStyles | undefined) {
  if (groupsMixStyles(series)) {
    const styles = lineStyles ?? DEFAULT_STYLES;
    // Only the styles some line is drawn in: points alone have no stroke to explain.
    const drawn = (dashed: boolean) => series.some((s) => s.mark !== 'point' && Boolean(s.dashed) === dashed);
    const used = [...(drawn(false) ? [[styles.solid, DASHES.solid] as const] : []), ...(drawn(true) ? [[styles.dashed, DASHES.dashed] as const] : [])];
    return { field: 'style', type: 'nominal', title: null, scale: { domain: used.map(([label]) => label), range: used.map(([, dash]) => dash) }, legend: LEGEND };
  }
  const dashedGroups = new Set(series.filter((s) => s.dashed).map((s) => s.group ?? s.name));
  const range = groups.map((g) => (dashedGroups.has(g) ? DASHES.dashed : DASHES.solid));
  return { field: 'group', type: 'nominal', title: null, sort: groups, scale: { domain: groups, range }, legend: LEGEND };
}

/** The Vega-Lite specification of a plot (exposed for callers that want to embed or tweak it). */
export function plotSpec(opts: PlotOptions): TopLevelSpec {
  const styles = opts.lineStyles ?? DEFAULT_STYLES;
  const values: { x: number; y: number; series: string; group: string; kind: string; style: string }[] = [];
  for (const s of opts.series) {
    const kind = s.mark ?? 'line';
    const largest = Math.max(0, ...s.points.map((p) => (Number.isFinite(p.y) ? Math.abs(p.y) : 0)));
    const group = s.group ?? s.name;
    const style = s.dashed ? styles.dashed : styles.solid;
    for (const p of s.points) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      // Log axes cannot show non-positive values, nor should they stretch over decades of
      // round-off zeros (F − M − E = 1e-16 at t = 0): both are left out.
      if ((opts.xLog && p.x <= 0) || (opts.yLog && p.y <= LOG_FLOOR * largest)) continue;
      values.push({ x: p.x, y: p.y, series: s.name, group, kind, style });
    }
  }
  const ys = values.map((v) => v.y);
  const [yLo, yHi] = [Math.min(...ys), Math.max(...ys)];
  const yDomain =
    !opts.yLog && opts.yMinSpan !== undefined && ys.length > 0 && yHi - yLo < opts.yMinSpan
      ? [(yLo + yHi) / 2 - opts.yMinSpan / 2, (yLo + yHi) / 2 + opts.yMinSpan / 2]
      : undefined;
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: opts.xLabel,
    scale: opts.xLog ? { type: 'log' as const } : { zero: false },
    axis: opts.xFormat ? { format: opts.xFormat } : {},
  };
  const y = {
    field: 'y',
    type: 'quantitative' as const,
    title: opts.yLabel,
    scale: opts.yLog ? { type: 'log' as const } : { zero: false, ...(yDomain ? { domain: yDomain } : {}) },
    axis: opts.yFormat ? { format: opts.yFormat } : {},
  };
  // The legend lists every series drawn, in the callers' order.
  const groups = [...new Set(values.map((v) => v.group))];
  const color = { field: 'group', type: 'nominal' as const, title: null, sort: groups, legend: LEGEND };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: opts.width ?? PLOT_WIDTH,
    height: opts.height ?? PLOT_HEIGHT,
    background: 'white',
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind !== 'point'" }],
        mark: { type: 'line', clip: true },
        encoding: { x, y, color, detail: { field: 'series' }, strokeDash: strokeDashEncoding(opts.series, groups, opts.lineStyles) },
      },
      {
        transform: [{ filter: "datum.kind !== 'line'" }],
        mark: { type: 'point', filled: true, size: 40, clip: false },
        encoding: { x, y, color },
      },
    ],
  } as TopLevelSpec;
}

/** Renders the plot to an SVG string. */
export async function renderPlotSvg(opts: PlotOptions): Promise<string> {
  const view = new vega.View(vega.parse(compile(plotSpec(opts)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface HeatmapOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Cell centres along each axis (evenly spaced) and values(i, j) at (x[i], y[j]). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  values: (i: number, j: number) => number;
  colorLabel: string;
  /** 'viridis' for magnitudes, 'redblue' (diverging, centred at zero) for signed fields. */
  scheme?: 'viridis' | 'redblue';
  /** The values the colours span (several maps on one scale); default: this map's range, symmetric for 'redblue'. */
  colorDomain?: [number, number];
  size?: number;
}

/** The edges of evenly spaced cells with these centres: [first − h/2, last + h/2] and h/2. */
function cellSpan(centres: ArrayLike<number>): { lo: number; hi: number; half: number } {
  const n = centres.length;
  const half = n > 1 ? (centres[n - 1]! - centres[0]!) / (n - 1) / 2 : 0.5;
  return { lo: centres[0]! - half, hi: centres[n - 1]! + half, half };
}

/**
 * A velocity axis of a heat map: quantitative over the cells' extent, so that the ticks are round
 * values of v (−4, −2, 0, …) wherever the cell centres lie.
 */
function cellAxis(field: string, title: string, span: { lo: number; hi: number }) {
  return { field, type: 'quantitative', title, scale: { domain: [span.lo, span.hi], nice: false, zero: false }, axis: { labelAngle: 0, grid: false, tickCount: 6 } };
}

/** A field on a 2D slice as coloured cells, rendered to SVG. */
export async function renderHeatmapSvg(opts: HeatmapOptions): Promise<string> {
  const [sx, sy] = [cellSpan(opts.x), cellSpan(opts.y)];
  const values: { x0: number; x1: number; y0: number; y1: number; value: number }[] = [];
  let maxAbs = 0;
  for (let i = 0; i < opts.x.length; i++)
    for (let j = 0; j < opts.y.length; j++) {
      const value = opts.values(i, j);
      if (!Number.isFinite(value)) continue;
      const [x, y] = [opts.x[i]!, opts.y[j]!];
      values.push({ x0: x - sx.half, x1: x + sx.half, y0: y - sy.half, y1: y + sy.half, value });
      maxAbs = Math.max(maxAbs, Math.abs(value));
    }
  const diverging = opts.scheme === 'redblue';
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: opts.size ?? 300,
    height: opts.size ?? 300,
    background: 'white',
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: cellAxis('x0', opts.xLabel, sx),
      x2: { field: 'x1' },
      y: cellAxis('y0', opts.yLabel, sy),
      y2: { field: 'y1' },
      color: {
        field: 'value',
        type: 'quantitative',
        title: opts.colorLabel,
        scale: diverging
          ? { scheme: 'redblue', domain: opts.colorDomain ?? [-maxAbs, maxAbs], reverse: true }
          : { scheme: 'viridis', ...(opts.colorDomain ? { domain: opts.colorDomain } : {}) },
      },
    },
  } as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

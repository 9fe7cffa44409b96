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
  /** dashed line (reference curves, asymptotics) */
  dashed?: boolean;
  /** series with the same group share a colour and one legend entry (default: the name) */
  group?: string;
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
}

/** On log axes, values this far below the series' largest are round-off zeros, not data: skipped. */
const LOG_FLOOR = 1e-12;

/** The Vega-Lite specification of a plot (exposed for callers that want to embed or tweak it). */
export function plotSpec(opts: PlotOptions): TopLevelSpec {
  const values: { x: number; y: number; series: string; group: string; kind: string; dash: string }[] = [];
  for (const s of opts.series) {
    const kind = s.mark ?? 'line';
    const largest = Math.max(0, ...s.points.map((p) => (Number.isFinite(p.y) ? Math.abs(p.y) : 0)));
    // The legend says which lines are dashed (its symbols are strokes of the series' colour).
    const group = `${s.group ?? s.name}${s.dashed ? ' (dashed)' : ''}`;
    for (const p of s.points) {
      if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
      // Log axes cannot show non-positive values, nor should they stretch over decades of
      // round-off zeros (F − M − E = 1e-16 at t = 0): both are left out.
      if ((opts.xLog && p.x <= 0) || (opts.yLog && p.y <= LOG_FLOOR * largest)) continue;
      values.push({ x: p.x, y: p.y, series: s.name, group, kind, dash: s.dashed ? 'dashed' : 'solid' });
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
  const groups = [...new Set(values.map((v) => v.group))];
  const color = { field: 'group', type: 'nominal' as const, title: null, sort: groups, legend: { labelLimit: 400, symbolType: 'stroke', symbolStrokeWidth: 2 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: opts.title,
    width: opts.width ?? 520,
    height: opts.height ?? 320,
    background: 'white',
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.kind !== 'point'" }],
        mark: { type: 'line', clip: true },
        encoding: {
          x,
          y,
          color,
          detail: { field: 'series' },
          strokeDash: { field: 'dash', type: 'nominal', scale: { domain: ['solid', 'dashed'], range: [[1, 0], [6, 4]] }, legend: null },
        },
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
  /** Cell centres along each axis and values[i][j] at (x[i], y[j]). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  values: (i: number, j: number) => number;
  colorLabel: string;
  /** 'viridis' for magnitudes, 'redblue' (diverging, centred at zero) for signed fields. */
  scheme?: 'viridis' | 'redblue';
  size?: number;
}

/** A field on a 2D slice as coloured cells, rendered to SVG. */
export async function renderHeatmapSvg(opts: HeatmapOptions): Promise<string> {
  const values: { x: number; y: number; value: number }[] = [];
  let maxAbs = 0;
  for (let i = 0; i < opts.x.length; i++)
    for (let j = 0; j < opts.y.length; j++) {
      const value = opts.values(i, j);
      if (!Number.isFinite(value)) continue;
      values.push({ x: opts.x[i]!, y: opts.y[j]!, value });
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
      x: { field: 'x', type: 'ordinal', title: opts.xLabel, axis: { format: '.2f', labelOverlap: true } },
      y: { field: 'y', type: 'ordinal', title: opts.yLabel, sort: 'descending', axis: { format: '.2f', labelOverlap: true } },
      color: {
        field: 'value',
        type: 'quantitative',
        title: opts.colorLabel,
        scale: diverging ? { scheme: 'redblue', domain: [-maxAbs, maxAbs], reverse: true } : { scheme: 'viridis' },
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

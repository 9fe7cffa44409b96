// Files of a run folder: diagnostics.json (config, device, series) and diagnostics.csv (one row per
// output, tensors flattened); the fields on the grid are written by field-output.ts.
// Each file is written atomically (atomic-write.ts).
import { join } from 'node:path';
import type { SeriesEntry } from '../diagnostics/series.js';
import { encodeNpy } from './npy.js';
import { atomicWrite, atomicWriteSync } from './atomic-write.js';

/** diagnostics.json of a run (entries: SeriesEntry) or of the radial solver (RadialSeriesEntry). */
export interface RunRecord<Entry extends object = SeriesEntry> {
  config: Record<string, unknown>;
  device: Record<string, unknown>;
  series: Entry[];
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  error?: string;
  /** With --compare-radial: the radial reference profile at the last output. */
  radialReference?: { t: number; r: number[]; f: number[] };
}

export async function writeDiagnostics<Entry extends object>(dir: string, record: RunRecord<Entry>): Promise<void> {
  await atomicWrite(join(dir, 'diagnostics.json'), JSON.stringify(record, null, 1) + '\n');
  await atomicWrite(join(dir, 'diagnostics.csv'), seriesCsv(record.series));
}

/** writeDiagnostics at the last moment of a process (a second signal); false if it could not be written. */
export function writeDiagnosticsSync<Entry extends object>(dir: string, record: RunRecord<Entry>): boolean {
  return atomicWriteSync(join(dir, 'diagnostics.json'), JSON.stringify(record, null, 1) + '\n') && atomicWriteSync(join(dir, 'diagnostics.csv'), seriesCsv(record.series));
}

/** Columns of equal length as a (rows, columns) float64 array. */
export async function writeNpyRows(dir: string, name: string, columns: ArrayLike<number>[]): Promise<void> {
  const rows = columns[0]!.length;
  const data = new Float64Array(rows * columns.length);
  for (let i = 0; i < rows; i++) columns.forEach((col, k) => (data[i * columns.length + k] = col[i]!));
  await atomicWrite(join(dir, name), encodeNpy(data, [rows, columns.length]));
}

const AXES = ['x', 'y', 'z'];

/** Flattens an entry into named numeric columns: vectors get _x/_y/_z, 3×3 tensors _xx…, objects _key. */
function flatten(prefix: string, value: unknown, out: [string, number | null][]): void {
  if (typeof value === 'number' || value === null) out.push([prefix, value]);
  else if (Array.isArray(value)) {
    const matrix = value.length === 3 && value.every(Array.isArray);
    value.forEach((v, i) => {
      if (matrix) (v as number[]).forEach((x, j) => out.push([`${prefix}_${AXES[i]}${AXES[j]}`, x]));
      else flatten(`${prefix}_${value.length === 3 ? AXES[i] : i}`, v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}_${k}`, v, out);
  }
}

export function seriesCsv(series: readonly object[]): string {
  if (series.length === 0) return '';
  const rows = series.map((e) => {
    const cols: [string, number | null][] = [];
    for (const [k, v] of Object.entries(e)) flatten(k, v, cols);
    return new Map(cols);
  });
  // Columns in first-seen order over all rows; a value a row lacks (or null: undefined there) is empty.
  const header = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return [header.join(','), ...rows.map((r) => header.map((k) => cell(r.get(k))).join(','))].join('\n') + '\n';
}

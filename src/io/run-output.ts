// Files of a run folder: diagnostics.json (config, device, series), diagnostics.csv (one row per
// output, tensors flattened) and final.npy (F on the N³ grid, float64, axes v_x, v_y, v_z).
// Each file is written to a temporary name and renamed, so a reader never sees half a file.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeriesEntry } from '../diagnostics/series.js';
import { encodeNpy } from './npy.js';

export interface RunRecord {
  config: Record<string, unknown>;
  device: Record<string, unknown>;
  series: SeriesEntry[];
  status: 'running' | 'completed' | 'failed';
  error?: string;
}

export async function prepareRunFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
}

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.partial`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function writeDiagnostics(dir: string, record: RunRecord): Promise<void> {
  await atomicWrite(join(dir, 'diagnostics.json'), JSON.stringify(record, null, 1) + '\n');
  await atomicWrite(join(dir, 'diagnostics.csv'), seriesCsv(record.series));
}

export async function writeFinalState(dir: string, state: Float64Array, n: number): Promise<void> {
  await atomicWrite(join(dir, 'final.npy'), encodeNpy(state, [n, n, n]));
}

const AXES = ['x', 'y', 'z'];

export function seriesCsv(series: SeriesEntry[]): string {
  const tensorCols = (name: string) => AXES.flatMap((a) => AXES.map((b) => `${name}_${a}${b}`));
  const header = [
    't', 'step', 'dt', 'mass', 'momentum_x', 'momentum_y', 'momentum_z', 'energy', ...tensorCols('temperature'),
    'entropy', 'fisher', 'minF', 'maxF', ...tensorCols('dTemperature_dt'), 'dEntropy_dt', 'stiffness',
    'massDrift', 'momentumDrift', 'energyDrift',
  ];
  const rows = series.map((e) =>
    [
      e.t, e.step, e.dt, e.mass, ...e.momentum, e.energy, ...e.temperature.flat(), e.entropy, e.fisher, e.minF, e.maxF,
      ...e.dTemperature_dt.flat(), e.dEntropy_dt, e.stiffness, e.massDrift, e.momentumDrift, e.energyDrift,
    ].join(','),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

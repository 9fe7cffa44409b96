// Fields on the N³ grid in a run folder, in the formats the field reads: grid.json (N, L, h, the
// cell-centre coordinates, the axis order), final.npy and final.vti (F at the end), and with
// --snapshots snapshots/F_<k>.npy and .vti at every output — plus A[F], Q(F,F) and log F with
// --export-fields — listed in snapshots/manifest.json and in snapshots/F.pvd, the ParaView
// collection with the physical times.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Grid } from '../core/grid/grid.js';
import { encodeNpy } from './npy.js';
import { atomicWrite } from './atomic-write.js';
import { encodeVti } from './vti.js';

export const EXPORT_FIELDS = ['A', 'Q', 'logF'] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];
/** Components of A[F] as the operator and the files give them. */
export const TENSOR_COMPONENTS = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'] as const;

const LAYOUT = 'npy: C order over (v_x, v_y, v_z), index (ix·N + iy)·N + iz, A with a last axis [xx, yy, zz, xy, xz, yz]; vti: point data at the cell centres';

/** grid.json: what a reader needs to place the values of every .npy and .vti of the folder. */
export async function writeGridJson(dir: string, grid: Grid): Promise<void> {
  const record = { n: grid.n, L: grid.L, h: grid.h, axes: ['v_x', 'v_y', 'v_z'], layout: LAYOUT, centres: Array.from(grid.axis) };
  await atomicWrite(join(dir, 'grid.json'), JSON.stringify(record, null, 1) + '\n');
}

/** F at the end of the run as final.npy and final.vti. */
export async function writeFinalState(dir: string, state: Float64Array, grid: Grid): Promise<void> {
  await atomicWrite(join(dir, 'final.npy'), encodeNpy(state, [grid.n, grid.n, grid.n]));
  await atomicWrite(join(dir, 'final.vti'), encodeVti(grid, { F: state }));
}

export interface SnapshotEntry {
  t: number;
  step: number;
  npy: string;
  vti: string;
  /** The .npy files of the exported fields at this output, by field. */
  fields?: Partial<Record<ExportField, string>>;
}

/** Fields exported beside F at a snapshot: A[F] (6 per cell), Q(F,F) and log F (1 per cell). */
export type ExportedValues = Partial<Record<ExportField, Float64Array>>;

/** F (and the exported fields) at an output under snapshots/, then the manifest and the .pvd collection. */
export async function writeSnapshot(dir: string, grid: Grid, state: Float64Array, entry: { t: number; step: number }, manifest: SnapshotEntry[], exported: ExportedValues = {}): Promise<void> {
  const folder = join(dir, 'snapshots');
  await mkdir(folder, { recursive: true });
  const k = String(manifest.length).padStart(4, '0');
  const shape = [grid.n, grid.n, grid.n];
  await atomicWrite(join(folder, `F_${k}.npy`), encodeNpy(state, shape));
  const arrays: Record<string, ArrayLike<number>> = { F: state };
  const fields: Partial<Record<ExportField, string>> = {};
  for (const [name, values] of Object.entries(exported) as [ExportField, Float64Array][]) {
    const file = `${name}_${k}.npy`;
    if (name === 'A') {
      await atomicWrite(join(folder, file), encodeNpy(values, [...shape, TENSOR_COMPONENTS.length]));
      TENSOR_COMPONENTS.forEach((c, i) => (arrays[`A_${c}`] = values.filter((_, j) => j % TENSOR_COMPONENTS.length === i)));
    } else {
      await atomicWrite(join(folder, file), encodeNpy(values, shape));
      arrays[name] = values;
    }
    fields[name] = file;
  }
  await atomicWrite(join(folder, `F_${k}.vti`), encodeVti(grid, arrays));
  manifest.push({ t: entry.t, step: entry.step, npy: `F_${k}.npy`, vti: `F_${k}.vti`, ...(Object.keys(fields).length > 0 ? { fields } : {}) });
  await atomicWrite(join(folder, 'manifest.json'), JSON.stringify({ grid: { n: grid.n, L: grid.L, h: grid.h, layout: LAYOUT }, snapshots: manifest }, null, 1) + '\n');
  await atomicWrite(join(folder, 'F.pvd'), pvdCollection(manifest));
}

/** The ParaView collection of the snapshots: one data set per output with its physical time. */
export function pvdCollection(manifest: SnapshotEntry[]): string {
  return [
    '<?xml version="1.0"?>',
    '<VTKFile type="Collection" version="0.1" byte_order="LittleEndian">',
    '  <Collection>',
    ...manifest.map((e) => `    <DataSet timestep="${e.t}" group="" part="0" file="${e.vti}"/>`),
    '  </Collection>',
    '</VTKFile>',
    '',
  ].join('\n');
}

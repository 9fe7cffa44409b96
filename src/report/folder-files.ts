// The files a report is drawn from, read back through the validating reader (io/read-back.ts): each
// reader checks what its page uses, so a cut-off, edited or foreign file is refused in one line
// naming it before any drawing starts.
import { join } from 'node:path';
import type { NpyArray } from '../io/npy.js';
import {
  either,
  fields,
  isBoolean,
  isInteger,
  isNumber,
  isNumberOrNull,
  isObject,
  isString,
  listOf,
  nullable,
  optional,
  readBackJson,
  readBackNpy,
  type Check,
} from '../io/read-back.js';
import type { RadialSeriesEntry } from '../diagnostics/series.js';
import type { SweepFit, SweepRow } from '../studies/blowdown-sweep.js';
import type { NonradialRow, NonradialSettings } from '../studies/nonradial-study.js';

const triple = listOf(isNumber, 3, 3);

export interface SweepFolder {
  config: { deltas: number[]; alpha: number; tStar: number; n: number; L: number; rw: number };
  rows: SweepRow[];
  fit: SweepFit;
}

/** A row of sweep.json, also the file of one finished case (cases/<id>.json). */
export const SWEEP_ROW: Check = fields({
  delta: isNumber,
  ref_scale: isNumber,
  radial: fields({ Ef_L2M: isNumber, f_L2M: isNumber, f0: isNumber }),
  grid3d: nullable(fields({ n: isInteger, Ef_L2M: isNumber, f_L2M: isNumber, radial_error: isNumber })),
  n_needed: optional(isNumberOrNull),
});

const SWEEP: Check = fields({
  config: fields({ deltas: listOf(isNumber, 1), alpha: isNumber, tStar: isNumber, n: isInteger, L: isNumber, rw: isNumber }),
  rows: listOf(SWEEP_ROW, 1),
  fit: fields({ C: isNumber, theorem: isNumber, Ef_radial_small_delta: isNumberOrNull, Ef_radial: isNumberOrNull, f_radial: isNumberOrNull, Ef_3d: isNumberOrNull }),
});

export function readSweepFolder(dir: string): SweepFolder {
  return readBackJson(join(dir, 'sweep.json'), SWEEP);
}

export interface NonradialFolder {
  config: NonradialSettings;
  rows: NonradialRow[];
}

const optionalNumber = optional(isNumberOrNull);

/** A row of nonradial.json, also the file of one finished case (cases/<id>.json). */
export const NONRADIAL_ROW: Check = fields({
  delta: isNumber,
  centre: triple,
  shape: triple,
  ref_scale: isNumber,
  n_needed: optionalNumber,
  Ef_L2M: optionalNumber,
  f_L2M: optionalNumber,
  C: optionalNumber,
  bump_centre: optional(listOf(isNumberOrNull)),
  bump_covariance: optional(listOf(isNumberOrNull)),
  E_covariance: optional(listOf(isNumberOrNull)),
  excess_efold_time: optionalNumber,
  excess_efold_fit: optionalNumber,
  decay_rate: optionalNumber,
  history: optional(
    listOf(fields({ t: isNumber, bump_excess: isNumberOrNull, bump_covariance: listOf(isNumberOrNull, 1), E_covariance: listOf(isNumberOrNull, 1) }), 1),
  ),
});

const NONRADIAL: Check = fields({
  config: fields({
    deltas: listOf(isNumber, 1),
    alpha: isNumber,
    centres: listOf(isNumber),
    shapes: listOf(triple),
    tStar: isNumber,
    tEnd: isNumber,
    dtOut: isNumber,
    n: isInteger,
    L: isNumber,
    rw: isNumber,
  }),
  rows: listOf(NONRADIAL_ROW),
});

export function readNonradialFolder(dir: string): NonradialFolder {
  return readBackJson(join(dir, 'nonradial.json'), NONRADIAL);
}

export interface RadialFolder {
  config: { scenario: string; delta: number; alpha: number; tEnd: number; cells: number | number[]; extrapolated: boolean; rw: number };
  series: RadialSeriesEntry[];
}

const RADIAL: Check = fields({
  config: fields({ scenario: isString, delta: isNumber, alpha: isNumber, tEnd: isNumber, cells: either(isInteger, listOf(isInteger, 1)), rw: isNumber }),
  device: fields({ kind: isString }),
  series: listOf(
    fields({
      t: isNumber,
      step: isNumber,
      massDrift: isNumber,
      energyDrift: isNumber,
      f0: isNumber,
      Ef_L2M: optional(isNumber),
      f_L2M: optional(isNumber),
      dist_Meq_L2M: optional(isNumber),
      ref_scale: optional(isNumber),
    }),
    1,
  ),
});

/** The radial solver's record and its final profile, (rows, 2) columns r and f. */
export function readRadialFolder(dir: string): { run: RadialFolder; final: NpyArray } {
  const run = readBackJson<RadialFolder>(join(dir, 'diagnostics.json'), RADIAL);
  const final = readBackNpy(join(dir, 'final.npy'), ({ shape }) =>
    shape.length === 2 && shape[0]! >= 1 && shape[1] === 2 ? null : `holds shape (${shape.join(', ')}), not the radial profile's (rows, 2)`,
  );
  return { run, final };
}

/** Whether a folder's diagnostics.json is the radial solver's (any other is a 3D run's). */
export function isRadialRecord(dir: string): boolean {
  const record = readBackJson<{ device?: { kind?: unknown } }>(join(dir, 'diagnostics.json'), fields({}));
  return isObject(record.device) && record.device.kind === 'radial';
}

const COERCIVITY: Check = fields({
  n: isInteger,
  L: isNumber,
  scenario: isString,
  device: isString,
  maxwellian: fields({ c0_grid: isNumberOrNull, c0_exact: isNumberOrNull, ray_monotone: isBoolean }),
  kernel_residuals: listOf(isNumberOrNull),
  kernel_labels: listOf(isString),
  rayleigh_random: listOf(isNumberOrNull),
  LE_random: listOf(isNumberOrNull),
});

export function readCoercivityJson(dir: string): unknown {
  return readBackJson(join(dir, 'coercivity.json'), COERCIVITY);
}

const GRAZING: Check = fields({
  potential: fields({ name: isString, s: isNumber }),
  deflection: fields({ kappa: listOf(isNumber), rho: listOf(isNumber), theta: listOf(listOf(isNumberOrNull)), born: listOf(listOf(isNumberOrNull)) }),
  convergence: listOf(fields({})),
});

export function readGrazingJson(dir: string): unknown {
  return readBackJson(join(dir, 'grazing.json'), GRAZING);
}

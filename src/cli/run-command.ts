// `landau3d run`: set up the grid and initial data, pick the backend, integrate, write the run folder.
import { existsSync } from 'node:fs';
import { Grid } from '../grid/grid.js';
import { readNpyFile } from '../io/npy.js';
import type { RunRecord } from '../io/run-output.js';
import { createNodeOperator, type NodeOperator } from '../operator/create-operator-node.js';
import { blowdownRangeNote, initialState } from '../scenarios/scenarios.js';
import { RADIAL_SCENARIOS } from '../diagnostics/radial-reference.js';
import { integrateRun } from './integrate-run.js';
import { equationLabel } from './summary.js';
import { oneLine, shown, UsageError } from './option-values.js';
import type { RunOptions } from './run-options.js';

const DEFAULT_N = 16;
/** Smallest positive normal f32: the WGSL path cannot hold F below it (log F must stay finite). */
const F32_MIN_NORMAL = 1.1754943508222875e-38;

export async function runCommand(opts: RunOptions, log: (line: string) => void, error: (line: string) => void = console.error): Promise<number> {
  const { grid, f0 } = await initialData(opts);
  if (opts.compareRadial && !(RADIAL_SCENARIOS as readonly string[]).includes(opts.scenario)) {
    throw new UsageError(`--compare-radial needs a radial scenario (${RADIAL_SCENARIOS.join(', ')}), not '${opts.scenario}'`);
  }
  if (opts.scenario === 'blowdown') {
    const note = blowdownRangeNote(opts.params);
    if (note) log(`note: ${note}`);
    if (opts.epsF2 > 0) log('note: the blow-down profile E(t) and M_eq in the diagnostics solve the Landau equation (ε = 0); with --eps-f2 they are a reference, not the solution');
  }
  const { operator, notice, release } = await createRunOperator(grid, opts);
  try {
    if (notice) log(`notice: ${notice}`);
    checkInitialData(f0, operator.description.precision === 'f32');
    const conv = operator.description.conv ? `, ${operator.description.conv} convolution` : '';
    log(`backend: ${operator.description.kind}${conv} — ${operator.description.device}`);
    log(`grid: N = ${grid.n}, L = ${grid.L}, h = ${grid.h.toPrecision(4)}; t-end ${opts.tEnd}, output every ${opts.dtOut}`);
    log(`equation: ${equationLabel(opts.gamma, opts.epsF2)}`);
    operator.setState(f0);

    const record: RunRecord = {
      config: { ...opts, n: grid.n, h: grid.h, quiet: undefined },
      device: { ...operator.description },
      series: [],
      status: 'running',
    };
    return await integrateRun({ opts, grid, operator, record, snapshots: [] }, { log, error });
  } finally {
    release();
  }
}

/** The backend of a run (also of its resumption, which passes the backend and convolution it used). */
export function createRunOperator(grid: Grid, opts: RunOptions): Promise<NodeOperator> {
  return createNodeOperator(grid, opts.backend, { conv: opts.conv, gamma: opts.gamma, epsF2: opts.epsF2 });
}

async function initialData(opts: RunOptions): Promise<{ grid: Grid; f0: Float64Array }> {
  if (opts.init === undefined) {
    const grid = new Grid({ n: opts.n ?? DEFAULT_N, L: opts.L });
    return { grid, f0: initialState(grid, opts.scenario as Exclude<RunOptions['scenario'], 'file'>, opts.params) };
  }
  if (!existsSync(opts.init)) throw new UsageError(`--init ${shown(opts.init)}: no such file`);
  const { data, shape } = await readNpyFile(opts.init).catch((err: Error) => {
    // NpyError messages start with the path: quote it as the other --init messages do.
    const detail = err.message.startsWith(`${opts.init}: `) ? err.message.slice(opts.init!.length + 2) : err.message;
    throw new UsageError(`--init ${shown(opts.init)}: ${oneLine(detail)}`);
  });
  const n = shape[0]!;
  if (shape.length !== 3 || shape[1] !== n || shape[2] !== n) {
    throw new UsageError(`--init ${shown(opts.init)}: shape (${shape.join(', ')}) is not a cube (N, N, N)`);
  }
  if (opts.n !== undefined && opts.n !== n) throw new UsageError(`--init ${shown(opts.init)} has N = ${n} but --n ${opts.n} was given`);
  if (n < 4 || n > 512) throw new UsageError(`--init ${shown(opts.init)}: N = ${n} is outside 4..512`);
  return { grid: new Grid({ n, L: opts.L }), f0: data };
}

function checkInitialData(f: Float64Array, f32: boolean): void {
  let bad = 0;
  let min = Infinity;
  for (const x of f) {
    if (!Number.isFinite(x) || x <= 0) bad++;
    else min = Math.min(min, x);
  }
  if (bad > 0) throw new UsageError(`initial data has ${bad} cells that are not finite and positive; F must be > 0 everywhere (the scheme evolves log F)`);
  if (f32 && min < F32_MIN_NORMAL) {
    throw new UsageError(`initial data falls to ${min.toExponential(2)}, below f32's range, in the tails; reduce --L or raise the temperatures`);
  }
}

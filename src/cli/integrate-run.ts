// The time loop of `landau3d run` and `landau3d resume` with the files of the run folder: the
// diagnostics at every output, snapshots, checkpoints, and how a run ends — completed, failed (a
// health check), interrupted (SIGINT, SIGTERM) or cut off (GPU device lost). However it ends, the
// diagnostics stop at the last completed output and, with --checkpoint-every, checkpoint.json
// holds that output, so `landau3d resume DIR` can go on from there.
import { SingleBar } from 'cli-progress';
import { outputDiagnostics } from '../diagnostics/output-diagnostics.js';
import { DeviceLostError } from '../backends/operator-errors.js';
import { cliMessage } from './option-flags.js';
import type { Grid } from '../core/grid/grid.js';
import { removeOrphanStatesSync, writeCheckpoint } from '../io/checkpoint.js';
import { writeFinalState, writeSnapshot, type ExportedValues, type ExportField, type SnapshotEntry } from '../io/field-output.js';
import { writeDiagnostics, writeDiagnosticsSync, type RunRecord } from '../io/run-output.js';
import { removePartialsSync, WriteError } from '../io/atomic-write.js';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { LandauOperator } from '../backends/landau-operator.js';
import { simulate, SimulationError, type ResumePoint } from '../solver/simulate.js';
import type { RunOptions } from './run-options.js';
import { summaryTable } from './summary.js';

import { EXIT_INTERRUPTED } from './startup-signals.js';

export interface RunSession {
  opts: RunOptions;
  grid: Grid;
  /** Holds the initial state, or the checkpoint's state when resuming. */
  operator: LandauOperator;
  /** The record so far: empty series for a new run, the checkpoint's for a resumed one. */
  record: RunRecord;
  snapshots: SnapshotEntry[];
  /** Where a resumed run goes on from, with the state the operator holds. */
  from?: { carry: ResumePoint; state: Float64Array };
  /** Lines printed under the summary table (how N was chosen). */
  summaryNotes?: string[];
}

export interface RunConsole {
  log(line: string): void;
  error(line: string): void;
}

/** Signal that stopped the run, as the abort reason of the time loop. */
class RunInterrupted extends Error {
  override name = 'RunInterrupted';
}

/** Checkpoints fall on the first output at or after each multiple of `every`. */
export class CheckpointSchedule {
  private next: number;
  constructor(
    private readonly every: number,
    t: number,
  ) {
    this.next = this.after(t);
  }

  due(t: number): boolean {
    if (t < this.next - 1e-9 * this.every) return false;
    this.next = this.after(t);
    return true;
  }

  private after(t: number): number {
    return (Math.floor(t / this.every + 1e-9) + 1) * this.every;
  }
}

/** Integrates a run into opts.out, which the calling command has made and locked (run-command.ts, resume-command.ts). */
export async function integrateRun(session: RunSession, io: RunConsole): Promise<number> {
  const stop = new AbortController();
  // The first signal stops the run at the end of its step and keeps its results; a second one stops
  // it at once (stopNow). Answered until the run's last file is written.
  const interrupt = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) stop.abort(new RunInterrupted(`interrupted by ${signal}`));
    else stopNow(session.opts.out, session.record, signal, io);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await integrate(session, io, stop.signal);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function integrate(session: RunSession, io: RunConsole, signal: AbortSignal): Promise<number> {
  const { opts, grid, operator, record, snapshots } = session;
  let latest = session.from ?? null;
  const schedule = opts.checkpointEvery === undefined ? null : new CheckpointSchedule(opts.checkpointEvery, latest?.carry.t ?? 0);
  const checkpoint = async () => {
    if (!schedule || !latest) return;
    const options = { ...opts, n: grid.n, quiet: undefined };
    await writeCheckpoint(opts.out, { options, record, resume: latest.carry, snapshots, state: latest.state }, grid.n);
  };

  const t0 = latest?.carry.t ?? 0;
  const bar = !opts.quiet && process.stderr.isTTY && opts.tEnd > t0
    ? new SingleBar({ format: 'integrating |{bar}| t = {t} / {tEnd}  step {step}  {eta_formatted} left', stream: process.stderr, hideCursor: true })
    : null;
  bar?.start(opts.tEnd, t0, { t: String(t0), tEnd: opts.tEnd, step: latest?.carry.step ?? 0 });
  const started = performance.now();
  try {
    await simulate(operator, { tEnd: opts.tEnd, dtOut: opts.dtOut, cfl: opts.cfl, rateTol: opts.rateTol, signal, fMax: opts.fMax }, {
      onProgress: (t, step) => bar?.update(t, { t: t.toPrecision(4), step }),
      onOutput: async (entry, state, carry) => {
        record.series.push(entry);
        latest = { carry, state };
        await writeDiagnostics(opts.out, record);
        if (opts.snapshots) await writeSnapshot(opts.out, grid, state, entry, snapshots, await exportedFields(operator, state, opts.exportFields));
        if (schedule?.due(entry.t) && entry.t < opts.tEnd) await checkpoint();
        if (!bar && !opts.quiet && opts.tEnd > 0) {
          io.log(`t = ${entry.t.toPrecision(6)}  step ${entry.step}  dt ${entry.dt.toExponential(3)}  mass drift ${entry.massDrift.toExponential(2)}  H ${entry.entropy.toPrecision(8)}`);
        }
      },
    }, outputDiagnostics(grid, {
      scenario: opts.scenario,
      params: opts.params,
      rw: opts.rw,
      compareRadial: opts.compareRadial,
      onReference: (profile) => (record.radialReference = profile),
      priorOutputs: record.series.map((e) => e.t),
      operator,
    }), session.from?.carry);
  } catch (err) {
    bar?.stop();
    if (err instanceof WriteError) throw await writeFailure(opts.out, record, err);
    const ending = howItEnded(err);
    if (!ending) throw err;
    record.status = ending.status;
    record.error = ending.message;
    await writeDiagnostics(opts.out, record);
    if (latest) await writeFinalState(opts.out, latest.state, grid);
    await checkpoint();
    const at = latest ? `t = ${latest.carry.t}, step ${latest.carry.step}` : '';
    const where = latest ? `${opts.out} ends at the last completed output (${at}).` : 'no output was completed.';
    const next = ending.status !== 'interrupted' || !latest ? '' : schedule
      ? ` The checkpoint holds the last output (${at}): continue with  landau3d resume ${opts.out}`
      : ' The run had no --checkpoint-every, so it cannot be resumed.';
    io.error(`landau3d: ${ending.message}; ${where}${next}`);
    return ending.code;
  }
  bar?.stop();
  // The data first, then the status that vouches for them.
  try {
    await writeFinalState(opts.out, latest!.state, grid);
    await checkpoint();
    record.status = 'completed';
    await writeDiagnostics(opts.out, record);
  } catch (err) {
    if (err instanceof WriteError) throw await writeFailure(opts.out, record, err);
    throw err;
  }
  if (!opts.quiet) {
    io.log('');
    io.log(summaryTable(record.series, (performance.now() - started) / 1000, operator.description.precision, operator.equation.epsF2));
    for (const note of session.summaryNotes ?? []) io.log(note);
    io.log('');
  }
  io.log(`wrote ${opts.out}/grid.json, diagnostics.json, diagnostics.csv, final.npy, final.vti${schedule ? ', checkpoint.json' : ''}${opts.snapshots ? ', snapshots/' : ''}`);
  return 0;
}

/**
 * A second signal: the process ends now, with the folder consistent. diagnostics.json marks the run
 * interrupted at its last output, cut-off writes leave no temporary file and no state file that
 * checkpoint.json does not name; the lock goes with the process (run-folder-claim.ts).
 */
function stopNow(dir: string, record: RunRecord, signal: NodeJS.Signals, io: RunConsole): never {
  record.status = 'interrupted';
  record.error = `interrupted by ${signal} twice`;
  const saved = writeDiagnosticsSync(dir, record);
  removePartialsSync(dir);
  removePartialsSync(join(dir, 'snapshots'));
  removeOrphanStatesSync(dir);
  const last = record.series.at(-1);
  const where = last ? `its last output, t = ${last.t}` : 'no output';
  io.error(`landau3d: interrupted again by ${signal}: stopped at once; ${saved ? `diagnostics.json marks the run interrupted at ${where}` : 'diagnostics.json could not be updated'}, final.npy and the checkpoint may be from an earlier output`);
  process.exit(EXIT_INTERRUPTED);
}

/** The stops a run folder records; anything else is a bug and propagates. */
function howItEnded(err: unknown): { status: 'failed' | 'interrupted'; message: string; code: number } | null {
  if (err instanceof RunInterrupted) return { status: 'interrupted', message: err.message, code: EXIT_INTERRUPTED };
  if (err instanceof DeviceLostError) return { status: 'interrupted', message: err.message.replace(/\.$/, ''), code: 1 };
  if (err instanceof SimulationError) return { status: 'failed', message: cliMessage(err), code: 1 };
  return null;
}

/**
 * A write of the run folder failed (disk full, …): diagnostics.json is marked failed, or — when
 * even that cannot be written — removed, so that it never claims a state the files do not hold.
 * Returns the error to end the command with (exit status 1).
 */
async function writeFailure(dir: string, record: RunRecord, err: WriteError): Promise<WriteError> {
  record.status = 'failed';
  record.error = err.message;
  try {
    await writeDiagnostics(dir, record);
    return new WriteError(`${err.message}; diagnostics.json marks the run failed, the other files hold the last output they were written for`);
  } catch {
    await unlink(join(dir, 'diagnostics.json')).catch(() => {});
    await unlink(join(dir, 'diagnostics.csv')).catch(() => {});
    return new WriteError(`${err.message}; diagnostics.json could not be updated and was removed`);
  }
}

/** The fields --export-fields asks for, of the state at an output (the operator holds it: nothing is changed). */
async function exportedFields(operator: LandauOperator, state: Float64Array, fields: readonly ExportField[]): Promise<ExportedValues> {
  const out: ExportedValues = {};
  if (fields.includes('A')) out.A = await operator.diffusionMatrix();
  if (fields.includes('Q')) out.Q = await operator.collision();
  if (fields.includes('logF')) out.logF = state.map(Math.log);
  return out;
}

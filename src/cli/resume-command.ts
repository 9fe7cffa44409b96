// `landau3d resume DIR [--t-end T]`: continues a run made with --checkpoint-every from its
// checkpoint, in its folder, with its options and on the backend it used; --t-end extends it. The
// output grid k·dtOut is kept, so a run to T1 resumed to T2 takes the steps of a run straight to T2.
import { endStartup, onStartupAbort } from './startup-signals.js';
import { lockFolder } from '../io/run-folder-claim.js';
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { Grid } from '../core/grid/grid.js';
import { CHECKPOINT_FILE, CheckpointError, readCheckpoint, type Checkpoint } from '../io/checkpoint.js';
import { outputTimes } from '../solver/simulate.js';
import { integrateRun } from './integrate-run.js';
import { number, UsageError, type RawOptions } from './option-values.js';
import { createRunOperator } from './run-command.js';
import { storedRunOptions, type RunOptions } from './run-options.js';
import { join } from 'node:path';
import { cliMessage } from './option-flags.js';

export interface ResumeOptions {
  dir: string;
  /** New final time; the run's own when absent. */
  tEnd?: number;
  quiet: boolean;
}

export function parseResumeOptions(dir: unknown, raw: RawOptions): ResumeOptions {
  if (typeof dir !== 'string' || dir.trim() === '') throw new UsageError('resume needs DIR: the folder of a run made with --checkpoint-every');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`${dir} is not a folder; give the folder of a run made with --checkpoint-every`);
  return {
    dir,
    tEnd: raw.tEnd === undefined ? undefined : number(raw, 'tEnd', '--t-end', 0, (x) => x >= 0 && x <= 1e6, '0 ≤ T ≤ 1e6'),
    quiet: raw.quiet === true,
  };
}

export async function resumeCommand(o: ResumeOptions, log: (line: string) => void, error: (line: string) => void = console.error): Promise<number> {
  if (!existsSync(o.dir)) throw new UsageError(`${o.dir}: no such run folder`);
  // One owner per run folder, taken before anything is read: a second resume (or a run, or a report)
  // is refused as such instead of reading a checkpoint its owner is replacing.
  const lock = await lockFolder(o.dir);
  const unlockOnAbort = onStartupAbort(() => lock.releaseSync());
  try {
    if (lock.note) log(`note: ${o.dir}: ${lock.note}`);
    return await resumeLocked(o, log, error);
  } finally {
    unlockOnAbort();
    await lock.release();
  }
}

/** The resume itself, with the folder's lock held. */
async function resumeLocked(o: ResumeOptions, log: (line: string) => void, error: (line: string) => void): Promise<number> {
  const checkpoint = await readCheckpoint(o.dir).catch((err: unknown) => {
    throw err instanceof CheckpointError ? new UsageError(cliMessage(err)) : err;
  });
  const { t, step } = checkpoint.resume;
  const opts = resumedOptions(checkpoint, o);
  if (opts.tEnd < t) {
    throw new UsageError(`--t-end = ${opts.tEnd} is before the checkpoint (t = ${t}): a run can be continued or extended, not shortened`);
  }
  if (opts.tEnd / opts.dtOut > 100000) throw new UsageError(`--t-end ${opts.tEnd} with the run's --dt-out ${opts.dtOut} asks for ${Math.ceil(opts.tEnd / opts.dtOut)} outputs; at most 100000`);
  if (opts.tEnd === t) {
    log(`${o.dir} is at t = ${t} (step ${step}) already; give --t-end to extend it`);
    return 0;
  }
  if (t > 0 && !outputTimes(opts.tEnd, opts.dtOut).includes(t)) {
    log(`note: the checkpoint's t = ${t} is not on the output grid k·${opts.dtOut}; the run goes on along that grid, but not step for step as a run straight to ${opts.tEnd} would`);
  }

  const grid = new Grid({ n: opts.n!, L: opts.L });
  const { operator, backendKey, release } = await createRunOperator(grid, opts);
  try {
    const then = checkpoint.record.device;
    if (then.backendKey !== backendKey) {
      log(`note: the run used ${String(then.device)}; it goes on on ${operator.description.device}, so its steps may differ in the last bits from a run on one device`);
    }
    if (!o.quiet) log(`resuming ${o.dir} at t = ${t} (step ${step}) on ${operator.description.kind}; t-end ${opts.tEnd}, output every ${opts.dtOut}`);
    operator.setState(checkpoint.state);
    const record = { ...checkpoint.record, config: { ...checkpoint.record.config, tEnd: opts.tEnd }, status: 'running' as const, error: undefined };
    const session = { opts, grid, operator, record, snapshots: checkpoint.snapshots, from: { carry: checkpoint.resume, state: checkpoint.state } };
    endStartup();
    return await integrateRun(session, { log, error });
  } finally {
    release();
  }
}

/** The stored options, on the backend and convolution the run used, with the new end time and folder. */
function resumedOptions(checkpoint: Checkpoint, o: ResumeOptions): RunOptions {
  const stored = storedRunOptions(checkpoint.options, (what) => new UsageError(`${join(o.dir, CHECKPOINT_FILE)} is corrupt: ${what}; start a new run`));
  const device = checkpoint.record.device as { kind?: RunOptions['backend']; conv?: RunOptions['conv'] };
  return {
    ...stored,
    backend: device.kind ?? stored.backend,
    conv: device.conv ?? stored.conv,
    tEnd: o.tEnd ?? stored.tEnd,
    out: o.dir,
    quiet: o.quiet,
  };
}

export function registerResumeCommand(program: Command): void {
  program
    .command('resume')
    .description('continue a run made with --checkpoint-every from its checkpoint, in its folder, with its options; --t-end extends it')
    .argument('<dir>', 'the run folder (holds checkpoint.json)')
    .option('--t-end <T>', "new final time, not before the checkpoint's (default: the run's own)")
    .option('--quiet', 'no progress output')
    .action(async (dir: string, raw: RawOptions) => {
      const code = await resumeCommand(parseResumeOptions(dir, raw), (line) => console.log(line));
      process.exit(code);
    });
}

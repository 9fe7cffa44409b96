// Slurm's own commands, as a study's executor needs them: submit an array (sbatch), the state of
// each task (sacct where the cluster keeps accounting, else squeue, which remembers finished jobs
// for MinJobAge), cancel one task (scancel). The parsers are separate functions, tested on the
// commands' text; the client only runs the commands.
import { spawnSync } from 'node:child_process';
import { UserInputError } from '../core/errors/user-input-error.js';

/** Slurm job states, as sacct and squeue print them (a state with a reason, "CANCELLED by 0", is cut to its word). */
export type TaskState = 'PENDING' | 'RUNNING' | 'COMPLETING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMEOUT' | 'PREEMPTED' | 'NODE_FAIL' | 'OUT_OF_MEMORY' | 'REQUEUED' | 'SUSPENDED' | 'OTHER';

const KNOWN_STATES = new Set<TaskState>(['PENDING', 'RUNNING', 'COMPLETING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'PREEMPTED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'REQUEUED', 'SUSPENDED']);

/** States after which a task will not run again unless submitted again. */
export const FINAL_STATES: ReadonlySet<TaskState> = new Set<TaskState>(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY', 'OTHER']);

export interface TaskStatus {
  task: number;
  state: TaskState;
  /** "exit:signal" as sacct gives it; null from squeue. */
  exitCode: string | null;
}

/** A Slurm command that failed, with what it printed. */
export class SlurmError extends UserInputError {
  override name = 'SlurmError';
}

function taskState(word: string): TaskState {
  const head = word.trim().split(/\s+/)[0]!.toUpperCase();
  return KNOWN_STATES.has(head as TaskState) ? (head as TaskState) : 'OTHER';
}

/** The job id of `sbatch --parsable`'s answer ("1234" or "1234;cluster"). */
export function parseSubmitted(stdout: string): number {
  const id = Number(stdout.trim().split(';')[0]);
  if (!Number.isInteger(id) || id <= 0) throw new SlurmError(`sbatch answered ${JSON.stringify(stdout.trim())}, not a job id`);
  return id;
}

/** Per task of array job `jobId`, from `sacct --parsable2 --noheader --format=JobID,State,ExitCode` (job steps skipped). */
export function parseSacct(stdout: string, jobId: number): TaskStatus[] {
  const out = new Map<number, TaskStatus>();
  for (const line of stdout.split('\n')) {
    const [id, state, exitCode] = line.split('|');
    const match = id?.match(/^(\d+)_(\d+)$/);
    if (!match || Number(match[1]) !== jobId) continue;
    out.set(Number(match[2]), { task: Number(match[2]), state: taskState(state ?? ''), exitCode: exitCode ?? null });
  }
  return [...out.values()].sort((a, b) => a.task - b.task);
}

/** Per task of array job `jobId`, from `squeue --array --states=all --noheader --format=%i|%T`. */
export function parseSqueue(stdout: string, jobId: number): TaskStatus[] {
  const out = new Map<number, TaskStatus>();
  for (const line of stdout.split('\n')) {
    const [id, state] = line.trim().split('|');
    const match = id?.match(/^(\d+)_(\d+)$/);
    if (!match || Number(match[1]) !== jobId) continue;
    out.set(Number(match[2]), { task: Number(match[2]), state: taskState(state ?? ''), exitCode: null });
  }
  return [...out.values()].sort((a, b) => a.task - b.task);
}

export interface SlurmClientOptions {
  /** Environment of the commands (SLURM_CONF of a test cluster, for one). */
  env?: NodeJS.ProcessEnv;
}

export class SlurmClient {
  constructor(private readonly options: SlurmClientOptions = {}) {}

  /** Whether sbatch is on the PATH. */
  static installed(env: NodeJS.ProcessEnv = process.env): boolean {
    return spawnSync('sbatch', ['--version'], { env, encoding: 'utf8' }).status === 0;
  }

  /** Submits a batch script; returns the job id. */
  submit(scriptPath: string): number {
    return parseSubmitted(this.run('sbatch', ['--parsable', scriptPath]));
  }

  /** The tasks' states: from accounting where the cluster keeps it, else from the controller's memory. */
  tasks(jobId: number): TaskStatus[] {
    const sacct = spawnSync('sacct', ['-j', String(jobId), '--array', '--parsable2', '--noheader', '--format=JobID,State,ExitCode'], { env: this.env, encoding: 'utf8' });
    if (sacct.status === 0) return parseSacct(sacct.stdout, jobId);
    return parseSqueue(this.run('squeue', ['-j', String(jobId), '--array', '--states=all', '--noheader', '--format=%i|%T']), jobId);
  }

  /** Cancels one task of an array job. */
  cancel(jobId: number, task: number): void {
    this.run('scancel', [`${jobId}_${task}`]);
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  private run(command: string, args: string[]): string {
    const r = spawnSync(command, args, { env: this.env, encoding: 'utf8' });
    if (r.error) throw new SlurmError(`${command} could not be started (${r.error.message}); is Slurm installed on this machine?`);
    if (r.status !== 0) throw new SlurmError(`${command} ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
    return r.stdout;
  }
}

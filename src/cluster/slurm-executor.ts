// The Slurm executor: the plan's pending cases (missing or failed) as one job array, DIR/slurm/
// array.sbatch (array-script.ts) with --time and --mem from the largest estimate among them,
// submitted with sbatch; every submission is recorded in DIR/slurm/jobs.json. follow() polls the
// tasks' states (sacct, or squeue without accounting) until every task has ended.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { fields, isInteger, isString, listOf, readBackJson } from '../io/read-back.js';
import { arrayScript, type SiteOptions } from './array-script.js';
import { FINAL_STATES, type SlurmClient, type TaskStatus } from './slurm-client.js';
import type { PlannedCase, StudyPlan } from './study-plan.js';

export const SLURM_DIR = 'slurm';
export const SCRIPT_FILE = 'array.sbatch';
export const JOBS_FILE = 'jobs.json';

export interface ArraySubmission {
  dir: string;
  plan: StudyPlan;
  pending: readonly PlannedCase[];
  /** One line run by every task; it reads its case from $SLURM_ARRAY_TASK_ID. */
  command: string;
  gpu: boolean;
  site: SiteOptions;
  maxParallel?: number;
}

/** Writes DIR/slurm/array.sbatch for the pending cases; returns its path. */
export async function writeArrayScript(s: ArraySubmission): Promise<string> {
  const folder = join(s.dir, SLURM_DIR);
  await mkdir(join(folder, 'logs'), { recursive: true });
  const path = join(folder, SCRIPT_FILE);
  const text = arrayScript({
    jobName: `landau3d-${s.plan.kind}`,
    indices: s.pending.map((c) => c.index),
    maxParallel: s.maxParallel,
    minutesPerTask: Math.max(...s.pending.map((c) => c.estimate.minutes)),
    memoryMiBPerTask: Math.max(...s.pending.map((c) => c.estimate.memoryMiB)),
    cpusPerTask: s.plan.threads,
    gpusPerTask: s.gpu ? 1 : 0,
    logDir: join(folder, 'logs'),
    workDir: s.dir,
    command: s.command,
    site: s.site,
  });
  await atomicWrite(path, text);
  return path;
}

export interface SubmittedJob {
  job: number;
  tasks: number[];
  submitted: string;
}

const JOBS_CHECK = listOf(fields({ job: isInteger, tasks: listOf(isInteger), submitted: isString }));

/** The jobs submitted for this study so far, oldest first (a damaged record is refused in one line naming it). */
export function submittedJobs(dir: string): SubmittedJob[] {
  const path = join(dir, SLURM_DIR, JOBS_FILE);
  return existsSync(path) ? readBackJson<SubmittedJob[]>(path, JOBS_CHECK) : [];
}

/** Submits the script and records the job; returns its id. */
export async function submitArray(client: SlurmClient, dir: string, script: string, tasks: number[]): Promise<number> {
  const job = client.submit(script);
  const jobs = [...submittedJobs(dir), { job, tasks, submitted: new Date().toISOString() }];
  await atomicWrite(join(dir, SLURM_DIR, JOBS_FILE), JSON.stringify(jobs, null, 1) + '\n');
  return job;
}

/** Polls job JOB until all its TASKS have ended; onChange sees the states whenever they change. */
export async function followArray(
  client: SlurmClient,
  job: number,
  tasks: number,
  onChange: (states: TaskStatus[]) => void,
  options: { intervalMs?: number; signal?: AbortSignal } = {},
): Promise<TaskStatus[]> {
  let last = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const states = client.tasks(job);
    const key = states.map((t) => `${t.task}:${t.state}`).join(',');
    if (key !== last) {
      onChange(states);
      last = key;
    }
    if (states.length >= tasks && states.every((t) => FINAL_STATES.has(t.state))) return states;
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 2000));
  }
}

/** How many tasks are in each state, in words ("3 COMPLETED, 1 RUNNING"). */
export function stateCounts(states: readonly TaskStatus[]): string {
  const counts = new Map<string, number>();
  for (const t of states) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return [...counts].map(([state, k]) => `${k} ${state}`).join(', ');
}

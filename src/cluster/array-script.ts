// The batch script of a Slurm job array: one task per study case, each running the same command
// with its index ($SLURM_ARRAY_TASK_ID). Time and memory per task come from the cases' estimates;
// what a site needs beyond them (partition, account, QoS, further #SBATCH lines) from its options.
import { UserInputError } from '../core/errors/user-input-error.js';

/** What a site asks of every job: all optional. */
export interface SiteOptions {
  partition?: string;
  account?: string;
  qos?: string;
  /** Further directives, each with or without its leading "#SBATCH ". */
  extraDirectives?: readonly string[];
}

export interface ArrayJobSpec {
  jobName: string;
  /** The task indices to run: all cases, or only those missing or failed on a resubmission. */
  indices: readonly number[];
  /** At most this many tasks at once (the %P of --array); none: as many as the cluster allows. */
  maxParallel?: number;
  /** Wall time and memory of one task, with the margin the caller wants already included. */
  minutesPerTask: number;
  memoryMiBPerTask: number;
  cpusPerTask: number;
  gpusPerTask: 0 | 1;
  /** Folder of the task logs (<job>_<task>.out); the working folder of every task. */
  logDir: string;
  workDir: string;
  /** The command each task runs, which reads its index from $SLURM_ARRAY_TASK_ID. */
  command: string;
  site?: SiteOptions;
}

/** A value unfit for a batch script (a newline would end the directive; a quote the command). */
export class ArrayScriptError extends UserInputError {
  override name = 'ArrayScriptError';
}

const SAFE_VALUE = /^[A-Za-z0-9._:+=,@%/-]+$/;

function checkedValue(label: string, value: string): string {
  if (!SAFE_VALUE.test(value)) throw new ArrayScriptError(`${label} ${JSON.stringify(value)} may hold only letters, digits and . _ : + = , @ % / -`);
  return value;
}

function checkedPath(label: string, path: string): string {
  if (path.length === 0 || /[\n\r'"`$\\]/.test(path)) throw new ArrayScriptError(`${label} ${JSON.stringify(path)} must be a plain path without quotes, '$', '\\' or line breaks`);
  return path;
}

/** --array's value: runs of consecutive indices as ranges ("0-3,7,9-10"), with %P when given. */
export function arrayRange(indices: readonly number[], maxParallel?: number): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  if (sorted.length === 0) throw new ArrayScriptError('a job array needs at least one task');
  for (const i of sorted) if (!Number.isInteger(i) || i < 0) throw new ArrayScriptError(`task index ${i} is not a non-negative integer`);
  const runs: string[] = [];
  let start = sorted[0]!;
  let previous = start;
  for (const i of [...sorted.slice(1), NaN]) {
    if (i === previous + 1) {
      previous = i;
      continue;
    }
    runs.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = previous = i;
  }
  if (maxParallel !== undefined && !(Number.isInteger(maxParallel) && maxParallel >= 1)) throw new ArrayScriptError(`at most ${maxParallel} tasks at once is not a positive integer`);
  return runs.join(',') + (maxParallel !== undefined ? `%${maxParallel}` : '');
}

/** HH:MM:SS of whole minutes, rounded up (Slurm's --time; days written as hours). */
export function slurmTime(minutes: number): string {
  if (!(Number.isFinite(minutes) && minutes > 0)) throw new ArrayScriptError(`a task time of ${minutes} minutes is not positive`);
  const whole = Math.ceil(minutes);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}:00`;
}

/** Refuses site settings that cannot go into a batch script (what arrayScript would refuse), before any work. */
export function checkSite(site: SiteOptions): void {
  siteDirectives(site);
}

function siteDirectives(site: SiteOptions): string[] {
  const lines: string[] = [];
  if (site.partition) lines.push(`--partition=${checkedValue('partition', site.partition)}`);
  if (site.account) lines.push(`--account=${checkedValue('account', site.account)}`);
  if (site.qos) lines.push(`--qos=${checkedValue('QoS', site.qos)}`);
  for (const raw of site.extraDirectives ?? []) {
    const directive = raw.trim().replace(/^#SBATCH\s+/, '');
    if (!/^--?[A-Za-z]/.test(directive) || /[\n\r]/.test(directive)) throw new ArrayScriptError(`extra directive ${JSON.stringify(raw)} is not an sbatch option (e.g. "--constraint=a100")`);
    lines.push(directive);
  }
  return lines;
}

/** The text of the batch script (bash), directives first, then the task's command. */
export function arrayScript(spec: ArrayJobSpec): string {
  if (!(Number.isInteger(spec.cpusPerTask) && spec.cpusPerTask >= 1)) throw new ArrayScriptError(`${spec.cpusPerTask} CPUs per task is not a positive integer`);
  if (!(Number.isFinite(spec.memoryMiBPerTask) && spec.memoryMiBPerTask > 0)) throw new ArrayScriptError(`${spec.memoryMiBPerTask} MiB per task is not positive`);
  if (/[\n\r]/.test(spec.command)) throw new ArrayScriptError('the task command must be one line');
  const directives = [
    `--job-name=${checkedValue('job name', spec.jobName)}`,
    `--array=${arrayRange(spec.indices, spec.maxParallel)}`,
    `--time=${slurmTime(spec.minutesPerTask)}`,
    `--mem=${Math.ceil(spec.memoryMiBPerTask)}M`,
    `--cpus-per-task=${spec.cpusPerTask}`,
    ...(spec.gpusPerTask > 0 ? [`--gpus-per-task=${spec.gpusPerTask}`] : []),
    `--output=${checkedPath('log folder', spec.logDir)}/%A_%a.out`,
    '--requeue',
    ...siteDirectives(spec.site ?? {}),
  ];
  return [
    '#!/bin/bash',
    ...directives.map((d) => `#SBATCH ${d}`),
    '',
    '# One case of the study per task; a requeued task runs its case again unless it finished.',
    'set -euo pipefail',
    `cd '${checkedPath('working folder', spec.workDir)}'`,
    `exec ${spec.command}`,
    '',
  ].join('\n');
}

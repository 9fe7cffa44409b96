// Job arrays on Slurm: the batch script a study's cases become, the parsers of Slurm's answers, and
// the whole round on a real one-node cluster started for the test — submit, follow, cancel one
// task mid-run, submit only that task again.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayRange, arrayScript, ArrayScriptError, slurmTime, type ArrayJobSpec } from '../src/cluster/array-script.js';
import { FINAL_STATES, parseSacct, parseSqueue, parseSubmitted, SlurmClient, type TaskStatus } from '../src/cluster/slurm-client.js';
import { localSlurmUnavailable, startLocalSlurm, type LocalSlurm } from './support/local-slurm.js';
import { landau3d } from './support/cli.js';
import { readPlan } from '../src/cluster/study-plan.js';
import { submittedJobs } from '../src/cluster/slurm-executor.js';

const spec = (over: Partial<ArrayJobSpec> = {}): ArrayJobSpec => ({
  jobName: 'sweep-demo',
  indices: [0, 1, 2, 3],
  minutesPerTask: 12.5,
  memoryMiBPerTask: 900.2,
  cpusPerTask: 2,
  gpusPerTask: 0,
  logDir: '/scratch/study/slurm/logs',
  workDir: '/scratch/study',
  command: 'landau3d case /scratch/study "$SLURM_ARRAY_TASK_ID"',
  ...over,
});

describe('array script', () => {
  it('writes runs of indices as ranges, with the parallel limit', () => {
    expect(arrayRange([0, 1, 2, 3])).toBe('0-3');
    expect(arrayRange([9, 0, 1, 2, 7, 10, 2], 2)).toBe('0-2,7,9-10%2');
    expect(arrayRange([5])).toBe('5');
    expect(() => arrayRange([])).toThrow(ArrayScriptError);
    expect(() => arrayRange([1.5])).toThrow(/not a non-negative integer/);
    expect(() => arrayRange([0], 0)).toThrow(/positive integer/);
  });

  it('rounds task times up to whole minutes', () => {
    expect(slurmTime(12.5)).toBe('00:13:00');
    expect(slurmTime(60)).toBe('01:00:00');
    expect(slurmTime(1500.2)).toBe('25:01:00');
    expect(() => slurmTime(0)).toThrow(ArrayScriptError);
    expect(() => slurmTime(Number.NaN)).toThrow(ArrayScriptError);
  });

  it('has the directives of the estimates and of the site, then the command', () => {
    const text = arrayScript(spec({ maxParallel: 2, gpusPerTask: 1, site: { partition: 'gpu', account: 'plasma-01', qos: 'normal', extraDirectives: ['#SBATCH --constraint=a100', '--exclusive'] } }));
    const directives = text.split('\n').filter((l) => l.startsWith('#SBATCH ')).map((l) => l.slice(8));
    expect(directives).toEqual([
      '--job-name=sweep-demo',
      '--array=0-3%2',
      '--time=00:13:00',
      '--mem=901M',
      '--cpus-per-task=2',
      '--gpus-per-task=1',
      '--output=/scratch/study/slurm/logs/%A_%a.out',
      '--requeue',
      '--partition=gpu',
      '--account=plasma-01',
      '--qos=normal',
      '--constraint=a100',
      '--exclusive',
    ]);
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    expect(text).toContain("cd '/scratch/study'\n");
    expect(text.trimEnd().endsWith('exec landau3d case /scratch/study "$SLURM_ARRAY_TASK_ID"')).toBe(true);
    expect(arrayScript(spec())).not.toContain('--gpus-per-task');
  });

  it('refuses values that would break the script', () => {
    expect(() => arrayScript(spec({ jobName: 'a b' }))).toThrow(/job name/);
    expect(() => arrayScript(spec({ site: { partition: 'gpu\n#SBATCH --x' } }))).toThrow(/partition/);
    expect(() => arrayScript(spec({ site: { extraDirectives: ['echo hi'] } }))).toThrow(/not an sbatch option/);
    expect(() => arrayScript(spec({ workDir: "/tmp/it's" }))).toThrow(/working folder/);
    expect(() => arrayScript(spec({ command: 'a\nb' }))).toThrow(/one line/);
    expect(() => arrayScript(spec({ cpusPerTask: 0 }))).toThrow(/CPUs/);
  });
});

describe("Slurm's answers", () => {
  it('reads the job id of sbatch --parsable', () => {
    expect(parseSubmitted('1234\n')).toBe(1234);
    expect(parseSubmitted('77;cluster-a\n')).toBe(77);
    expect(() => parseSubmitted('sbatch: error: Batch job submission failed')).toThrow(/not a job id/);
  });

  it('reads per-task states from sacct (steps skipped) and squeue', () => {
    const sacct = ['12_0|COMPLETED|0:0', '12_0.batch|COMPLETED|0:0', '12_1|CANCELLED by 0|0:15', '12_2|RUNNING|0:0', '13_0|FAILED|1:0', ''].join('\n');
    expect(parseSacct(sacct, 12)).toEqual([
      { task: 0, state: 'COMPLETED', exitCode: '0:0' },
      { task: 1, state: 'CANCELLED', exitCode: '0:15' },
      { task: 2, state: 'RUNNING', exitCode: '0:0' },
    ]);
    const squeue = ['12_3|PENDING', '12_1|COMPLETED', '12_2|WEIRD_STATE', '4_1|RUNNING'].join('\n');
    expect(parseSqueue(squeue, 12).map((t) => [t.task, t.state])).toEqual([
      [1, 'COMPLETED'],
      [2, 'OTHER'],
      [3, 'PENDING'],
    ]);
  });
});

const unavailable = localSlurmUnavailable();
if (unavailable && process.env.CI) throw new Error(`CI runs the Slurm tests: ${unavailable}`);
if (unavailable) console.warn(`slurm-array.test: the tests on a local cluster are skipped — ${unavailable}`);

describe.skipIf(unavailable !== null)('on a one-node Slurm cluster', () => {
  let cluster: LocalSlurm;
  let work: string;
  beforeAll(async () => {
    cluster = await startLocalSlurm();
    work = mkdtempSync(join(tmpdir(), 'landau3d-array-'));
    // The command line started by the tests below reaches this cluster.
    process.env.SLURM_CONF = cluster.env.SLURM_CONF;
  }, 60_000);
  afterAll(() => {
    delete process.env.SLURM_CONF;
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function until(client: SlurmClient, job: number, done: (tasks: TaskStatus[]) => boolean, seconds = 60): Promise<TaskStatus[]> {
    const end = Date.now() + seconds * 1000;
    let tasks: TaskStatus[] = [];
    while (Date.now() < end) {
      tasks = client.tasks(job);
      if (done(tasks)) return tasks;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`job ${job} did not get there in ${seconds} s: ${JSON.stringify(tasks)}`);
  }

  it('runs an array, cancels one task mid-run, and runs only that task when submitted again', async () => {
    const client = new SlurmClient({ env: cluster.env });
    const logs = join(work, 'logs');
    mkdirSync(logs);
    // Task 2 waits for a file that only appears after its cancellation: it is running when cancelled.
    writeFileSync(join(work, 'task.sh'), ['i=$SLURM_ARRAY_TASK_ID', 'if [ "$i" = 2 ]; then while [ ! -e release ]; do sleep 0.2; done; fi', 'echo "case $i" >> "done-$i.txt"', ''].join('\n'));
    const script = (indices: number[]) => {
      const path = join(work, `array-${indices.join('-')}.sbatch`);
      writeFileSync(path, arrayScript({ jobName: 'landau3d-test', indices, minutesPerTask: 5, memoryMiBPerTask: 256, cpusPerTask: 1, gpusPerTask: 0, logDir: logs, workDir: work, command: 'bash task.sh' }));
      return path;
    };
    const first = client.submit(script([0, 1, 2, 3]));
    await until(client, first, (t) => t.length === 4 && t.find((x) => x.task === 2)?.state === 'RUNNING' && t.filter((x) => x.state === 'COMPLETED').length === 3);
    client.cancel(first, 2);
    const after = await until(client, first, (t) => t.every((x) => FINAL_STATES.has(x.state)));
    expect(after.map((t) => [t.task, t.state])).toEqual([
      [0, 'COMPLETED'],
      [1, 'COMPLETED'],
      [2, 'CANCELLED'],
      [3, 'COMPLETED'],
    ]);
    expect(existsSync(join(work, 'done-2.txt'))).toBe(false);

    writeFileSync(join(work, 'release'), '');
    const missing = after.filter((t) => t.state !== 'COMPLETED').map((t) => t.task);
    const second = client.submit(script(missing));
    const rerun = await until(client, second, (t) => t.length === 1 && FINAL_STATES.has(t[0]!.state));
    expect(rerun).toEqual([{ task: 2, state: 'COMPLETED', exitCode: null }]);
    for (const i of [0, 1, 2, 3]) expect(readFileSync(join(work, `done-${i}.txt`), 'utf8')).toBe(`case ${i}\n`);
    expect(existsSync(join(logs, `${first}_0.out`))).toBe(true);
  }, 120_000);

  const SWEEP = ['sweep', '--delta', '0.3,0.25,0.2,0.15', '--n', '32', '--backend', 'cpu', '--threads', '1'];

  it('runs a sweep as a job array: a task cancelled mid-run is the only one submitted again, and the tables equal the one-process study', async () => {
    const reference = join(work, 'sweep-one-process');
    expect((await landau3d([...SWEEP, '--out', reference])).code).toBe(0);
    const dir = join(work, 'sweep-slurm');
    const client = new SlurmClient({ env: cluster.env });
    // One task at a time, so that the one to cancel is caught running.
    const submitted = await landau3d([...SWEEP, '--out', dir, '--executor', 'slurm', '--max-parallel', '1']);
    expect(submitted.code).toBe(0);
    const job = Number(submitted.stdout.match(/submitted job (\d+) \(4 tasks\)/)![1]);
    const script = readFileSync(join(dir, 'slurm', 'array.sbatch'), 'utf8');
    expect(script).toMatch(/#SBATCH --array=0-3%1\n/);
    expect(script).toMatch(/#SBATCH --mem=\d+M\n#SBATCH --cpus-per-task=1\n/);
    // Submitting again while the job runs is refused: its cases would start twice.
    const twice = await landau3d([...SWEEP, '--out', dir, '--executor', 'slurm']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(new RegExp(`job ${job} of this study still has .*wait for it`));
    const running = await until(client, job, (t) => t.some((x) => x.task >= 1 && x.state === 'RUNNING'), 120);
    const cancelled = running.find((x) => x.task >= 1 && x.state === 'RUNNING')!.task;
    client.cancel(job, cancelled);
    const ended = await until(client, job, (t) => t.length === 4 && t.every((x) => FINAL_STATES.has(x.state)), 120);
    expect(ended.filter((t) => t.state === 'CANCELLED').map((t) => t.task)).toEqual([cancelled]);
    const id = readPlan(dir).cases[cancelled]!.id;

    const partial = await landau3d(['collect', dir]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain(`case ${cancelled} ${id}: missing`);
    expect(partial.stderr).toMatch(/3 of 4 cases finished/);
    const others = readPlan(dir).cases.filter((c) => c.index !== cancelled).map((c) => join(dir, 'cases', `${c.id}.json`));
    const times = others.map((f) => statSync(f).mtimeMs);

    const again = await landau3d([...SWEEP, '--out', dir, '--executor', 'slurm', '--wait']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 task \(the cases not yet finished\)/);
    expect(again.stdout).toMatch(/: 1 COMPLETED\n/);
    console.log(again.stdout.split('\n').filter((l) => /^(task|\s+\d+\s)/.test(l)).join('\n'));
    expect(submittedJobs(dir).map((j) => j.tasks)).toEqual([[0, 1, 2, 3], [cancelled]]);
    expect(others.map((f) => statSync(f).mtimeMs)).toEqual(times);
    for (const file of ['sweep.json', 'sweep.csv']) expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(reference, file)));
    expect(existsSync(join(dir, 'slurm', 'logs', `${job}_${cancelled}.out`))).toBe(true);
    // The cluster's own record of the tasks (its job completion log: this cluster keeps no accounting database).
    const sacct = spawnSync('sacct', ['--completion', '--parsable2', '--format=JobID,JobName,State,ExitCode,Elapsed'], { env: cluster.env, encoding: 'utf8' });
    expect(sacct.status).toBe(0);
    const rows = sacct.stdout.trim().split('\n').filter((l) => l.split('|')[1] === 'landau3d-sweep');
    console.log(`sacct --completion:\n${sacct.stdout.trim().split('\n')[0]}\n${rows.join('\n')}`);
    expect(rows.map((l) => l.split('|')[2]).sort()).toEqual(['CANCELLED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
  }, 300_000);

  it('runs the non-radial study as a job array and collects the same tables and report', async () => {
    const NONRADIAL = ['nonradial', '--delta', '0.3', '--centres', '0,0.5', '--shapes', '2,1,1', '--n', '24', '--t-star', '0.5', '--t-end', '0.5', '--dt-out', '0.25', '--backend', 'cpu', '--threads', '1'];
    const reference = join(work, 'nonradial-one-process');
    expect((await landau3d([...NONRADIAL, '--out', reference])).code).toBe(0);
    const dir = join(work, 'nonradial-slurm');
    const r = await landau3d([...NONRADIAL, '--out', dir, '--executor', 'slurm', '--wait']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 3 COMPLETED\n/);
    for (const file of ['nonradial.json', 'nonradial.csv', 'report.html']) expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(reference, file)));
  }, 300_000);
});

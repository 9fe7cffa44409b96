// A study as a plan of cases without a scheduler: --plan-only, `landau3d case`, `landau3d collect`
// and the local executor (--jobs), against the same study run in one process, byte for byte.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { caseEstimate } from '../src/cluster/cost-model.js';
import { readPlan } from '../src/cluster/study-plan.js';
import { landau3d, scratchFolder, spawnLandau3d } from './support/cli.js';

const work = scratchFolder('study-plan');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SWEEP = ['sweep', '--delta', '0.3,0.2,0.15', '--n', '24', '--backend', 'cpu', '--threads', '1'];

describe('a sweep as a plan of cases', () => {
  it('is planned, run case by case and collected into the same bytes as the study in one process', async () => {
    const reference = join(work, 'one-process');
    expect((await landau3d([...SWEEP, '--out', reference])).code).toBe(0);

    const dir = join(work, 'planned');
    const planned = await landau3d([...SWEEP, '--out', dir, '--plan-only']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/plan: 3 sweep cases/);
    const plan = readPlan(dir);
    expect(plan.cases.map((c) => c.id)).toEqual(['delta=0.3', 'delta=0.2', 'delta=0.15']);
    expect(plan.cases.every((c) => c.estimate.runs3d && c.estimate.memoryMiB > 300 && c.estimate.minutes >= 5)).toBe(true);
    expect(plan.options).toMatchObject({ delta: '0.3,0.2,0.15', n: '24', threads: '1' });
    expect(JSON.parse(readFileSync(join(dir, 'landau3d-run.json'), 'utf8')).status).toBe('planned');

    // One case by index, then by id; a finished case is not run again.
    const first = await landau3d(['case', dir, '0']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/case 0 delta=0\.3: finished in/);
    const again = await landau3d(['case', dir, 'delta=0.3']);
    expect(again.stdout).toMatch(/finished before, nothing to do/);
    const unknown = await landau3d(['case', dir, '7']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/no case "7": give an index from 0 to 2/);

    // A failed case is named with its reason; a case never run as missing.
    mkdirSync(join(dir, 'cases', 'delta=0.2'), { recursive: true });
    writeFileSync(join(dir, 'cases', 'delta=0.2', 'failed.json'), JSON.stringify({ reason: 'the node went away', at: '2026-01-01T00:00:00Z' }));
    const partial = await landau3d(['collect', dir]);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/case 1 delta=0\.2: failed — the node went away/);
    expect(partial.stderr).toMatch(/case 2 delta=0\.15: missing/);
    expect(partial.stderr).toMatch(/1 of 3 cases finished/);
    expect(existsSync(join(dir, 'sweep.json'))).toBe(false);

    // The local executor runs only what is not finished, two at a time, and collects.
    const finishedAt = statSync(join(dir, 'cases', 'delta=0.3.json')).mtimeMs;
    const local = await landau3d([...SWEEP, '--out', dir, '--executor', 'local', '--jobs', '2']);
    expect(local.code).toBe(0);
    expect(local.stdout).toMatch(/running 2 cases, 2 at a time/);
    expect(statSync(join(dir, 'cases', 'delta=0.3.json')).mtimeMs).toBe(finishedAt);
    expect(existsSync(join(dir, 'cases', 'delta=0.2'))).toBe(false);
    for (const file of ['sweep.json', 'sweep.csv']) expect(readFileSync(join(dir, file))).toEqual(readFileSync(join(reference, file)));
    expect(JSON.parse(readFileSync(join(dir, 'landau3d-run.json'), 'utf8')).status).toBe('completed');
    // Collecting a complete study changes nothing.
    const complete = await landau3d(['collect', dir]);
    expect(complete.code).toBe(0);
    expect(complete.stdout).toMatch(/the sweep is complete/);
  }, 240_000);

  it('refuses a planned folder with other options, and executor options that do not fit', async () => {
    const dir = join(work, 'refusals');
    expect((await landau3d([...SWEEP, '--out', dir, '--plan-only'])).code).toBe(0);
    const other = await landau3d(['sweep', '--delta', '0.3', '--n', '24', '--backend', 'cpu', '--out', dir, '--plan-only']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds an unfinished sweep with --delta 0\.3,0\.2,0\.15, not 0\.3/);
    for (const [args, message] of [
      [['--executor', 'pbs'], /--executor must be local or slurm/],
      [['--executor', 'slurm', '--jobs', '4'], /--jobs is for --executor local/],
      [['--wait'], /--wait is for --executor slurm/],
      [['--executor', 'slurm', '--no-submit', '--wait'], /leave out --no-submit/],
      [['--executor', 'slurm', '--max-parallel', '0'], /--max-parallel must be a positive integer/],
    ] as const) {
      const r = await landau3d([...SWEEP, '--out', join(work, 'never'), ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(join(work, 'never'))).toBe(false);
    const notPlanned = await landau3d(['collect', join(work, 'one-process')]);
    expect(notPlanned.code).toBe(2);
    expect(notPlanned.stderr).toMatch(/plan\.json/);
  }, 120_000);
});

describe('a non-radial case stopped mid-run', () => {
  it('goes on from its checkpoint when started again and gives the row of a case never stopped', async () => {
    const NONRADIAL = ['nonradial', '--delta', '0.3', '--centres', '0.5', '--shapes', 'none', '--n', '24', '--t-star', '0.5', '--t-end', '2', '--dt-out', '0.25', '--backend', 'cpu', '--threads', '1', '--plan-only'];
    const straight = join(work, 'nonradial-straight');
    const stopped = join(work, 'nonradial-stopped');
    for (const dir of [straight, stopped]) expect((await landau3d([...NONRADIAL, '--out', dir])).code).toBe(0);
    expect((await landau3d(['case', straight, '0'])).code).toBe(0);
    const id = readPlan(stopped).cases[0]!.id;
    const checkpoint = join(stopped, 'cases', id, 'checkpoint.json');
    const child = spawnLandau3d(['case', stopped, '0']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Stopped once it has kept an output past t = 0.
    const deadline = Date.now() + 120_000;
    while (!(existsSync(checkpoint) && JSON.parse(readFileSync(checkpoint, 'utf8')).resume.t >= 0.5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGTERM; the case is not finished/);
    const kept = JSON.parse(readFileSync(checkpoint, 'utf8'));
    expect(kept.resume.t).toBeGreaterThanOrEqual(0.5);
    expect(kept.resume.t).toBeLessThan(2);
    expect(existsSync(join(stopped, 'cases', `${id}.json`))).toBe(false);
    expect((await landau3d(['case', stopped, '0'])).code).toBe(0);
    expect(readFileSync(join(stopped, 'cases', `${id}.json`))).toEqual(readFileSync(join(straight, 'cases', `${id}.json`)));
    expect(existsSync(join(stopped, 'cases', id))).toBe(false);
  }, 300_000);
});

describe('the Slurm executor without submitting', () => {
  it('writes the batch script of the unfinished cases with the estimates and the site settings of options and file', async () => {
    const dir = join(work, 'no-submit');
    const site = join(work, 'site.json');
    writeFileSync(site, JSON.stringify({ account: 'plasma-01', qos: 'normal', sbatch: ['--exclusive'], maxParallel: 2, partition: 'cpu' }));
    const r = await landau3d([...SWEEP, '--out', dir, '--executor', 'slurm', '--no-submit', '--slurm-partition', 'gpu', '--sbatch=--constraint=a100', '--cluster-config', site]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 tasks \(the cases not yet finished\)/);
    const script = readFileSync(join(dir, 'slurm', 'array.sbatch'), 'utf8');
    const directives = script.split('\n').filter((l) => l.startsWith('#SBATCH ')).map((l) => l.slice(8));
    const plan = readPlan(dir);
    expect(directives).toEqual([
      '--job-name=landau3d-sweep',
      '--array=0-2%2',
      `--time=00:${String(Math.max(...plan.cases.map((c) => c.estimate.minutes))).padStart(2, '0')}:00`,
      `--mem=${Math.max(...plan.cases.map((c) => c.estimate.memoryMiB))}M`,
      '--cpus-per-task=1',
      `--output=${join(dir, 'slurm', 'logs')}/%A_%a.out`,
      '--requeue',
      '--partition=gpu',
      '--account=plasma-01',
      '--qos=normal',
      '--exclusive',
      '--constraint=a100',
    ]);
    expect(script).toMatch(/ 'case' '[^']+no-submit' "\$SLURM_ARRAY_TASK_ID"\n$/);
    // Without Slurm on the machine, a submission is refused before anything is written.
    const noSlurm = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...SWEEP, '--out', join(work, 'no-slurm'), '--executor', 'slurm'], { env: { ...process.env, PATH: '/nonexistent' } }).catch((e: { code: number; stderr: string }) => e);
    expect((noSlurm as { code: number }).code).toBe(2);
    expect((noSlurm as { stderr: string }).stderr).toMatch(/sbatch is not on this machine .*--no-submit/);
    expect(existsSync(join(work, 'no-slurm'))).toBe(false);
    const bad = await landau3d([...SWEEP, '--out', join(work, 'bad-site'), '--executor', 'slurm', '--no-submit', '--slurm-partition', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/partition "a b" may hold only/);
    expect(existsSync(join(work, 'bad-site'))).toBe(false);
  }, 120_000);
});

describe('the cost model', () => {
  it('grows with the grid and the simulated time, shrinks with threads, and never asks for under five minutes', () => {
    const base = { n: 64, L: 6, time: 1, threads: 2, gpu: false, radial: false };
    const main = caseEstimate(base);
    // The main job (44 steps of 1.55 s) run four times as long, with a threefold margin.
    expect(caseEstimate({ ...base, time: 4 }).minutes).toBe(Math.ceil((3 * 4 * 44 * 1.55) / 60));
    expect(caseEstimate({ ...base, n: 96 }).minutes).toBeGreaterThan(main.minutes * 5);
    expect(caseEstimate({ ...base, threads: 1 }).minutes).toBeGreaterThan(main.minutes);
    expect(caseEstimate({ ...base, n: 16 }).minutes).toBe(5);
    // The operator's memory grows like N³ (3.4× from 64 to 96), the process around it does not.
    expect(caseEstimate({ ...base, n: 96 }).memoryMiB - 300).toBeCloseTo((caseEstimate(base).memoryMiB - 300) * 3.375, -1);
    expect(caseEstimate({ ...base, n: 0, radial: true })).toEqual({ memoryMiB: 300, minutes: 5, runs3d: false });
  });
});

// The studies of independent cases (sweep, nonradial) beyond one process: --plan-only writes
// DIR/plan.json (cluster/study-plan.ts); --executor local --jobs K runs the cases as K processes at
// a time; --executor slurm writes DIR/slurm/array.sbatch and submits it (--no-submit: only writes
// it; --wait: follows the job, then collects). `landau3d case DIR i` runs one case (what each task
// calls) and `landau3d collect DIR` builds the study's tables from the finished cases — through the
// same in-process study a plain `sweep` or `nonradial` runs, so both give the same bytes.
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { caseEstimate, type CaseCost } from '../cluster/cost-model.js';
import { caseState, runPlannedCase } from '../cluster/case-runner.js';
import { runLocally } from '../cluster/local-executor.js';
import { followArray, stateCounts, submitArray, submittedJobs, writeArrayScript } from '../cluster/slurm-executor.js';
import { FINAL_STATES, SlurmClient, SlurmError, type TaskStatus } from '../cluster/slurm-client.js';
import { PLAN_VERSION, readPlan, writePlan, PlanError, type CaseSpec, type PlannedCase, type PlannedKind, type StudyPlan } from '../cluster/study-plan.js';
import { checkSite, type SiteOptions } from '../cluster/array-script.js';
import type { BackendChoice } from '../backends/node/create-operator-node.js';
import type { StudyFolder, StudySpec } from '../io/study-folder.js';
import { incompleteStudy } from '../io/run-folder-claim.js';
import { readBackJson, fields, optional, isString, isInteger, listOf } from '../io/read-back.js';
import { runStudy, StudyInterrupted } from './study-folder-command.js';
import { endStartup, EXIT_INTERRUPTED } from './startup-signals.js';
import { shown, UsageError, type RawOptions } from './option-values.js';
import { THREADS_MAX } from './run-options.js';

/** What a study of cases gives this module: its options, its cases, one case, and the whole study in one process. */
export interface CaseStudy<O extends CaseStudyOptions> {
  kind: PlannedKind;
  parse(raw: RawOptions): O;
  spec(o: O): StudySpec;
  cases(o: O): { id: string; spec: CaseSpec; cost: Omit<CaseCost, 'threads' | 'gpu'> }[];
  /** One case; WORK is its own folder, for a checkpoint to go on from (cluster/case-checkpoints.ts). */
  runCase(o: O, spec: CaseSpec, signal: AbortSignal, work: string): Promise<unknown>;
  /** The study in one process: each case from the folder's store or computed, then the tables. */
  inProcess(o: O, folder: StudyFolder, signal: AbortSignal): Promise<void>;
}

export interface CaseStudyOptions {
  backend: BackendChoice;
  threads?: number;
  out: string;
  force: boolean;
}

interface Execution {
  planOnly: boolean;
  executor: 'local' | 'slurm';
  jobs: number;
  submit: boolean;
  wait: boolean;
  site: SiteOptions;
  maxParallel?: number;
}

/** --plan-only, --executor and the options of each executor. */
export function addExecutorOptions(command: Command): Command {
  return command
    .option('--plan-only', 'write DIR/plan.json (every case with its id and an estimate of memory and time) and run nothing')
    .option('--executor <e>', 'local: cases on this machine (--jobs at a time); slurm: one Slurm job array, a task per case', 'local')
    .option('--jobs <K>', 'local executor: cases run side by side, each as its own process with its share of the cores', '1')
    .option('--no-submit', 'slurm executor: write DIR/slurm/array.sbatch without submitting it')
    .option('--wait', 'slurm executor: follow the job until every task has ended, then collect the tables')
    .option('--slurm-partition <p>', 'slurm executor: the partition the tasks run in')
    .option('--slurm-account <a>', 'slurm executor: the account to charge')
    .option('--slurm-qos <q>', 'slurm executor: the quality of service')
    .option('--sbatch <directive>', 'slurm executor: a further #SBATCH directive, e.g. --constraint=a100 (repeatable)', (value: string, all: string[] = []) => [...all, value])
    .option('--max-parallel <P>', 'slurm executor: at most P tasks of the array at once (--array=…%P)')
    .option('--cluster-config <file>', 'slurm executor: a JSON file of site settings {"partition", "account", "qos", "sbatch": [...], "maxParallel"}; options given on the command line win')
    .addHelpText('after', '\nOn a cluster: --executor slurm --wait submits every case as a task of one job array and collects the tables;\nlandau3d case DIR i runs one case, landau3d collect DIR builds the tables from the finished cases (docs/cluster.md).');
}

const SITE_FILE = fields({
  partition: optional(isString),
  account: optional(isString),
  qos: optional(isString),
  sbatch: optional(listOf(isString)),
  maxParallel: optional(isInteger),
});

function parseExecution(raw: RawOptions): Execution {
  const executor = String(raw.executor ?? 'local');
  if (executor !== 'local' && executor !== 'slurm') throw new UsageError(`--executor must be local or slurm, got ${shown(executor)}`);
  const jobs = Number(raw.jobs ?? 1);
  if (!(Number.isInteger(jobs) && jobs >= 1 && jobs <= THREADS_MAX)) throw new UsageError(`--jobs must be an integer from 1 to ${THREADS_MAX}, got ${shown(String(raw.jobs))}`);
  if (executor === 'slurm' && raw.jobs !== undefined && jobs !== 1) throw new UsageError('--jobs is for --executor local; a Slurm array runs as many tasks at once as the cluster gives it (--max-parallel limits them)');
  const submit = raw.submit !== false;
  const wait = raw.wait === true;
  if (executor === 'local' && (!submit || wait)) throw new UsageError(`${!submit ? '--no-submit' : '--wait'} is for --executor slurm`);
  if (!submit && wait) throw new UsageError('--wait follows a submitted job: leave out --no-submit');
  const config = raw.clusterConfig !== undefined ? readBackJson<{ partition?: string; account?: string; qos?: string; sbatch?: string[]; maxParallel?: number }>(String(raw.clusterConfig), SITE_FILE) : {};
  const text = (key: string) => (raw[key] !== undefined ? String(raw[key]) : undefined);
  const maxText = text('maxParallel') ?? (config.maxParallel !== undefined ? String(config.maxParallel) : undefined);
  const maxParallel = maxText === undefined ? undefined : Number(maxText);
  if (maxParallel !== undefined && !(Number.isInteger(maxParallel) && maxParallel >= 1)) throw new UsageError(`--max-parallel must be a positive integer, got ${shown(maxText!)}`);
  const extra = Array.isArray(raw.sbatch) ? (raw.sbatch as string[]) : [];
  const site = { partition: text('slurmPartition') ?? config.partition, account: text('slurmAccount') ?? config.account, qos: text('slurmQos') ?? config.qos, extraDirectives: [...(config.sbatch ?? []), ...extra] };
  checkSite(site);
  return {
    planOnly: raw.planOnly === true,
    executor,
    jobs,
    submit,
    wait,
    maxParallel,
    site,
  };
}

/** The study command's action: in one process as before, or planned and run case by case. */
export async function runCaseStudy<O extends CaseStudyOptions>(study: CaseStudy<O>, raw: RawOptions): Promise<number> {
  const o = study.parse(raw);
  const x = parseExecution(raw);
  const io = { log: console.log, error: console.error };
  if (!x.planOnly && x.executor === 'local' && x.jobs === 1) {
    return runStudy(study.spec(o), study.cases(o).length, io, (folder, signal) => study.inProcess(o, folder, signal));
  }
  // Refused before the folder is claimed: a plan no sbatch can submit would be left behind.
  if (x.executor === 'slurm' && x.submit && !x.planOnly && !SlurmClient.installed()) {
    throw new UsageError('sbatch is not on this machine (no Slurm here): run the command on a login node of the cluster, or give --no-submit to write the batch script only');
  }
  const threads = o.threads ?? (x.executor === 'local' ? Math.max(1, Math.floor(availableParallelism() / x.jobs)) : 1);
  const plan = planOf(study, o, raw, threads);
  // The folder is claimed as the study's (resumed with the same options, refused with others) and left `planned`.
  const planned = await runStudy(study.spec(o), plan.cases.length, io, async (folder) => {
    await writePlan(folder.path, plan);
    folder.endIncomplete('planned');
  });
  if (planned !== 0) return planned;
  const pending = plan.cases.filter((c) => caseState(o.out, c.id).state !== 'finished');
  console.log(planTable(plan, o.out));
  if (x.planOnly) {
    console.log(`wrote ${o.out}/plan.json: run a case with \`landau3d case ${o.out} <index>\`, then \`landau3d collect ${o.out}\``);
    return 0;
  }
  if (x.executor === 'local') {
    const code = await runLocal(o.out, pending, x.jobs, threads);
    return code !== 0 ? code : collectStudy(study, o.out);
  }
  return runSlurm(study, o, plan, pending, x);
}

/** The options of how and where a study runs, not of what it computes: left out of its plan. */
const EXECUTION_KEYS = new Set(['out', 'force', 'planOnly', 'executor', 'jobs', 'submit', 'wait', 'slurmPartition', 'slurmAccount', 'slurmQos', 'sbatch', 'maxParallel', 'clusterConfig']);

function planOf<O extends CaseStudyOptions>(study: CaseStudy<O>, o: O, raw: RawOptions, threads: number): StudyPlan {
  // Every option the study command took (defaults included), so that `case` and `collect` parse the same study.
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (!EXECUTION_KEYS.has(key) && typeof value === 'string') options[key] = value;
  options.threads = String(threads);
  const gpu = o.backend === 'gpu';
  return {
    version: PLAN_VERSION,
    kind: study.kind,
    options,
    threads,
    cases: study.cases(o).map((c, index) => ({ index, id: c.id, spec: c.spec, estimate: caseEstimate({ ...c.cost, threads, gpu }) })),
  };
}

function planTable(plan: StudyPlan, dir: string): string {
  const lines = plan.cases.map((c) => {
    const state = caseState(dir, c.id).state;
    return `  ${String(c.index).padStart(3)}  ${c.id.padEnd(36)} ${c.estimate.runs3d ? '3D' : '  '} ${String(c.estimate.memoryMiB).padStart(7)} MiB ${String(c.estimate.minutes).padStart(6)} min  ${state}`;
  });
  return [`plan: ${plan.cases.length} ${plan.kind} case${plan.cases.length === 1 ? '' : 's'}, ${plan.threads} thread${plan.threads === 1 ? '' : 's'} each (estimates with a threefold margin, for --mem and --time)`, ...lines].join('\n');
}

/**
 * The command a task runs, its case's index to be appended: this node with its own flags and this
 * CLI, by absolute paths (a task starts in the study's folder); a module a flag loads by name
 * (--import tsx, when the CLI runs from its sources) is resolved here to its file.
 */
function caseCommand(dir: string): { file: string; args: string[] } {
  const flags = process.execArgv.map((arg, k, all) => (['--import', '--loader'].includes(all[k - 1] ?? '') && /^[\w@]/.test(arg) ? import.meta.resolve(arg) : arg));
  return { file: process.execPath, args: [...flags, realpathSync(process.argv[1]!), 'case', realpathSync(dir)] };
}

/** Runs WORK with a signal that SIGINT or SIGTERM aborts (with a StudyInterrupted reason) while it runs. */
async function withStopSignal<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => stop.abort(new StudyInterrupted(`interrupted by ${signal}`));
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    return await work(stop.signal);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function runLocal(dir: string, pending: PlannedCase[], jobs: number, threads: number): Promise<number> {
  if (pending.length === 0) return 0;
  console.log(`running ${pending.length} case${pending.length === 1 ? '' : 's'}, ${jobs} at a time, ${threads} thread${threads === 1 ? '' : 's'} each`);
  const { file, args } = caseCommand(dir);
  let done = 0;
  return withStopSignal(async (signal) => {
    const results = await runLocally({
      cases: pending,
      jobs,
      command: (index) => ({ file, args: [...args, String(index)] }),
      signal,
      onEnd: (r) => console.log(`[${++done}/${pending.length}] case ${r.planned.index} ${r.planned.id}: ${r.ok ? 'finished' : `failed — ${r.tail.split('\n').at(-1)}`}`),
    });
    if (signal.aborted) {
      console.error(`landau3d: ${(signal.reason as Error).message}; ${dir} keeps the finished cases: the same command goes on from them`);
      return EXIT_INTERRUPTED;
    }
    return results.every((r) => r.ok) ? 0 : reportUnfinished(dir);
  });
}

async function runSlurm<O extends CaseStudyOptions>(study: CaseStudy<O>, o: O, plan: StudyPlan, pending: PlannedCase[], x: Execution): Promise<number> {
  if (pending.length === 0) {
    console.log('every case is finished: nothing to submit');
    return collectStudy(study, o.out);
  }
  const dir = realpathSync(o.out);
  const quoted = (s: string) => {
    if (s.includes("'")) throw new UsageError(`${shown(s)}: a path with a quote cannot go into the batch script`);
    return `'${s}'`;
  };
  const { file, args } = caseCommand(dir);
  const command = [file, ...args].map(quoted).join(' ') + ' "$SLURM_ARRAY_TASK_ID"';
  const client = new SlurmClient();
  if (x.submit) {
    // Submitting again while an earlier job of this study still runs would start its cases twice.
    for (const earlier of submittedJobs(dir)) {
      const active = activeTasks(client, earlier.job);
      if (active.length > 0) throw new UsageError(`job ${earlier.job} of this study still has ${stateCounts(active)} task${active.length === 1 ? '' : 's'}: wait for it (squeue -j ${earlier.job}) or cancel it (scancel ${earlier.job}), then submit again`);
    }
  }
  const script = await writeArrayScript({ dir, plan, pending, command, gpu: o.backend === 'gpu', site: x.site, maxParallel: x.maxParallel });
  console.log(`wrote ${script}: ${pending.length} task${pending.length === 1 ? '' : 's'} (the cases not yet finished)`);
  if (!x.submit) {
    console.log(`submit it with \`sbatch ${script}\`; then \`landau3d collect ${o.out}\` once its tasks have ended`);
    return 0;
  }
  const job = await submitArray(client, dir, script, pending.map((c) => c.index));
  console.log(`submitted job ${job} (${pending.length} task${pending.length === 1 ? '' : 's'})`);
  if (!x.wait) {
    console.log(`follow it with \`squeue -j ${job}\`; then \`landau3d collect ${o.out}\``);
    return 0;
  }
  const final = await followArray(client, job, pending.length, (states) => console.log(`job ${job}: ${stateCounts(states)}`));
  console.log(['task  case                                  state', ...final.map((t) => `${String(t.task).padStart(4)}  ${(plan.cases[t.task]?.id ?? '?').padEnd(36)}  ${t.state}${t.exitCode ? ` (exit ${t.exitCode})` : ''}`)].join('\n'));
  return collectStudy(study, o.out);
}

/** The tasks of JOB not yet ended; none when the cluster no longer knows the job (squeue forgets ended jobs after MinJobAge). */
function activeTasks(client: SlurmClient, job: number): TaskStatus[] {
  try {
    return client.tasks(job).filter((t) => !FINAL_STATES.has(t.state));
  } catch (err) {
    if (err instanceof SlurmError) return [];
    throw err;
  }
}

/** The unfinished cases of DIR's plan with their reasons; returns the exit status 1. */
function reportUnfinished(dir: string): number {
  const plan = readPlan(dir);
  const open = plan.cases.map((c) => ({ c, s: caseState(dir, c.id) })).filter(({ s }) => s.state !== 'finished');
  for (const { c, s } of open) console.error(`case ${c.index} ${c.id}: ${s.state === 'failed' ? `failed — ${s.reason}` : 'missing (not run yet, still running, or stopped before it finished)'}`);
  console.error(`landau3d: ${plan.cases.length - open.length} of ${plan.cases.length} cases finished; run the others (the same command again, or landau3d case ${dir} <index>), then landau3d collect ${dir}`);
  return 1;
}

/** `collect`: the tables of DIR's study from its finished cases, or the list of those not finished. */
export async function collectStudy<O extends CaseStudyOptions>(study: CaseStudy<O>, dir: string): Promise<number> {
  const plan = readPlan(dir);
  if (plan.kind !== study.kind) throw new PlanError(`${dir}/plan.json is a ${plan.kind} study, not ${study.kind}`);
  if (plan.cases.some((c) => caseState(dir, c.id).state !== 'finished')) return reportUnfinished(dir);
  if (incompleteStudy(dir, study.kind) === null) {
    console.log(`${dir}: the ${study.kind} is complete, its tables written from all ${plan.cases.length} cases`);
    return 0;
  }
  const o = study.parse({ ...plan.options, out: dir });
  return runStudy(study.spec(o), plan.cases.length, { log: console.log, error: console.error }, (folder, signal) => study.inProcess(o, folder, signal));
}

/** `case`: runs one case of DIR's plan; exit 0 when it is finished (now or before). */
export async function runOneCase<O extends CaseStudyOptions>(study: CaseStudy<O>, dir: string, which: string): Promise<number> {
  const plan = readPlan(dir);
  const o = study.parse({ ...plan.options, out: dir });
  // From here a signal stops the case within a step, its checkpoint kept (not the start-up's exit).
  endStartup();
  const t0 = performance.now();
  return withStopSignal(async (signal) => {
    try {
      const { planned, before } = await runPlannedCase(dir, plan, which, (c, work) => study.runCase(o, c.spec, signal, work), signal);
      console.log(before ? `case ${planned.index} ${planned.id}: finished before, nothing to do` : `case ${planned.index} ${planned.id}: finished in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      return 0;
    } catch (err) {
      if (!signal.aborted) throw err;
      console.error(`landau3d: ${(signal.reason as Error).message}; the case is not finished: started again, it goes on from its last checkpoint where its study keeps one (nonradial), else from its start`);
      return EXIT_INTERRUPTED;
    }
  });
}

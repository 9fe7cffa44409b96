// `landau3d nonradial`: the non-radial blow-down study (src/studies/nonradial-study.ts): parses the
// options, runs every case in the claimed folder (each kept as it finishes, an unfinished folder
// gone on with: cli/study-folder-command.ts), prints one line per case, writes nonradial.json,
// nonradial.csv and report.html. A study of its own, not `sweep` with more options: its cases have
// no radial reference (the sweep pairs every δ with one), and what it measures — the bump's moments
// against Σ(t), the excess mass, the decay — belongs to the bump, not to the δ family.
import { addBackendOptions, addCaseStudyFolderOptions, addGradientOption, parseBackend } from './option-groups.js';
import { Equation } from '../equation/equation.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { atomicWrite } from '../io/atomic-write.js';
import { caseStore } from './study-folder-command.js';
import { addExecutorOptions, runCaseStudy, type CaseStudy } from './case-study-command.js';
import { caseCheckpoints } from '../cluster/case-checkpoints.js';
import { scenarioResolutionRecord } from '../scenarios/resolution.js';
import { BLOWDOWN } from '../scenarios/blowdown.js';
import { NONRADIAL_ROW } from '../report/folder-files.js';
import { Grid } from '../core/grid/grid.js';
import { createNodeOperator, type BackendChoice } from '../backends/node/create-operator-node.js';
import { nonradialReportHtml } from '../report/nonradial-report.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import { csvTable } from '../io/csv.js';
import { NONRADIAL_COLUMNS, caseName, nonradialCase, nonradialCaseId, nonradialCases, nonradialStudy, type NonradialRow, type NonradialSettings } from '../studies/nonradial-study.js';
import { alphaOption, number, numberList, optionText, outputFolder, shown, UsageError, type RawOptions } from './option-values.js';
import { parseGradientOrder, parseThreads } from './run-options.js';
import type { GradientOrder } from '../equation/log-gradient.js';

export interface NonradialOptions extends NonradialSettings {
  backend: BackendChoice;
  threads?: number;
  gradient: GradientOrder;
  out: string;
  force: boolean;
}

const DEFAULTS = { deltas: '0.3,0.1', centres: '0,0.5,1,2', shapes: '4,1,1', n: 40 };

export function parseNonradialOptions(raw: RawOptions): NonradialOptions {
  const deltas = numberList(optionText(raw, 'delta', '--delta') ?? DEFAULTS.deltas, '--delta', (d) => d > 0 && d < 1, '0 < δ < 1');
  const centres = numberList(optionText(raw, 'centres', '--centres') ?? DEFAULTS.centres, '--centres', (u) => u >= 0 && u <= 10, '0 ≤ u ≤ 10');
  const shapeText = optionText(raw, 'shapes', '--shapes') ?? DEFAULTS.shapes;
  const shapes = shapeText === 'none' ? [] : shapeText.split(';').map((s) => {
    const abc = numberList(s, '--shapes', (a) => a >= 0.01 && a <= 100, '0.01 ≤ a ≤ 100');
    if (abc.length !== 3) throw new UsageError(`--shapes takes a;b;c groups of three numbers a,b,c (e.g. 4,1,1;1,4,4), got ${shown(shapeText)}`);
    return abc as [number, number, number];
  });
  const tStar = number(raw, 'tStar', '--t-star', 0.5, (x) => x > 0 && x <= 100, '0 < t* ≤ 100');
  const tEnd = number(raw, 'tEnd', '--t-end', 2, (x) => x >= tStar && x <= 1000, `t* ≤ T ≤ 1000`);
  const dtOut = number(raw, 'dtOut', '--dt-out', 0.25, (x) => x > 0 && x <= tEnd, '0 < dt ≤ t-end');
  if (Math.abs(tStar / dtOut - Math.round(tStar / dtOut)) > 1e-9) throw new UsageError(`--t-star ${tStar} must be a whole number of --dt-out ${dtOut}`);
  const n = number(raw, 'n', '--n', DEFAULTS.n, (x) => Number.isInteger(x) && x >= 8 && x <= 128, 'an integer from 8 to 128');
  const L = number(raw, 'L', '--L', 6, (x) => x >= 1 && x <= 100, '1 ≤ L ≤ 100');
  const rw = number(raw, 'rw', '--rw', 4, (x) => x > 0 && x <= 10, '0 < R_w ≤ 10');
  const backend = parseBackend(raw);
  const out = outputFolder(raw, 'nonradial.json, nonradial.csv and report.html');
  return { deltas, alpha: alphaOption(raw), centres, shapes, tStar, tEnd, dtOut, n, L, rw, backend, threads: parseThreads(raw), gradient: parseGradientOrder(raw), out, force: raw.force === true };
}

export function registerNonradialCommand(program: Command): void {
  const command = program
    .command('nonradial')
    .description('the non-radial blow-down study: bumps off the origin and anisotropic, ‖E_u + f‖(t*) against δ^(α−1/4), the bump against Σ(t), its excess mass, the decay')
    .option('--delta <list>', 'comma-separated δ values in (0, 1)', DEFAULTS.deltas)
    .option('--alpha <a>', 'bump mass δ^α', String(DEFAULT_SCENARIO_PARAMS.alpha))
    .option('--centres <list>', 'round bumps at (u, 0, 0) for these u', DEFAULTS.centres)
    .option('--shapes <list>', 'anisotropic bumps at the origin, covariance δ·diag(a, b, c): groups a,b,c separated by ; ("none" for none)', DEFAULTS.shapes)
    .option('--t-star <T>', 'the time t* of the bound', '0.5')
    .option('--t-end <T>', 'end of each run (the excess mass and the decay need time)', '2')
    .option('--dt-out <T>', 'time between outputs', '0.25')
    .option('--n <N>', '3D grid (cases it does not resolve are listed, not run)', String(DEFAULTS.n))
    .option('--L <L>', '3D box half-width', '6')
    .option('--rw <R>', 'radius of the ball for the weighted norms', '4');
  addExecutorOptions(addCaseStudyFolderOptions(addGradientOption(addBackendOptions(command)), 'nonradial.json, nonradial.csv, report.html')).action(async (raw: RawOptions) => {
    process.exit(await runCaseStudy(NONRADIAL_STUDY, raw));
  });
}

/** The study's own settings, without how and where it runs. */
function settingsOf(o: NonradialOptions): NonradialSettings {
  const { backend: _backend, threads: _threads, gradient: _gradient, out: _out, force: _force, ...settings } = o;
  return settings;
}

const operatorsOf = (o: NonradialOptions) => (grid: Grid) => createNodeOperator(grid, o.backend, { threads: o.threads, equation: new Equation({ gradient: o.gradient }) });

/** The non-radial study as a study of cases, one per δ and bump (cli/case-study-command.ts). */
export const NONRADIAL_STUDY: CaseStudy<NonradialOptions> = {
  kind: 'nonradial',
  parse: parseNonradialOptions,
  spec: (o) => ({ out: o.out, kind: 'nonradial', force: o.force, options: optionsRecord(o), caseCheck: NONRADIAL_ROW }),
  cases: (o) => {
    const grid = new Grid({ n: o.n, L: o.L });
    return o.deltas.flatMap((delta) =>
      nonradialCases(o).map(({ centre, shape }) => {
        const params = { ...DEFAULT_SCENARIO_PARAMS, delta, alpha: o.alpha, bumpCenter: centre, bumpTemps: shape };
        const resolved = scenarioResolutionRecord(grid, BLOWDOWN.name, params).resolved;
        return { id: nonradialCaseId({ delta, centre, shape }), spec: { delta, centre, shape }, cost: { n: resolved ? o.n : 0, L: o.L, time: o.tEnd, radial: false } };
      }),
    );
  },
  runCase: (o, spec, signal, work) => {
    const checkpoints = caseCheckpoints(work, { n: o.n, L: o.L, dtOut: o.dtOut, tEnd: o.tEnd });
    return nonradialCase(settingsOf(o), spec.delta as number, spec.centre as [number, number, number], spec.shape as [number, number, number], operatorsOf(o), signal, checkpoints);
  },
  inProcess: async (o, folder, signal) => {
    const { out, gradient } = o;
    const settings = settingsOf(o);
    const ids = settings.deltas.flatMap((delta) => nonradialCases(settings).map((c) => nonradialCaseId({ delta, ...c })));
    const cases = caseStore<NonradialRow>(folder, ids, console.log);
    const rows = await nonradialStudy(settings, operatorsOf(o), (row) => console.log(rowLine(row, settings.n)), { signal, cases });
    await atomicWrite(join(out, 'nonradial.json'), JSON.stringify({ config: { ...settings, gradient }, rows }, null, 1) + '\n');
    await atomicWrite(join(out, 'nonradial.csv'), csvTable(NONRADIAL_COLUMNS, rows));
    await atomicWrite(join(out, 'report.html'), await nonradialReportHtml(out));
    console.log(`wrote ${out}/nonradial.json, nonradial.csv, report.html`);
  },
};

/** The options that decide the rows: a folder left incomplete with other values is not resumed. */
function optionsRecord(o: NonradialOptions): Record<string, string> {
  return {
    '--delta': o.deltas.join(','),
    '--alpha': String(o.alpha),
    '--centres': o.centres.join(','),
    '--shapes': o.shapes.length === 0 ? 'none' : o.shapes.map((abc) => abc.join(',')).join(';'),
    '--t-star': String(o.tStar),
    '--t-end': String(o.tEnd),
    '--dt-out': String(o.dtOut),
    '--n': String(o.n),
    '--L': String(o.L),
    '--rw': String(o.rw),
    '--backend': o.backend,
    '--gradient-order': String(o.gradient),
  };
}

function rowLine(r: NonradialRow, n: number): string {
  const name = caseName(r);
  if (!r.history) return `δ = ${r.delta}, ${name}: not resolved at N = ${n}${r.n_needed ? ` (needs N ≥ ${r.n_needed})` : ''}`;
  const t = r.excess_efold_time === null ? `beyond t-end (fit: ${r.excess_efold_fit?.toPrecision(3) ?? '—'})` : r.excess_efold_time!.toPrecision(3);
  return `δ = ${r.delta}, ${name}: ‖E_u + f‖(t*) ${r.Ef_L2M!.toExponential(4)}, C ${r.C!.toPrecision(4)}, ‖f‖ ${r.f_L2M!.toExponential(3)}, centre_x ${r.bump_centre![0]!.toPrecision(4)}, Σ_xx ${r.bump_covariance![0]!.toPrecision(4)} (E_u ${r.E_covariance![0]!.toPrecision(4)}), excess mass 1/e at ${t}, decay rate ${r.decay_rate?.toPrecision(3) ?? '—'}`;
}

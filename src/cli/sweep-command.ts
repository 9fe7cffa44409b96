// `landau3d sweep`: the blow-down δ family (the study is src/studies/blowdown-sweep.ts): parses the
// options, runs the study in its claimed folder (each δ kept as it finishes, an unfinished folder
// gone on with: cli/study-folder-command.ts), prints each δ and the verdict, writes sweep.json and
// sweep.csv.
import { addBackendOptions, addCaseStudyFolderOptions, parseBackend } from './option-groups.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { atomicWrite } from '../io/atomic-write.js';
import { caseStore } from './study-folder-command.js';
import { addExecutorOptions, runCaseStudy, type CaseStudy } from './case-study-command.js';
import { Grid } from '../core/grid/grid.js';
import { scenarioResolutionRecord } from '../scenarios/resolution.js';
import { BLOWDOWN } from '../scenarios/blowdown.js';
import { SWEEP_ROW } from '../report/folder-files.js';
import { createNodeOperator, type BackendChoice } from '../backends/node/create-operator-node.js';
import { DEFAULT_SCENARIO_PARAMS } from '../scenarios/scenario-params.js';
import { csvTable } from '../io/csv.js';
import { SWEEP_COLUMNS, blowdownSweep, sweepCase, sweepCaseId, type SweepRow, type SweepSettings } from '../studies/blowdown-sweep.js';
import { alphaOption, number, numberList, optionText, outputFolder,  type RawOptions as RawRunOptions } from './option-values.js';
import { parseThreads } from './run-options.js';

const DEFAULT_DELTAS = '0.3,0.1,0.03,0.01,0.003,0.001,0.0003,0.0001';
/** m = 128 on the FFT paths: resolves δ = 0.3, 0.1 and 0.03 at L = 6. */
const DEFAULT_SWEEP_N = 64;

/** The study's settings and the command's own: backend, folder. */
export interface SweepOptions extends SweepSettings {
  backend: BackendChoice;
  threads?: number;
  out: string;
  /** Replace the Landau3D results already in --out (only the files Landau3D wrote). */
  force: boolean;
}

/** Validates the raw option strings; throws UsageError naming the option, the value and the accepted range. */
export function parseSweepOptions(raw: RawRunOptions): SweepOptions {
  const deltas = numberList(optionText(raw, 'delta', '--delta') ?? DEFAULT_DELTAS, '--delta', (d) => d > 0 && d < 1, '0 < δ < 1');
  const alpha = alphaOption(raw);
  const tStar = number(raw, 'tStar', '--t-star', 0.5, (x) => x > 0 && x <= 100, '0 < t* ≤ 100');
  const n = number(raw, 'n', '--n', DEFAULT_SWEEP_N, (x) => x === 0 || (Number.isInteger(x) && x >= 8 && x <= 128), '0, or an integer from 8 to 128');
  const L = number(raw, 'L', '--L', 6, (x) => x >= 1 && x <= 100, '1 ≤ L ≤ 100');
  const rw = number(raw, 'rw', '--rw', 4, (x) => x > 0 && x <= 10, '0 < R_w ≤ 10');
  const backend = parseBackend(raw);
  const out = outputFolder(raw, 'sweep.json and sweep.csv');
  return { deltas, alpha, tStar, n, L, rw, backend, threads: parseThreads(raw), out, force: raw.force === true };
}

export function registerSweepCommand(program: Command): void {
  const command = program
    .command('sweep')
    .description('the blow-down δ family: ‖E + f‖(t*) and ‖f‖ in L²(M⁻¹) against δ^(α−1/4), radial reference and 3D where resolved')
    .option('--delta <list>', 'comma-separated δ values in (0, 1)', DEFAULT_DELTAS)
    .option('--alpha <a>', 'bump mass δ^α (theorem: 1/4 < α < 1/2)', String(DEFAULT_SCENARIO_PARAMS.alpha))
    .option('--t-star <T>', 'the time t* of the theorem', '0.5')
    .option('--n <N>', '3D grid for the δ it resolves (0: radial only)', String(DEFAULT_SWEEP_N))
    .option('--L <L>', '3D box half-width', '6')
    .option('--rw <R>', 'radius of the ball for the weighted norms', '4');
  addExecutorOptions(addCaseStudyFolderOptions(addBackendOptions(command), 'sweep.json, sweep.csv')).action(async (raw: RawRunOptions) => {
    process.exit(await runCaseStudy(SWEEP_STUDY, raw));
  });
}

const operatorsOf = (o: SweepOptions) => (grid: Grid) => createNodeOperator(grid, o.backend, { threads: o.threads });

/** The sweep as a study of cases, one per δ (cli/case-study-command.ts). */
export const SWEEP_STUDY: CaseStudy<SweepOptions> = {
  kind: 'sweep',
  parse: parseSweepOptions,
  // What decides the rows: a folder left incomplete with other values is not resumed.
  spec: ({ deltas, alpha, tStar, n, L, rw, backend, out, force }) => ({
    out,
    kind: 'sweep',
    force,
    options: { '--delta': deltas.join(','), '--alpha': String(alpha), '--t-star': String(tStar), '--n': String(n), '--L': String(L), '--rw': String(rw), '--backend': backend },
    caseCheck: SWEEP_ROW,
  }),
  cases: (o) =>
    o.deltas.map((delta) => {
      const resolved = o.n > 0 && scenarioResolutionRecord(new Grid({ n: o.n, L: o.L }), BLOWDOWN.name, { ...DEFAULT_SCENARIO_PARAMS, delta, alpha: o.alpha }).resolved;
      return { id: sweepCaseId(delta), spec: { delta }, cost: { n: resolved ? o.n : 0, L: o.L, time: o.tStar, radial: true } };
    }),
  runCase: (o, spec, signal) => sweepCase(o, spec.delta as number, operatorsOf(o), signal),
  inProcess: async (o, folder, signal) => {
    const { deltas, alpha, tStar, n, L, rw, out } = o;
    const cases = caseStore<SweepRow>(folder, deltas.map(sweepCaseId), console.log);
    const { rows, fit, met, verdict } = await blowdownSweep(
      { deltas, alpha, tStar, n, L, rw },
      operatorsOf(o),
      (row) => console.log(rowLine(row, n, L)),
      { signal, cases },
    );
    console.log(verdict);
    await atomicWrite(join(out, 'sweep.json'), JSON.stringify({ config: { deltas, alpha, tStar, n, L, rw }, rows, fit, boundMet: met, verdict }, null, 1) + '\n');
    await atomicWrite(join(out, 'sweep.csv'), csvTable(SWEEP_COLUMNS, rows));
    console.log(`wrote ${out}/sweep.json, sweep.csv`);
  },
};

/** One δ of the sweep as a line of the console. */
function rowLine(row: SweepRow, n: number, L: number): string {
  const g = row.grid3d;
  return (
    `δ = ${row.delta.toExponential(1)}: radial ‖E+f‖ ${row.radial.Ef_L2M.toExponential(4)}, ‖f‖ ${row.radial.f_L2M.toExponential(4)}, δ^(α−1/4) ${row.ref_scale.toExponential(4)}` +
    (g
      ? `; 3D N=${g.n}: ‖E+f‖ ${g.Ef_L2M.toExponential(4)}, ‖f‖ ${g.f_L2M.toExponential(4)}, radial_error ${g.radial_error.toExponential(2)}`
      : n > 0
        ? `; 3D: not resolved at N = ${n} (${row.n_needed ? `needs N ≥ ${row.n_needed}` : `no N ≤ 512 resolves it at L = ${L}`})`
        : '')
  );
}

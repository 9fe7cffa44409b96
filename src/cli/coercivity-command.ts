// `landau3d coercivity`: the coercivity facts of [GW24] on the grid (src/studies/coercivity/), as a table
// on stdout and DIR/coercivity.json, with the eigenvalues along a ray plotted to DIR/eigen_along_ray.svg.
import { addBackendOptions, addGradientOption, addStudyFolderOptions, parseBackend } from './option-groups.js';
import { Equation } from '../equation/equation.js';
import { scenariosFor } from '../scenarios/catalogue.js';
import { COULOMB_GAMMA } from '../core/kernel/kernel-table.js';
import { withStudyFolder } from './study-folder-command.js';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { coercivityStudy, type CoercivityReport } from '../studies/coercivity/coercivity-study.js';
import { atomicWrite } from '../io/atomic-write.js';
import { CONV_CHOICES, createNodeOperator, CPU_MAX_N, type ConvChoice } from '../backends/node/create-operator-node.js';
import { renderPlotSvg } from '../report/plot.js';
import { DEFAULT_SCENARIO_PARAMS, type ScenarioName } from '../scenarios/scenario-params.js';
import { alphaOption, deltaOption, number, numberList, UsageError, type RawOptions } from './option-values.js';
import { Grid } from '../core/grid/grid.js';
import { guardScenario } from './resolution-guard.js';

// LOBPCG's preconditioner, (K_loc + D_M)⁻¹, is the local part of the one-sided scheme: with it c̄0
// of order 2 converges in 30–50 iterations at N = 8 … 32, of order 8 at N ≤ 12 only (N ≥ 16 ran past
// 150 iterations), so the study takes the one-sided flux unless asked.
const COERCIVITY_ORDER_NOTE = '; 2 by default here: the eigen-solver converges for it at every N, for order 8 up to N = 12';
import { parseGradientOrder, parseThreads } from './run-options.js';
import { word } from '../core/errors/user-input-error.js';
import { CLI_FLAGS } from './option-flags.js';

/** Coercivity examines Landau–Coulomb operators: the scenarios whose closed forms hold for γ = −3. */
const COERCIVITY_SCENARIOS = scenariosFor(COULOMB_GAMMA).map((s) => s.name);

/** Validates the raw option strings; throws UsageError naming the option, the value and the accepted range. */
export function parseCoercivityOptions(raw: RawOptions) {
  const n = number(raw, 'n', '--n', 16, (x) => Number.isInteger(x) && x >= 6 && x <= 128, 'an integer from 6 to 128');
  const L = number(raw, 'L', '--L', 6, (x) => x >= 2 && x <= 100, '2 ≤ L ≤ 100');
  const cbarText = raw.cbarN === undefined ? String(n) : String(raw.cbarN);
  const cbarN = cbarText === 'none' ? [] : numberList(cbarText, '--cbar-n', (x) => Number.isInteger(x) && x >= 6 && x <= 64, 'integers from 6 to 64');
  const tolerance = number(raw, 'tol', '--tol', 1e-4, (x) => x >= 1e-10 && x <= 0.1, '1e-10 ≤ tol ≤ 0.1');
  const maxIterations = number(raw, 'maxIter', '--max-iter', 150, (x) => Number.isInteger(x) && x >= 1 && x <= 10000, 'an integer from 1 to 10000');
  const params = {
    ...DEFAULT_SCENARIO_PARAMS,
    delta: deltaOption(raw),
    alpha: alphaOption(raw),
  };
  const backend = parseBackend(raw);
  const conv = String(raw.conv) as ConvChoice;
  if (backend === 'cpu' && conv === 'direct' && Math.max(n, ...cbarN) > CPU_MAX_N) throw new UsageError(`the direct CPU reference is limited to N ≤ ${CPU_MAX_N}`);
  const threads = parseThreads(raw);
  const scenario = String(raw.scenario) as ScenarioName;
  guardScenario(new Grid({ n, L }), scenario, params, raw.allowUnresolved === true);
  const out = String(raw.out);
  const quiet = raw.quiet === true;
  const force = raw.force === true;
  return { scenario, params, n, L, cbarN, tolerance, maxIterations, backend, conv, threads, gradient: parseGradientOrder(raw), out, force, quiet };
}

export function registerCoercivityCommand(program: Command): void {
  const command = program
    .command('coercivity')
    .description('coercivity diagnostics of [GW24]: eigenvalues of A[F], the kernel of L_M, Rayleigh quotients and the best constant c̄0')
    .addOption(new Option('--scenario <name>', 'F whose A[F] is examined (A[M] always is)').choices([...COERCIVITY_SCENARIOS]).default('maxwellian'))
    .option('--n <N>', 'cells per axis', '16')
    .option('--L <L>', 'half-width of the velocity box [−L, L]³', '6')
    .option('--cbar-n <list>', 'grids for the best constant c̄0 by LOBPCG, e.g. 12,16,24 ("none" to skip; default: --n)')
    .option('--tol <r>', 'LOBPCG: relative residual of the smallest pair', '1e-4')
    .option('--max-iter <k>', 'LOBPCG: most iterations', '150')
    .option('--delta <d>', 'blowdown: width² δ of the bump', String(DEFAULT_SCENARIO_PARAMS.delta))
    .option('--alpha <a>', 'blowdown: bump mass δ^α', String(DEFAULT_SCENARIO_PARAMS.alpha))
    .addOption(new Option('--conv <path>', 'convolutions (--backend cpu --conv direct: the N⁶ f64 reference)').choices([...CONV_CHOICES]).default('auto'))
    .option('--allow-unresolved', 'examine data the grid does not resolve instead of refusing')
    .option('--quiet', 'print only the table');
  addStudyFolderOptions(addGradientOption(addBackendOptions(command), 2, COERCIVITY_ORDER_NOTE), 'coercivity.json, eigen_along_ray.svg')
    .action(async (raw: RawOptions) => {
      const { scenario, params, n, L, cbarN, tolerance, maxIterations, backend, conv, threads, gradient, out, force, quiet } = parseCoercivityOptions(raw);
      const log = quiet ? () => {} : (line: string) => console.log(line);

      await withStudyFolder(out, 'coercivity', force, log, async () => {
        const report = await coercivityStudy({
          scenario,
          params,
          n,
          L,
          cbarN,
          lobpcg: { tolerance, maxIterations },
          operatorFor: async (grid) => {
            const made = await createNodeOperator(grid, backend, { conv, threads, equation: new Equation({ gradient }) });
            log(`backend: ${made.operator.description.device} (${word(made.selection, CLI_FLAGS)})`);
            return made;
          },
          log,
        });
        await atomicWrite(join(out, 'coercivity.json'), JSON.stringify(report, null, 2) + '\n');
        await atomicWrite(join(out, 'eigen_along_ray.svg'), await rayPlot(report));
        console.log(coercivityTable(report));
        console.log(`wrote ${join(out, 'coercivity.json')} and eigen_along_ray.svg`);
      });
    });
}

export function coercivityTable(r: CoercivityReport): string {
  const e = (x: number | null) => (x === null ? '—' : x.toExponential(4));
  const rows: [string, string][] = [
    [`grid`, `N = ${r.n}, L = ${r.L} (${r.device})`],
    [`λ_min of A[F], ${r.scenario}`, e(r.lambda_min)],
    [`c = min λ_min⟨v⟩³, ${r.scenario}`, `${e(r.c_lower)} at |v| = ${r.c_lower_at.toFixed(3)}`],
    [`λ_min of A[M]`, e(r.maxwellian.lambdaMin)],
    [`c for A[M]`, `${e(r.maxwellian.cLower)} at |v| = ${r.maxwellian.cLowerAt.toFixed(3)}`],
    [`c0: largest eigenvalue nearest 0`, `${e(r.maxwellian.c0_grid)} (exact c0 = ${e(r.maxwellian.c0_exact)})`],
    [`λ1, λ2 along the ray vs closed forms`, `max |error|/c0 ${e(r.maxwellian.ray_max_error)}, ${r.maxwellian.ray_monotone ? 'decreasing' : 'NOT decreasing'}`],
    [`‖L_M‖ (random g)`, e(r.L_M_norm)],
    ...r.kernel_residuals.map((x, i): [string, string] => [`‖L_M(${r.kernel_labels[i]})‖ / ‖L_M‖`, e(x)]),
    [`R(g), random g ⊥ ker`, r.rayleigh_random.map(e).join(', ')],
    [`(L_E h,h)_μ / ‖L_E h‖‖h‖, random h`, r.LE_random.map(e).join(', ')],
    ...r.cbar0_by_n.map((b): [string, string] => [
      `c̄0, N = ${b.n}`,
      `${b.cbar0.toFixed(6)} (${b.iterations} it., residual ${b.residual.toExponential(1)}, ${b.converged ? 'converged' : 'NOT converged'}, ${b.seconds.toFixed(1)} s)`,
    ]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

async function rayPlot(r: CoercivityReport): Promise<string> {
  const pts = r.eigen_along_ray;
  return renderPlotSvg({
    title: `Eigenvalues of A[M] along the ray v ∥ (1,1,1), N = ${r.n}`,
    xLabel: '|v|',
    yLabel: 'eigenvalue',
    yLog: true,
    series: [
      { name: 'λ1 (radial), grid', points: pts.map((p) => ({ x: p.r, y: p.lambda1 })), mark: 'point', group: 'λ1' },
      { name: 'λ1 exact', points: pts.map((p) => ({ x: p.r, y: p.lambda1_exact })), dashed: true, group: 'λ1' },
      { name: 'λ2 (tangential), grid', points: pts.map((p) => ({ x: p.r, y: p.lambda2 })), mark: 'point', group: 'λ2' },
      { name: 'λ2 exact', points: pts.map((p) => ({ x: p.r, y: p.lambda2_exact })), dashed: true, group: 'λ2' },
    ],
  });
}

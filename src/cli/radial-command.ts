// `landau3d radial`: the radial reference solver (f64, graded shells) on the radial scenarios, with
// the diagnostics and files of `landau3d run` (f0 = f at r → 0 added; final.npy holds (r, f) rows).
// By default it solves on N and 2N cells of one map and reports f0 and the blow-down norms
// Richardson-extrapolated (radial-reference.ts); conserved quantities and the profile are the fine
// grid's own.
import { addStudyFolderOptions } from './option-groups.js';
import { Equation } from '../equation/equation.js';
import { withStudyFolder } from './study-folder-command.js';
import { Option, type Command } from 'commander';
import type { BlowdownDiagnostics } from '../scenarios/blowdown-profile.js';
import { radialPoints, radialReference, radialReferencePair, RADIAL_SCENARIOS, richardsonRecord, type RadialScenarioName } from '../diagnostics/radial-reference.js';
import type { RadialSolver } from '../reference/radial/index.js';
import { writeDiagnostics, writeNpyRows, type RunRecord } from '../io/run-output.js';
import type { RadialSeriesEntry } from '../diagnostics/series.js';
import { DEFAULT_SCENARIO, DEFAULT_SCENARIO_PARAMS, type ScenarioParams } from '../scenarios/scenario-params.js';
import { scenario as scenarioDefinition } from '../scenarios/catalogue.js';
import { alphaOption, deltaOption, number, outputFolder, shown, UsageError, type RawOptions as RawRunOptions } from './option-values.js';
import { word } from '../core/errors/user-input-error.js';
import { CLI_FLAGS } from './option-flags.js';

export interface RadialOptions {
  scenario: RadialScenarioName;
  tEnd: number;
  dtOut: number;
  params: ScenarioParams;
  cells: number;
  R: number;
  rtol: number;
  rw: number;
  /** Solve on N and 2N cells and extrapolate (default), or on N cells alone. */
  extrapolate: boolean;
  out: string;
  /** Replace the Landau3D results already in --out (only the files Landau3D wrote). */
  force: boolean;
  quiet: boolean;
}

/** Validates the raw option strings; throws UsageError naming the option, the value and the accepted range. */
export function parseRadialOptions(raw: RawRunOptions): RadialOptions {
  const scenario = String(raw.scenario ?? DEFAULT_SCENARIO);
  if (!(RADIAL_SCENARIOS as readonly string[]).includes(scenario)) throw new UsageError(`--scenario must be one of ${RADIAL_SCENARIOS.join(', ')}, got ${shown(scenario)}`);
  const tEnd = number(raw, 'tEnd', '--t-end', 1, (x) => x >= 0 && x <= 1e6, '0 ≤ T ≤ 1e6');
  const dtOut = number(raw, 'dtOut', '--dt-out', Math.max(tEnd / 10, 1e-12), (x) => x > 0, 'a positive time');
  const params = {
    ...DEFAULT_SCENARIO_PARAMS,
    delta: deltaOption(raw),
    alpha: alphaOption(raw),
  };
  const cells = number(raw, 'cells', '--cells', 400, (x) => Number.isInteger(x) && x >= 16 && x <= 100000, 'an integer from 16 to 100000');
  const R = number(raw, 'R', '--R', 10, (x) => x >= 4 && x <= 100, '4 ≤ R ≤ 100');
  const rtol = number(raw, 'rtol', '--rtol', 1e-5, (x) => x >= 1e-12 && x <= 0.1, '1e-12 ≤ rtol ≤ 0.1');
  const rw = number(raw, 'rw', '--rw', 4, (x) => x > 0 && x <= R, `0 < R_w ≤ R`);
  if (tEnd / dtOut > 100000) throw new UsageError(`--t-end/--dt-out asks for ${Math.ceil(tEnd / dtOut)} outputs; at most 100000`);
  const out = outputFolder(raw, 'diagnostics.json, diagnostics.csv and final.npy');
  return { scenario: scenario as RadialScenarioName, tEnd, dtOut, params, cells, R, rtol, rw, extrapolate: raw.extrapolate !== false, out, force: raw.force === true, quiet: raw.quiet === true };
}

export function registerRadialCommand(program: Command): void {
  const command = program
    .command('radial')
    .description('radial reference solver in f64 on graded shells: the radial equation of docs/mathematics.md §2')
    .addOption(new Option('--scenario <name>', 'radial initial data').choices([...RADIAL_SCENARIOS]).default(DEFAULT_SCENARIO))
    .option('--delta <d>', 'blowdown: width² δ of the bump M_δ, 0 < δ < 1', String(DEFAULT_SCENARIO_PARAMS.delta))
    .option('--alpha <a>', 'blowdown: bump mass δ^α', String(DEFAULT_SCENARIO_PARAMS.alpha))
    .option('--t-end <T>', 'final time', '1')
    .option('--dt-out <T>', 'time between outputs (default t-end/10)')
    .option('--cells <N>', 'radial shells (graded: fine near r = 0 where the bump lives); with extrapolation also 2N', '400')
    .option('--R <R>', 'outer radius', '10')
    .option('--rtol <tol>', 'relative error per step of the adaptive implicit stepping', '1e-5')
    .option('--rw <R>', 'blowdown: radius of the ball for the weighted norms', '4')
    .option('--no-extrapolate', 'one solve on N cells instead of N and 2N with Richardson extrapolation of f0 and the norms')
    .option('--quiet', 'print only the summary');
  addStudyFolderOptions(command, 'diagnostics.json, diagnostics.csv, final.npy')
    .action(async (raw: RawRunOptions) => runRadial(parseRadialOptions(raw)));
}

/** Solves, prints the outputs and the summary, writes the folder. */
async function runRadial(o: RadialOptions): Promise<void> {
  const { scenario, tEnd, dtOut, params, cells, R, rtol, rw, extrapolate, out, force, quiet } = o;
  const definition = scenarioDefinition(scenario);
  for (const note of definition.runNotes?.(params, Equation.LANDAU_COULOMB) ?? []) console.log(`note: ${word(note, CLI_FLAGS)}`);
  await withStudyFolder(out, 'radial', force, (line) => console.log(line), async () => {
    const options = { cells, R, rtol };
    const pair = extrapolate ? radialReferencePair(scenario, params, options) : null;
    const solver = pair?.fine ?? radialReference(scenario, params, options);
    // The scalars the extrapolation applies to, at every output of a solve.
    const scalars = (s: RadialSolver, t: number) => ({
      f0: s.diagnostics().f0,
      ...(definition.profileNorms?.(radialPoints(s), t, { ...params, rw }) as Partial<BlowdownDiagnostics> | undefined),
    });
    const started = performance.now();
    const coarseScalars: ReturnType<typeof scalars>[] = [];
    if (pair) pair.coarse.advance(tEnd, { dtOut, onOutput: (d) => coarseScalars.push(scalars(pair.coarse, d.t)) });
    const first = solver.diagnostics();
    const record: RunRecord<RadialSeriesEntry> = {
      config: { scenario, ...params, tEnd, dtOut, cells: pair ? [cells, 2 * cells] : cells, extrapolated: pair !== null, R, rtol, rw },
      device: { kind: 'radial', device: 'CPU f64 radial reference', precision: 'f64' },
      series: [],
      status: 'running',
    };
    let step = 0;
    solver.advance(tEnd, {
      dtOut,
      onStep: () => step++,
      onOutput: (d) => {
        const own = scalars(solver, d.t);
        const coarse = coarseScalars[record.series.length];
        const values = coarse ? richardsonRecord(coarse, own) : own;
        // How far the extrapolation moved the fine grid's values: an estimate of the fine grid's error.
        const change = coarse ? Math.max(...(['f0', 'Ef_L2M', 'f_L2M'] as const).filter((k) => k in own).map((k) => relativeChange(own, values, k))) : undefined;
        record.series.push({
          t: d.t,
          step,
          mass: d.mass,
          energy: d.energy,
          temperature: d.temperature,
          entropy: d.entropy,
          minF: d.minF,
          massDrift: (d.mass - first.mass) / first.mass,
          energyDrift: (d.energy - first.energy) / first.energy,
          ...values,
          ...(change === undefined ? {} : { extrapolation_change: change }),
        });
        if (!quiet) console.log(`t = ${d.t.toPrecision(6)}  steps ${step}  f0 ${values.f0.toExponential(6)}  H ${d.entropy.toPrecision(10)}`);
      },
    });
    record.status = 'completed';
    await writeDiagnostics(out, record);
    const profile = solver.profile();
    await writeNpyRows(out, 'final.npy', [profile.r, profile.f]);
    const last = record.series[record.series.length - 1]!;
    const f0First = record.series[0]!.f0!;
    const grids = pair ? `${cells} and ${2 * cells} shells (extrapolated; it moved the ${2 * cells}-shell values by ≤ ${last.extrapolation_change!.toExponential(1)})` : `${solver.grid.N} shells`;
    console.log(summaryLine(scenario, grids, step, (performance.now() - started) / 1000, first.entropy, f0First, last));
    console.log(`wrote ${out}/diagnostics.json, diagnostics.csv, final.npy`);
  });
}

/** The closing line: grids, steps, time, drifts, entropy, f0 and (blow-down) the weighted norm. */
function summaryLine(scenario: string, grids: string, step: number, seconds: number, entropy0: number, f0First: number, last: RadialSeriesEntry): string {
  return (
    `\nradial ${scenario}: ${grids}, ${step} steps in ${seconds.toFixed(2)} s; ` +
    `mass drift ${last.massDrift.toExponential(2)}, energy drift ${last.energyDrift.toExponential(2)}, ` +
    `H ${entropy0.toPrecision(10)} → ${last.entropy.toPrecision(10)}, f0 ${f0First.toExponential(6)} → ${last.f0!.toExponential(6)}` +
    (last.Ef_L2M !== undefined ? `, ‖E + f‖ in L²(M⁻¹) = ${last.Ef_L2M.toExponential(4)} (δ^(α−1/4) = ${last.ref_scale!.toExponential(4)})` : '')
  );
}

function relativeChange<T extends object>(from: T, to: T, key: keyof T): number {
  return Math.abs(Number(to[key]) - Number(from[key])) / Math.abs(Number(to[key]));
}

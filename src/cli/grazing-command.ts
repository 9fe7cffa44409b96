// `landau3d grazing`: the grazing-collisions limit of [LBW22] (Le Bihan–Winter) on the host in
// f64 — deflection angles, c_Φ from (2.6) and (2.7), Corollary 3.2, and the convergence of the
// linearised Boltzmann operator L_ε to the linearised Landau operator (or, for s > 1, to the
// non-cutoff Boltzmann operator). Every option is checked before anything is computed or written.

import { runStudy } from './study-folder-command.js';
import { atomicWrite } from '../io/atomic-write.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { compileExpression, ExpressionError } from '../studies/grazing/expression.js';
import { QUADRATURES, type OperatorQuadrature } from '../studies/grazing/operators.js';
import { assumptionViolation, customPotential, namedPotential, PROFILE_NAMES, PROFILES, type RadialPotential } from '../studies/grazing/potentials.js';
import { runGrazingStudy } from '../studies/grazing/study.js';
import { studyTables } from '../studies/grazing/tables.js';
import { TEST_FUNCTIONS, type TestFunction } from '../studies/grazing/test-functions.js';
import { finiteNumber, oneLine, optionText, outputFolder, shown, UsageError } from './option-values.js';

export const DEFAULT_EPS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5];
export const EPS_MIN = 1e-8;
export const EPS_MAX = 0.5;
export const S_MAX = 4;
export const MAX_EPS_VALUES = 12;
const PSI_CHOICES = ['gauss', 'cos', 'poly'];
const QUADRATURE_CHOICES = Object.keys(QUADRATURES);

export interface GrazingOptions {
  potential: RadialPotential;
  potentialName: string;
  phiExpression?: string;
  s: number;
  eps: number[];
  psi: TestFunction;
  quadrature: OperatorQuadrature;
  quadratureName: string;
  out: string;
  /** Replace the Landau3D results already in --out (only the files Landau3D wrote). */
  force: boolean;
  quiet: boolean;
}

export type RawGrazingOptions = Record<string, string | boolean | undefined>;


/** Validates the raw option strings; throws UsageError naming the option, the value and the accepted range. */
export function parseGrazingOptions(raw: RawGrazingOptions): GrazingOptions {
  if (raw.s === undefined || raw.s === true) throw new UsageError(`--s S is required: the order of the singularity φ(r) ~ f(0)/r^s, 0 ≤ s ≤ ${S_MAX}`);
  const sText = optionText(raw, 's', '--s')!;
  const s = finiteNumber(sText, '--s');
  if (!(s >= 0 && s <= S_MAX)) throw new UsageError(`--s = ${sText.trim()} is out of range: 0 ≤ s ≤ ${S_MAX}`);

  const phiText = typeof raw.phi === 'string' ? raw.phi : undefined;
  const potentialName = raw.potential === undefined ? (phiText !== undefined ? 'custom' : 'quadratic') : String(raw.potential);
  if (potentialName !== 'custom' && !PROFILE_NAMES.includes(potentialName)) {
    throw new UsageError(`unknown --potential ${shown(potentialName)}; choose one of ${[...PROFILE_NAMES, 'custom'].join(', ')}`);
  }
  let potential: RadialPotential;
  if (potentialName === 'custom') {
    if (phiText === undefined || phiText.trim() === '') throw new UsageError("--potential custom needs --phi EXPR, φ(r) on (0, 1) as an expression in r, e.g. --phi '(1-r)^2/sqrt(r)'");
    let phi: (r: number) => number;
    try {
      phi = compileExpression(phiText);
    } catch (err) {
      if (err instanceof ExpressionError) throw new UsageError(`--phi ${shown(phiText)}: ${oneLine(err.message)}`);
      throw err;
    }
    potential = customPotential(phi, s, 'custom');
    const violation = assumptionViolation(potential);
    if (violation) throw new UsageError(`--phi ${shown(phiText)} with --s ${s} is not a potential of Assumption 2.1: ${oneLine(violation)}`);
  } else {
    if (phiText !== undefined) throw new UsageError(`--phi is for --potential custom, not ${shown(potentialName)}`);
    potential = namedPotential(potentialName, s);
  }

  let eps = DEFAULT_EPS;
  const epsText = optionText(raw, 'eps', '--eps');
  if (epsText !== undefined) {
    const parts = epsText.split(',');
    eps = parts.map((t) => finiteNumber(t, '--eps'));
    if (eps.length > MAX_EPS_VALUES) throw new UsageError(`--eps lists ${eps.length} values; at most ${MAX_EPS_VALUES}`);
    for (let i = 0; i < eps.length; i++) {
      if (!(eps[i] >= EPS_MIN && eps[i] <= EPS_MAX)) throw new UsageError(`--eps value ${parts[i].trim()} is out of range: ${EPS_MIN} ≤ ε ≤ ${EPS_MAX}`);
    }
    if (new Set(eps).size !== eps.length) throw new UsageError(`--eps lists a value twice: ${shown(epsText)}`);
  }

  const psiName = raw.psi === undefined ? 'gauss' : String(raw.psi);
  if (!PSI_CHOICES.includes(psiName)) throw new UsageError(`unknown --psi ${shown(psiName)}; choose one of ${PSI_CHOICES.join(', ')}`);
  const quadratureName = raw.quadrature === undefined ? 'default' : String(raw.quadrature);
  if (!QUADRATURE_CHOICES.includes(quadratureName)) throw new UsageError(`unknown --quadrature ${shown(quadratureName)}; choose one of ${QUADRATURE_CHOICES.join(', ')}`);

  const out = outputFolder(raw, 'grazing.json and report.html');

  return {
    potential,
    potentialName,
    ...(potentialName === 'custom' ? { phiExpression: phiText } : {}),
    s,
    eps: [...eps],
    psi: TEST_FUNCTIONS[psiName],
    quadrature: QUADRATURES[quadratureName as keyof typeof QUADRATURES],
    quadratureName,
    out,
    force: raw.force === true,
    quiet: raw.quiet === true,
  };
}

/** JSON with non-finite numbers (c_Φ = ∞ for s > 1) written as null. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** The study into o.out; a signal stops it within one radial node of its sampling or one ε, and nothing is written. */
export async function grazingCommand(o: GrazingOptions, print: (line: string) => void): Promise<number> {
  const log = o.quiet ? () => {} : print;
  const io = { log: print, error: (line: string) => console.error(line) };
  return runStudy({ out: o.out, kind: 'grazing', force: o.force }, 0, io, (_folder, signal) => grazingStudyInto(o, print, log, signal));
}

async function grazingStudyInto(o: GrazingOptions, print: (line: string) => void, log: (line: string) => void, signal: AbortSignal): Promise<void> {
  const study = await runGrazingStudy({
    potential: o.potential,
    potentialSpec: { name: o.potentialName, ...(o.phiExpression ? { expression: o.phiExpression } : {}) },
    psi: o.psi,
    eps: o.eps,
    quadrature: o.quadrature,
    quadratureName: o.quadratureName,
    log,
  }, signal);
  // Loaded on demand: Vega is a large import that `landau3d run` and option errors need not pay for.
  const { grazingReportHtml } = await import('../report/grazing-report.js');
  const html = await grazingReportHtml(study);
  await atomicWrite(join(o.out, 'grazing.json'), toJson(study));
  await atomicWrite(join(o.out, 'report.html'), html);
  for (const line of studyTables(study)) print(line);
  print('');
  print(`wrote ${join(o.out, 'grazing.json')} and ${join(o.out, 'report.html')} (${study.seconds.toFixed(1)} s)`);
}

export function registerGrazingCommand(program: Command): void {
  const profiles = PROFILE_NAMES.map((n) => `${n}: ${PROFILES[n].description}`).join('; ');
  program
    .command('grazing')
    .description(
      'grazing-collisions limit (Le Bihan–Winter): deflection angles θ(ρ), the constant c_Φ from (2.6) and (2.7), ' +
        'and the convergence of the linearised Boltzmann operator L_ε ψ of the potential εφ to 2π c_Φ K ψ (Landau, s ≤ 1) ' +
        'or, for s > 1, of ε^{-2/s} L_ε ψ to the non-cutoff Boltzmann operator; host-side, f64',
    )
    .option('--potential <name>', `φ(r) = f(r)/r^s on (0, 1], 0 beyond, with f one of — ${profiles}; or custom (with --phi). Default quadratic`)
    .option('--phi <expr>', "custom φ(r) on (0, 1) as an expression in r (+ - * / ^, sqrt exp log sin cos …, pi), e.g. '(1-r)^2/sqrt(r)'; must be decreasing with r^s φ(r) → f(0) > 0 and φ(1) = 0")
    .option('--s <S>', `order of the singularity at r = 0, 0 ≤ s ≤ ${S_MAX} (required): s < 1 Landau, s = 1 Coulomb logarithm, s > 1 non-cutoff Boltzmann`)
    .option('--eps <list>', `comma-separated coupling strengths ε, each in [${EPS_MIN}, ${EPS_MAX}] (default ${DEFAULT_EPS.map((x) => x.toExponential(0)).join(',')})`)
    .option('--psi <name>', `test function — ${PSI_CHOICES.map((n) => `${n}: ${TEST_FUNCTIONS[n].description}`).join('; ')} (default gauss)`)
    .option('--quadrature <q>', 'velocity, collision-sphere and impact-parameter rules: fast (~3× quicker), default, fine (~5× slower, to check convergence) (default default)')
    .option('--out <dir>', 'output folder (required): grazing.json and report.html')
    .option('--force', 'replace the Landau3D results already in --out: first remove exactly the files Landau3D wrote there, nothing else')
    .option('--quiet', 'no progress lines (the tables are still printed)')
    .action(async (raw: RawGrazingOptions) => {
      const code = await grazingCommand(parseGrazingOptions(raw), (line) => console.log(line));
      process.exit(code);
    });
}

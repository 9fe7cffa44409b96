// Re-measures the figures the documentation quotes from command-line runs (docs/coercivity.md,
// docs/validation.md) with today's code, on the native CPU backend, and prints them as the rows
// the pages show, each with the command that produced it.
//   npx tsx bench/doc-figures.ts [--full] [--threads k]
// About 2 minutes on two cores; --full adds c̄0 at N = 24 and 32 (another 4 minutes).
// Runs the compiled command line (dist/, `npx tsc -p tsconfig.json`), in a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';

const opts = new Command('doc-figures')
  .option('--full', 'also c̄0 at N = 24 and 32 (LOBPCG, minutes)')
  .option('--threads <k>', 'threads of the native CPU backend (default: every core)')
  .parse(process.argv)
  .opts<{ full?: boolean; threads?: string }>();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const work = mkdtempSync(join(tmpdir(), 'landau3d-doc-figures-'));
let runs = 0;

/** Runs one landau3d command into a fresh folder and returns the folder. */
function landau3d(args: string[]): string {
  const out = join(work, `run-${runs++}`);
  const threads = opts.threads ? ['--threads', opts.threads] : [];
  const command = ['node', 'dist/src/cli/main.js', ...args].join(' ');
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, ...args, '--backend', 'cpu', ...threads, '--quiet', '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`  ran \`${command} --backend cpu\` in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

const readJson = (folder: string, file: string) => JSON.parse(readFileSync(join(folder, file), 'utf8'));
const sci = (x: number, digits = 2) => x.toExponential(digits).replace(/e\+?/, 'e');
const order = (n1: number, e1: number, n2: number, e2: number) => (Math.log(e1 / e2) / Math.log(n2 / n1)).toFixed(1);
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)} … ${Math.max(...xs).toFixed(digits)}`;

/** docs/coercivity.md: A[M] along the ray, the kernel residuals, c̄0. */
function coercivityRows(): string[] {
  const ns = [11, 15, 21];
  const records = ns.map((n) => readJson(landau3d(['coercivity', '--n', String(n), '--cbar-n', 'none']), 'coercivity.json'));
  const errors = records.map((r) => r.maxwellian.ray_max_error as number);
  const residual = Math.max(...records.flatMap((r) => r.kernel_residuals as number[]));
  const cbarNs = opts.full ? '8,12,16,24,32' : '8,12,16';
  const cbar = (readJson(landau3d(['coercivity', '--n', '16', '--cbar-n', cbarNs]), 'coercivity.json').cbar0_by_n as { n: number; cbar0: number }[]).map((c) => c.cbar0.toFixed(6));
  return [
    `| A[M] eigenvalues along the ray, max \\|error\\|/c0, N = ${ns.join(', ')} | ${errors.map((e) => sci(e)).join(', ')} (orders ${order(ns[0]!, errors[0]!, ns[1]!, errors[1]!)}, ${order(ns[1]!, errors[1]!, ns[2]!, errors[2]!)}) |`,
    `| kernel residuals ‖L_M(pM)‖/‖L_M‖, N = ${ns.join(', ')} | ≤ ${sci(residual, 1)} |`,
    `| c̄0, N = ${cbarNs.replaceAll(',', ', ')} | ${cbar.join(', ')} |`,
  ];
}

/** docs/coercivity.md: the blow-down row (δ = 0.1, N = 32, t = 0.1 … 1). */
function blowdownCoercivityRow(): string {
  const series = readJson(landau3d(['run', '--scenario', 'blowdown', '--n', '32']), 'diagnostics.json').series.filter((e: { t: number }) => e.t > 0);
  const rayleigh = series.map((e: { rayleigh_LM: number }) => e.rayleigh_LM);
  const form = series.map((e: { LE_form_rel: number }) => e.LE_form_rel);
  const smallestC = series.map((e: { lemma33: { C_needed: number } }) => e.lemma33.C_needed);
  return `| blow-down δ = 0.1, N = 32, t = 0.1 … 1 | R(g) ${rayleigh[0].toFixed(4)} → ${rayleigh.at(-1).toFixed(4)}; (L_E h,h)_μ/‖L_E h‖‖h‖ ${range(form, 3)}; smallest C of Lemma 3.3 ${range(smallestC, 3)} |`;
}

/** docs/validation.md: the blow-down and BKW rows of the symmetry table, and the main job. */
function validationRows(): string[] {
  const blowdown = readJson(landau3d(['run', '--scenario', 'blowdown', '--delta', '0.3', '--n', '24', '--t-end', '0.5', '--compare-radial']), 'diagnostics.json').series.at(-1);
  const bkw = readJson(landau3d(['run', '--scenario', 'bkw', '--gamma', '0', '--L', '4', '--n', '16', '--t-end', '1']), 'diagnostics.json').series.at(-1);
  const main = readJson(landau3d(['run', '--scenario', 'blowdown', '--n', '64']), 'diagnostics.json').series;
  const last = main.at(-1);
  return [
    `| blow-down δ = 0.3, N = 24, t = 0.5: anisotropy, radial_error | ${sci(blowdown.anisotropy)}, ${sci(blowdown.radial_error, 3)} |`,
    `| BKW (γ = 0, L = 4, N = 16), t = 1: relative L¹ error, anisotropy, max error | ${sci(bkw.bkw_error_l1)}, ${sci(bkw.anisotropy)}, ${sci(bkw.bkw_error_max)} |`,
    `| main job: RK3 steps, mass drift, energy drift, ΔH | ${last.step}, ${sci(Math.abs(last.massDrift), 1)}, ${sci(Math.abs(last.energyDrift), 1)}, ${sci(last.entropy - main[0].entropy)} |`,
  ];
}

try {
  console.log('docs/coercivity.md');
  const coercivity = [...coercivityRows(), blowdownCoercivityRow()];
  console.log('docs/validation.md');
  const validation = validationRows();
  console.log(['', '| docs/coercivity.md | |', '| --- | --- |', ...coercivity, '', '| docs/validation.md | |', '| --- | --- |', ...validation].join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

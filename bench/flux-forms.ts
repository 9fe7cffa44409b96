// Runs bench/flux_forms.py, the NumPy experiment comparing flux forms of the pair-form operator by
// their initial-rate errors, with the exact rates of src/core/math/moment-rates.ts for its three data
// sets (bi-Maxwellian, two Maxwellians at ±1.5 e_x, M + δ^α N(e_x, δI)), and the kernel's shell factors.
//   npx tsx bench/flux-forms.ts [--schemes eight,c4,c4s,c6,eight4,up3,up5,up7] [--n 16,24,32] [--pointwise]
// (--pointwise: Q cell by cell against the exact Q of sums of Maxwellians instead of the rates;
//  --stiffness: the largest |eigenvalue| of the linearised Q at the two Maxwellians, by power iteration)
// Skipped with a notice when python3 with numpy and scipy is not there.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { coulombCorrections } from '../src/core/kernel/kernel-table.js';
import { secondMomentRate } from '../src/core/math/moment-rates.js';

const opts = new Command('flux-forms')
  .option('--schemes <list>', 'flux forms (see bench/flux_forms.py)', 'eight,c4,c4s,eightC,c6,eight4')
  .option('--n <list>', 'grid sizes', '16,24,32')
  .option('--pointwise', 'errors of Q cell by cell instead of the second-moment rates')
  .option('--stiffness', 'largest |eigenvalue| of the linearised Q (two Maxwellians) instead of the rates')
  .parse(process.argv)
  .opts<{ schemes: string; n: string; pointwise?: boolean; stiffness?: boolean }>();

const probe = spawnSync('python3', ['-c', 'import numpy, scipy'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log('flux-forms: skipped — python3 with numpy and scipy is not available');
  process.exit(0);
}
const bump = Math.pow(0.3, 0.3);
const { shell1, shell2 } = coulombCorrections();
const exact = {
  shells: [shell1, shell2],
  bimax: secondMomentRate([{ weight: 1, z: { axis: [1, 0, 0], shift: 0, tPar: 2.4, tPerp: 1.8 } }]),
  twoMax: secondMomentRate([{ weight: 0.5, z: { axis: [1, 0, 0], shift: 3, tPar: 2, tPerp: 2 } }]),
  bump: secondMomentRate([{ weight: 2 * bump, z: { axis: [1, 0, 0], shift: 1, tPar: 1.3, tPerp: 1.3 } }]),
};
const dir = mkdtempSync(join(tmpdir(), 'landau3d-flux-'));
writeFileSync(join(dir, 'exact.json'), JSON.stringify(exact));
const script = join(dirname(fileURLToPath(import.meta.url)), 'flux_forms.py');
const run = spawnSync('python3', [script, join(dir, 'exact.json'), opts.schemes, opts.n, ...(opts.pointwise ? ['pointwise'] : opts.stiffness ? ['stiffness'] : [])], { stdio: 'inherit' });
rmSync(dir, { recursive: true });
process.exit(run.status ?? 1);

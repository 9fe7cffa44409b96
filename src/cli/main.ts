#!/usr/bin/env node
// landau3d command line.
// First, so that a signal during the imports and the start-up is already answered (startup-signals.ts).
import './startup-guard.js';
import { Command, CommanderError, Option } from 'commander';
import { GpuUnavailableError } from '../gpu/gpu-handle.js';
import { BackendUnavailableError } from '../operator/create-operator-node.js';
import { InsufficientMemoryError } from '../operator/cpu/memory-plan.js';
import { runCommand } from './run-command.js';
import { registerCoercivityCommand } from './coercivity-command.js';
import { registerGrazingCommand } from './grazing-command.js';
import { registerRadialCommand } from './radial-command.js';
import { registerReportCommand } from './report-command.js';
import { registerResumeCommand } from './resume-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { UsageError } from './option-values.js';
import { WriteError } from '../io/run-output.js';
import { OutputFolderError } from '../io/output-folder.js';
import { parseRunOptions, type RawRunOptions } from './run-options.js';
import { SCENARIOS } from '../scenarios/scenarios.js';
import { programVersion } from '../io/program-version.js';

const program = new Command('landau3d')
  .description('GPU (WebGPU/WGSL) simulator of the spatially homogeneous Landau–Coulomb equation in 3D velocity space')
  // Usage errors of the parser itself (unknown option, bad choice, missing value) in the same one-line
  // form and with the same exit status as those of the option checks below.
  .version(programVersion(), '-V, --version', 'print the version and exit')
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`landau3d: ${text.replace(/^error: /, '').trim()} (see --help)\n`) });

program
  .command('run')
  .description('integrate ∂tF = Q(F,F) from a scenario or a .npy field and write diagnostics')
  .addOption(new Option('--scenario <name>', `initial data: ${SCENARIOS.join(', ')}`).default('blowdown'))
  .option('--init <file.npy>', 'initial field F on the grid instead of a scenario: float32/64 array of shape (N, N, N), axes (v_x, v_y, v_z)')
  .option('--n <N>', 'cells per axis (4..512; default: the smallest multiple of 8, at least 16, that resolves the data; the size of --init)')
  .option('--L <L>', 'half-width of the velocity box [−L, L]³', '6')
  .option('--t-end <T>', 'final time (0 writes the t = 0 entry only)', '1')
  .option('--dt-out <T>', 'time between outputs (default t-end/10)')
  .option('--cfl <c>', 'step as a fraction of the stability estimate, in (0, 1]', '0.5')
  .option('--rate-tol <r>', 'accuracy limit: largest relative change of F per step, ∫|Q|dt/∫F', '0.02')
  .addOption(new Option('--backend <b>', 'auto: a hardware GPU, else the native CPU backend (f64, FFT, all cores); gpu: WGSL on any adapter (SwiftShader too), fail without one; cpu: the native CPU backend').choices(['auto', 'gpu', 'cpu']).default('auto'))
  .addOption(new Option('--conv <path>', 'convolutions: direct summation, zero-padded FFT, or auto (GPU: FFT from N = 11; CPU: FFT). --backend cpu --conv direct is the N⁶ f64 reference').choices(['auto', 'direct', 'fft']).default('auto'))
  .option('--threads <k>', 'threads of the native CPU backend (default: every core)')
  .option('--max-buffer-mib <M>', "GPU: the most one buffer may hold, in MiB (default: the adapter's limit); larger FFT work sets are split into one buffer per field, with the same results")
  .option('--allow-unresolved', 'run initial data the grid does not resolve (mass or second moments off by more than 1e-4), recording the error, instead of refusing')
  .option('--force', 'replace the Landau3D run already in --out: first remove exactly the files it wrote (its folder has landau3d-run.json), nothing else')
  .option('--dry-run', 'print the memory plan of the chosen backend and convolution path (every buffer, the total, the device limits, the verdict) and stop; nothing is written')
  .option('--delta <d>', 'blowdown: width² δ of the bump M_δ, 0 < δ < 1', '0.1')
  .option('--alpha <a>', 'blowdown: bump mass δ^α (theorem: 1/4 < α < 1/2)', '0.4')
  .option('--t-par <T>', 'bimaxwellian: temperature along the axis', '1.5')
  .option('--t-perp <T>', 'bimaxwellian: temperature across the axis', '0.75')
  .addOption(new Option('--axis <a>', 'bimaxwellian: the axis of T∥').choices(['x', 'y', 'z']).default('z'))
  .option('--shift <u>', 'two-maxwellians: the pair sits at ±u along v_x', '1.5')
  .option('--t0 <t>', 'bkw: time shift of the BKW solution, K(0) = 1 − e^{−t0/(2π)} > 3/5 (t0 > 5.757)', '8')
  .option('--gamma <g>', 'kernel K_γ(z) = |z|^{γ+2}Π(z)/(8π), −3 ≤ γ ≤ 1: −3 Coulomb, 0 Maxwell molecules', '-3')
  .option('--eps-f2 <e>', 'solve the modified equation ∂tF = Q(F,F) + εF², ε ≥ 0 (blows up in finite time for ε > 0)', '0')
  .option('--f-max <F>', 'stop (exit status 1, last state kept) when max F exceeds F (default 1000 × the initial max F)')
  .option('--checkpoint-every <T>', 'write DIR/checkpoint.json at the first output after every T of time, at the end and when stopped; landau3d resume DIR goes on from it')
  .option('--snapshots', 'write F at every output as DIR/snapshots/F_<k>.npy and .vti (k = 0000, 0001, …), listed in manifest.json and in F.pvd (ParaView, with the times)')
  .option('--export-fields <list>', 'with --snapshots: also write A[F] (A_<k>.npy, shape N×N×N×6), Q(F,F) and log F (Q_<k>.npy, logF_<k>.npy), all in the .vti too; a comma-separated subset of A,Q,logF')
  .option('--compare-radial', 'run the radial reference solver alongside (blowdown, maxwellian) and report radial_error')
  .option('--rw <R>', 'blowdown: radius of the ball |v| ≤ R_w for the M⁻¹-weighted norms', '4')
  .requiredOption('--out <dir>', 'output folder (required): grid.json, diagnostics.json, diagnostics.csv, final.npy, final.vti')
  .option('--quiet', 'no progress output')
  .action(async (raw: RawRunOptions) => {
    const code = await runCommand(parseRunOptions(raw), (line) => console.log(line));
    process.exit(code);
  });

registerCoercivityCommand(program);
registerGrazingCommand(program);
registerRadialCommand(program);
registerReportCommand(program);
registerResumeCommand(program);
registerSweepCommand(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  // commander has printed its message (or the help) already.
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  if (err instanceof WriteError) {
    // The run could not keep its results: not a usage error, and not a bug either.
    console.error(`landau3d: ${err.message}`);
    process.exit(1);
  }
  const known = [UsageError, OutputFolderError, GpuUnavailableError, BackendUnavailableError, InsufficientMemoryError, RangeError].some((kind) => err instanceof kind);
  const message = err instanceof Error ? err.message : String(err);
  console.error(`landau3d: ${known ? '' : 'internal error: '}${message}`);
  process.exit(known ? 2 : 1);
});

#!/usr/bin/env node
// landau3d command line.
// First, so that a signal during the imports and the start-up is already answered (startup-signals.ts).
import './startup-guard.js';
import { Command, CommanderError } from 'commander';
import { GpuUnavailableError } from '../backends/gpu/device/gpu-handle.js';
import { BackendUnavailableError } from '../backends/node/create-operator-node.js';
import { InsufficientMemoryError } from '../backends/cpu/memory-plan.js';
import { registerRunCommand } from './run-command.js';
import { registerCoercivityCommand } from './coercivity-command.js';
import { registerGrazingCommand } from './grazing-command.js';
import { registerRadialCommand } from './radial-command.js';
import { registerReportCommand } from './report-command.js';
import { registerResumeCommand } from './resume-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerNonradialCommand } from './nonradial-command.js';
import { UsageError } from './option-values.js';
import { checkArgumentHints } from './argument-hints.js';
import { WriteError } from '../io/atomic-write.js';
import { OutputFolderError } from '../io/output-folder.js';
import { programVersion } from '../io/program-version.js';

const program = new Command('landau3d')
  .description('GPU (WebGPU/WGSL) simulator of the spatially homogeneous Landau–Coulomb equation in 3D velocity space')
  // Usage errors of the parser itself (unknown option, bad choice, missing value) in the same one-line
  // form and with the same exit status as those of the option checks below.
  .version(programVersion(), '-V, --version', 'print the version and exit')
  .exitOverride()
  // On one line: commander puts its "(Did you mean …?)" on a line of its own.
  .configureOutput({ outputError: (text, write) => write(`landau3d: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (see --help)\n`) });

registerRunCommand(program);
registerCoercivityCommand(program);
registerGrazingCommand(program);
registerRadialCommand(program);
registerReportCommand(program);
registerResumeCommand(program);
registerSweepCommand(program);
registerNonradialCommand(program);

const parsed = (async () => {
  checkArgumentHints(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
})();

parsed.catch((err: unknown) => {
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

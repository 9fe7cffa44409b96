// The landau3d program: its commands, and how it ends on an error. Loaded by the entry (main.ts)
// once the start-up's signal handling is in place.
import { Command, CommanderError } from 'commander';
import { registerRunCommand } from './run-command.js';
import { registerCoercivityCommand } from './coercivity-command.js';
import { registerGrazingCommand } from './grazing-command.js';
import { registerRadialCommand } from './radial-command.js';
import { registerReportCommand } from './report-command.js';
import { registerResumeCommand } from './resume-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerNonradialCommand } from './nonradial-command.js';
import { registerClusterCommands } from './cluster-commands.js';
import { checkArgumentHints } from './argument-hints.js';
import { failureOf } from './exit-status.js';
import { UsageError } from './option-values.js';
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
registerClusterCommands(program);

const parsed = (async () => {
  // Without a command: the commands in one line, not the whole help.
  if (process.argv.length <= 2) throw new UsageError(`give a command: ${program.commands.map((c) => c.name()).join(', ')} (landau3d --help describes them)`);
  checkArgumentHints(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
})();

parsed.catch((err: unknown) => {
  // commander has printed its message (or the help) already.
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  const { status, line } = failureOf(err);
  console.error(line);
  process.exit(status);
});

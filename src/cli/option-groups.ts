// Options several commands share, declared and parsed once: the backend, the flux's gradient order
// and a study's output folder. Each command adds the groups it takes and its own options.
import type { Command } from 'commander';
import { BACKENDS, type BackendChoice } from '../backends/node/create-operator-node.js';
import { shown, UsageError, type RawOptions } from './option-values.js';
import { DEFAULT_GRADIENT_ORDER, GRADIENT_ORDERS } from '../equation/log-gradient.js';

/** --backend and --threads (parsed by parseBackend and parseThreads). */
export function addBackendOptions(command: Command): Command {
  return command
    .option('--backend <b>', 'auto: a hardware GPU, else the native CPU backend; gpu: WGSL on any adapter; cpu: the native CPU backend', 'auto')
    .option('--threads <k>', 'threads of the native CPU backend (default: every core)');
}

export function parseBackend(raw: RawOptions): BackendChoice {
  const backend = String(raw.backend ?? 'auto');
  if (!(BACKENDS as readonly string[]).includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}, got ${shown(backend)}`);
  return backend as BackendChoice;
}

/** --gradient-order (parsed by parseGradientOrder), with a command's own default and a word on why. */
export function addGradientOption(command: Command, defaultOrder: number = DEFAULT_GRADIENT_ORDER, why = ''): Command {
  return command.option('--gradient-order <k>', `order of the flux's log F differences: ${GRADIENT_ORDERS.join(', ')} (see landau3d run --help)${why}`, String(defaultOrder));
}

/** --out (required) and --force of a study folder holding `files`. */
export function addStudyFolderOptions(command: Command, files: string): Command {
  return command
    .requiredOption('--out <dir>', `output folder (required): ${files}`)
    .option('--force', 'replace the Landau3D results already in --out: first remove exactly the files Landau3D wrote there, nothing else');
}

/** The folder options of a study that keeps its cases as they finish (sweep, nonradial), with how it is resumed. */
export function addCaseStudyFolderOptions(command: Command, files: string): Command {
  return addStudyFolderOptions(command, `${files}, cases/<id>.json as each case finishes`).addHelpText(
    'after',
    '\nStopped (Ctrl-C, SIGTERM, a failure), the study keeps the cases it finished in --out; the same command\nrun again goes on from them without --force (other options are refused).',
  );
}

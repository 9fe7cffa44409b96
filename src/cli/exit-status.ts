// How the command line ends on an error: its one line on stderr and its exit status. 2: the input
// (options, files read back, the folder) is at fault and the line says how; 1: the work could not
// keep its results (a failed write), or a fault of the program itself ("internal error").
// Errors the user can act on are UserInputErrors (core/errors): usage, files read back, the folder,
// the machine asked for; their options are worded as flags.
import { UserInputError } from '../core/errors/user-input-error.js';
import { WriteError } from '../io/atomic-write.js';
import { cliMessage } from './option-flags.js';

export interface Failure {
  status: 1 | 2;
  line: string;
}

export function failureOf(err: unknown): Failure {
  const message = cliMessage(err).replace(/\s*[\n\r\u0085\u2028\u2029]+\s*/g, ' ');
  // The run could not keep its results: not a usage error, and not a bug either.
  if (err instanceof WriteError) return { status: 1, line: `landau3d: ${message}` };
  if (err instanceof UserInputError) return { status: 2, line: `landau3d: ${message}` };
  return { status: 1, line: `landau3d: internal error: ${message}` };
}

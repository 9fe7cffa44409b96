// How the command line ends on an error: its one line on stderr and its exit status. 2: the input
// (options, files read back, the folder) is at fault and the line says how; 1: the work could not
// keep its results (a failed write), or a fault of the program itself ("internal error").
import { GpuUnavailableError } from '../backends/gpu/device/gpu-handle.js';
import { BackendUnavailableError } from '../backends/node/create-operator-node.js';
import { InsufficientMemoryError } from '../backends/cpu/memory-plan.js';
import { WriteError } from '../io/atomic-write.js';
import { CheckpointError } from '../io/checkpoint.js';
import { NpyError } from '../io/npy.js';
import { OutputFolderError } from '../io/output-folder.js';
import { ReadBackError } from '../io/read-back.js';
import { UsageError } from './option-values.js';

/** Errors the user can act on, each with a message that names the problem. */
const INPUT_ERRORS = [UsageError, OutputFolderError, ReadBackError, NpyError, CheckpointError, GpuUnavailableError, BackendUnavailableError, InsufficientMemoryError, RangeError];

export interface Failure {
  status: 1 | 2;
  line: string;
}

export function failureOf(err: unknown): Failure {
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s*[\n\r\u0085\u2028\u2029]+\s*/g, ' ');
  // The run could not keep its results: not a usage error, and not a bug either.
  if (err instanceof WriteError) return { status: 1, line: `landau3d: ${message}` };
  if (INPUT_ERRORS.some((kind) => err instanceof kind)) return { status: 2, line: `landau3d: ${message}` };
  return { status: 1, line: `landau3d: internal error: ${message}` };
}

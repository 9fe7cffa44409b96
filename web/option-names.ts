// The demo's words for the options a library message mentions (src/core/errors/user-input-error.ts):
// its controls where it has one, and in words what the demo fixes (the step's CFL number and
// accuracy limit, the backend, the equation).
import { messageFor, type OptionKey, type OptionNames } from '../src/core/errors/user-input-error.js';

const CONTROL_NAMES: Readonly<Record<OptionKey, string>> = {
  n: 'N',
  L: 'L',
  conv: 'convolution',
  cfl: 'the CFL number (fixed in the demo)',
  rateTol: 'the accuracy limit of the step (fixed in the demo)',
  backend: 'the backend (WebGPU in the demo)',
  threads: 'CPU threads (not used in the demo)',
  maxBufferMib: 'the largest GPU buffer',
  gamma: 'the kernel exponent γ',
  epsF2: 'the source coefficient ε',
  fMax: 'the largest max F allowed',
  axis: 'the axis',
  init: 'data from a file (the command line)',
  out: 'the output folder (the command line)',
  force: 'replacing a folder (the command line)',
  checkpointEvery: 'checkpoints (the command line)',
};

export const DEMO_NAMES: OptionNames = { name: (option) => CONTROL_NAMES[option], withValue: (name, value) => `${name} = ${value}` };

/** An error's message in the demo's words. */
export function demoMessage(err: unknown): string {
  return messageFor(err, DEMO_NAMES);
}

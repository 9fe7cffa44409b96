// Worker thread of the FFT thread pool: waits for a pass, runs its share of the units, reports.
import { parentPort, workerData } from 'node:worker_threads';
import { decodePass, FftWorkspace, type WorkspaceArrays } from './fft-workspace.js';
import { shareOf } from './pass-runner.js';
import { Control } from './thread-control.js';

interface WorkerSetup {
  n: number;
  arrays: Record<keyof WorkspaceArrays, SharedArrayBuffer>;
  control: SharedArrayBuffer;
  index: number;
  threads: number;
}

const setup = workerData as WorkerSetup;
const view = (buffer: SharedArrayBuffer) => new Float64Array(buffer);
const { inRe, inIm, outRe, outIm, spectra } = setup.arrays;
const arrays: WorkspaceArrays = { inRe: view(inRe), inIm: view(inIm), outRe: view(outRe), outIm: view(outIm), spectra: view(spectra) };
const workspace = new FftWorkspace(setup.n, arrays);
const control = new Int32Array(setup.control);
// The generation is read before saying ready: the pool may start a pass the moment it hears it, and
// a worker that read the generation after that pass had begun would wait for the next one forever.
let seen = Atomics.load(control, Control.Generation);
parentPort!.postMessage('ready');

for (;;) {
  Atomics.wait(control, Control.Generation, seen);
  seen = Atomics.load(control, Control.Generation);
  if (Atomics.load(control, Control.Stop) !== 0) break;
  try {
    const spec = decodePass(control.subarray(Control.Pass, Control.Pass + 4));
    const [lo, hi] = shareOf(workspace.units(spec), setup.index, setup.threads);
    workspace.run(spec, lo, hi);
  } catch {
    Atomics.store(control, Control.Failed, 1);
  }
  if (Atomics.sub(control, Control.Pending, 1) === 1) Atomics.notify(control, Control.Pending);
}

// A pool of Node worker threads that execute the FFT workspace's passes on shared memory. The
// calling thread takes the first share of every pass and then waits (Atomics.wait) for the others:
// a pass is a few milliseconds, so the control block is a handful of words in a SharedArrayBuffer
// rather than messages.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { encodePass, FftWorkspace, type PassSpec, type WorkspaceArrays } from './fft-workspace.js';
import { shareOf, type PassRunner } from './pass-runner.js';
import { CONTROL_WORDS, Control } from './thread-control.js';
import { WordedError } from '../../../core/errors/user-input-error.js';

/** The cores Node may use: the default thread count of the native CPU backend. */
export function defaultThreads(): number {
  return availableParallelism();
}

export class ThreadsUnavailableError extends Error {
  override name = 'ThreadsUnavailableError';
}

export class FftThreadPool implements PassRunner {
  readonly workspace: FftWorkspace;
  private readonly control: Int32Array;
  private disposed = false;

  private constructor(
    n: number,
    arrays: WorkspaceArrays,
    control: Int32Array,
    private readonly workers: Worker[],
  ) {
    this.workspace = new FftWorkspace(n, arrays);
    this.control = control;
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  /** Starts threads − 1 workers on the shared arrays (they must live in SharedArrayBuffers). */
  static async start(n: number, arrays: WorkspaceArrays, threads: number): Promise<FftThreadPool> {
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
    const workers: Worker[] = [];
    try {
      for (let index = 1; index < threads; index++) {
        const worker = spawnWorker({ n, arrays: bufferTable(arrays), control: control.buffer, index, threads });
        workers.push(worker);
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`worker thread exited with code ${code} while starting`)));
        });
        worker.removeAllListeners('error').removeAllListeners('exit');
        // A live worker must not keep the process alive, and an error after start-up is reported
        // through the control block (see thread-control.ts), not as an uncaught event.
        worker.on('error', () => {});
        worker.unref();
      }
    } catch (err) {
      for (const w of workers) void w.terminate();
      throw new ThreadsUnavailableError(`could not start ${threads - 1} worker thread(s): ${(err as Error).message}`);
    }
    return new FftThreadPool(n, arrays, control, workers);
  }

  run(spec: PassSpec): void {
    if (this.disposed) throw new Error('the thread pool was disposed');
    const c = this.control;
    Atomics.store(c, Control.Failed, 0);
    c.set(encodePass(spec), Control.Pass);
    Atomics.store(c, Control.Pending, this.workers.length);
    Atomics.add(c, Control.Generation, 1);
    Atomics.notify(c, Control.Generation);
    const units = this.workspace.units(spec);
    const [lo, hi] = shareOf(units, 0, this.threads);
    this.workspace.run(spec, lo, hi);
    for (let p = Atomics.load(c, Control.Pending); p !== 0; p = Atomics.load(c, Control.Pending)) Atomics.wait(c, Control.Pending, p);
    if (Atomics.load(c, Control.Failed) !== 0) throw new WordedError(['a worker thread of the native CPU backend failed; rerun with ', { option: 'threads', value: 1 }, ' to see the error']);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.control, Control.Stop, 1);
    Atomics.add(this.control, Control.Generation, 1);
    Atomics.notify(this.control, Control.Generation);
    for (const w of this.workers) void w.terminate();
  }
}

function bufferTable(arrays: WorkspaceArrays): Record<keyof WorkspaceArrays, SharedArrayBuffer> {
  const out = {} as Record<keyof WorkspaceArrays, SharedArrayBuffer>;
  for (const [key, a] of Object.entries(arrays) as [keyof WorkspaceArrays, Float64Array][]) {
    if (!(a.buffer instanceof SharedArrayBuffer)) throw new TypeError('the thread pool needs shared arrays');
    out[key] = a.buffer;
  }
  return out;
}

/**
 * The worker module beside this one: compiled JavaScript, or (when running from the TypeScript
 * sources, as the tests do) the .ts module loaded through tsx's loader, registered in the worker.
 */
function spawnWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./fft-worker.js', import.meta.url), { workerData });
  const url = new URL('./fft-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

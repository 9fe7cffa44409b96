// Who executes the passes of the FFT workspace: the calling thread alone, or a pool of worker
// threads on shared memory (thread-pool-node.ts). Units are shared out in contiguous ranges; every
// unit is computed the same way on any thread, so the result does not depend on the thread count.
import { FftWorkspace, type PassSpec, type WorkspaceArrays } from './fft-workspace.js';

export interface PassRunner {
  readonly threads: number;
  readonly workspace: FftWorkspace;
  run(spec: PassSpec): void;
  dispose(): void;
}

/** Units [lo, hi) of thread `index` out of `threads`. */
export function shareOf(units: number, index: number, threads: number): [number, number] {
  return [Math.floor((index * units) / threads), Math.floor(((index + 1) * units) / threads)];
}

export class SerialRunner implements PassRunner {
  readonly threads = 1;
  readonly workspace: FftWorkspace;

  constructor(n: number, arrays: WorkspaceArrays) {
    this.workspace = new FftWorkspace(n, arrays);
  }

  run(spec: PassSpec): void {
    this.workspace.run(spec, 0, this.workspace.units(spec));
  }

  dispose(): void {}
}

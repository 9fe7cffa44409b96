// Words of the control block shared by the FFT thread pool and its workers (Int32Array).
export enum Control {
  /** Bumped once per pass (and at stop); workers wait for it to change. */
  Generation = 0,
  /** Workers still busy with the current pass. */
  Pending = 1,
  /** Four words: the pass (fft-workspace.ts encodePass). */
  Pass = 2,
  /** Set by a worker whose share threw. */
  Failed = 6,
  Stop = 7,
}

export const CONTROL_WORDS = 8;

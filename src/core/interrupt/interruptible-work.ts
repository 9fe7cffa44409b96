// Long computations on the host's own thread (the radial solver's steps, the grazing quadratures)
// hold the event loop while they run, so a SIGINT handler waits for their end. Written as
// generators that yield between pieces of work (a time step, a point, a coupling), they are run
// either at once (drain) or with the event loop turning between pieces (drainInterruptible): a
// signal's handler then runs within one piece, and the work stops with the signal's reason.

/** One turn of the event loop: pending signals, timers and I/O are answered before this resolves. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** Runs WORK to its end without yielding; returns its result. */
export function drain<R>(work: Generator<unknown, R>): R {
  for (;;) {
    const piece = work.next();
    if (piece.done) return piece.value;
  }
}

/**
 * Runs WORK, turning the event loop after every piece; once SIGNAL is aborted, stops before the next
 * piece by throwing signal.reason. Without a signal the loop still turns (no piece holds it longer).
 */
export async function drainInterruptible<R>(work: Generator<unknown, R>, signal?: AbortSignal): Promise<R> {
  signal?.throwIfAborted();
  for (;;) {
    const piece = work.next();
    if (piece.done) return piece.value;
    await nextTurn();
    signal?.throwIfAborted();
  }
}

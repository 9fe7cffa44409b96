// SIGINT and SIGTERM before a command has started its work: one line, exit status 130, and
// whatever was made for the work (a run folder, its lock) removed. A run takes over the signals
// once it integrates (integrate-run.ts stops at the next batch of steps and keeps its results).
/** Exit status of a command stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

const cleanups = new Set<() => void>();
let installed = false;

function abort(signal: NodeJS.Signals): void {
  for (const cleanup of cleanups) cleanup();
  console.error(`landau3d: interrupted by ${signal} while starting; nothing was written`);
  process.exit(EXIT_INTERRUPTED);
}

export function installStartupSignals(): void {
  if (installed) return;
  installed = true;
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
}

/** Runs `cleanup` (synchronously) if the start-up is interrupted; returns its removal. */
export function onStartupAbort(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** The work has started: the command's own handling of the signals applies from here on. */
export function endStartup(): void {
  process.off('SIGINT', abort);
  process.off('SIGTERM', abort);
  installed = false;
  cleanups.clear();
}

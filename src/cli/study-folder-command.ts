// A study's folder (io/study-folder.ts) with the command line's signal handling. A SIGINT or SIGTERM
// while the folder is claimed is answered by the start-up's handling: the folder as it was. Once the
// study works (runStudy), the first signal stops it within one step of the case it is running — the
// study passes the signal down to its time loops — and the folder keeps the cases it finished, for
// the same command to go on from; a second signal stops the process at once, the folder left the
// same way. Either ends with one line and exit status 130, as an interrupted run does.
import { withStudyFolder as withFolder, type StudyFolder, type StudySpec } from '../io/study-folder.js';
import type { FolderKind } from '../io/run-folder-claim.js';
import type { CaseStore } from '../studies/study-cases.js';
import { endStartup, EXIT_INTERRUPTED, onStartupAbort } from './startup-signals.js';
import { CLI_FLAGS } from './option-flags.js';

/** A study whose work does not take a signal: the start-up's handling stays until it ends. */
export function withStudyFolder<T>(out: string, kind: FolderKind, force: boolean, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  return withFolder({ out, kind, force }, log, CLI_FLAGS, work, onStartupAbort);
}

/** The signal that stopped a study, as the abort reason of its work. */
export class StudyInterrupted extends Error {
  override name = 'StudyInterrupted';
}

export interface StudyConsole {
  log(line: string): void;
  error(line: string): void;
}

/**
 * Runs WORK in the study's claimed folder; WORK passes SIGNAL to every loop that takes time and
 * keeps each case as it finishes (folder.keepCase). `cases` is the number of cases of the study
 * (none for a study that keeps nothing before its tables). Returns the exit status: 0, or 130 after a
 * signal, its line printed.
 */
export async function runStudy(spec: StudySpec, cases: number, io: StudyConsole, work: (folder: StudyFolder, signal: AbortSignal) => Promise<void>): Promise<number> {
  const stop = new AbortController();
  let claimed: StudyFolder | undefined;
  const interrupt = (signal: NodeJS.Signals) => {
    if (!stop.signal.aborted) {
      stop.abort(new StudyInterrupted(`interrupted by ${signal}`));
      return;
    }
    const kept = claimed?.endIncomplete('interrupted') ?? 0;
    io.error(`landau3d: interrupted again by ${signal}: stopped at once; ${keptText(spec.out, kept, cases)}`);
    process.exit(EXIT_INTERRUPTED);
  };
  try {
    await withFolder(
      spec,
      io.log,
      CLI_FLAGS,
      async (folder) => {
        claimed = folder;
        endStartup();
        process.on('SIGINT', interrupt);
        process.on('SIGTERM', interrupt);
        try {
          await work(folder, stop.signal);
        } catch (err) {
          // Marked interrupted here, before the folder's own handling would call it failed.
          if (err instanceof StudyInterrupted) folder.endIncomplete('interrupted');
          throw err;
        }
      },
      onStartupAbort,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof StudyInterrupted)) throw err;
    const kept = claimed!.endIncomplete('interrupted');
    io.error(`landau3d: ${err.message}; ${keptText(spec.out, kept, cases)}`);
    return EXIT_INTERRUPTED;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

/** What an interrupted study leaves, in words. */
function keptText(out: string, kept: number, cases: number): string {
  if (kept === 0) return cases > 0 ? 'no case was finished, nothing was written' : 'nothing was written';
  return `${out} keeps the ${kept} finished case${kept === 1 ? '' : 's'} of ${cases}: the same command goes on from them`;
}

/** The line a resumed study prints first. */
function resumingLine(done: number, cases: number): string {
  return `resuming: ${done} of ${cases} case${cases === 1 ? '' : 's'} already done`;
}

/** The folder's cases as the study's store, with the resuming line printed when it holds some of IDS. */
export function caseStore<Row>(folder: StudyFolder, ids: readonly string[], log: (line: string) => void): CaseStore<Row> {
  const done = ids.filter((id) => folder.finished.has(id)).length;
  if (done > 0) log(resumingLine(done, ids.length));
  return { finished: (id) => folder.finished.get(id) as Row | undefined, keep: (id, row) => folder.keepCase(id, row) };
}

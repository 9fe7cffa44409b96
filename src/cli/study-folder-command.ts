// A study's folder (io/study-folder.ts) with the command line's signal handling: a SIGINT or SIGTERM
// before the study's first result leaves no folder, manifest or temporary file behind.
import { withStudyFolder as withFolder } from '../io/study-folder.js';
import type { FolderKind } from '../io/run-folder-claim.js';
import { onStartupAbort } from './startup-signals.js';
import { CLI_FLAGS } from './option-flags.js';

export function withStudyFolder<T>(out: string, kind: FolderKind, force: boolean, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  return withFolder(out, kind, force, log, CLI_FLAGS, work, onStartupAbort);
}

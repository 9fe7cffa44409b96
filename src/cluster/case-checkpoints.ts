// A case's progress kept in its work folder (DIR/cases/<id>/) with the run's own checkpoint files
// (io/checkpoint.ts: checkpoint.json and checkpoint-F-<step>.npy, checksummed, written so that a
// stop at any moment leaves one whole checkpoint): a task stopped and started again goes on from
// the last output, step for step as it would have gone on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint } from '../io/checkpoint.js';
import type { CaseCheckpoints } from '../studies/study-cases.js';

/** The run a case's checkpoint belongs to: what io/checkpoint.ts checks a checkpoint against. */
export interface CaseRunShape {
  n: number;
  L: number;
  dtOut: number;
  tEnd: number;
}

export function caseCheckpoints(folder: string, shape: CaseRunShape): CaseCheckpoints {
  return {
    load: async () => {
      if (!existsSync(join(folder, CHECKPOINT_FILE))) return null;
      const c = await readCheckpoint(folder);
      return { from: c.resume, series: c.record.series, state: c.state };
    },
    save: async ({ from, series, state }) => {
      const record = { config: { n: shape.n }, device: {}, series, status: 'running' as const };
      await writeCheckpoint(folder, { options: { ...shape }, record, resume: from, snapshots: [], state }, shape.n);
    },
  };
}

// One planned case, run by `landau3d case DIR i` (what a scheduler's task calls). Idempotent: a case
// whose row DIR/cases/<id>.json exists is not run again. The case works in DIR/cases/<id>/, locked
// (two tasks never run the same case; the study folder itself stays free for the other cases), and
// its row is written atomically where the study keeps its cases, so `collect` and the in-process
// study read it alike. A case that fails leaves cases/<id>/failed.json with the reason, for collect
// to name; an interrupted one (a scheduler's SIGTERM on cancel, preemption or requeue) goes on, when
// started again, from the checkpoint it keeps in its work folder, where its study keeps one
// (case-checkpoints.ts), else from its start.
import { existsSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { toExactJson } from '../io/exact-json.js';
import { CASES, lockFolder } from '../io/run-folder-claim.js';
import { fields, isString, readBackJson, ReadBackError } from '../io/read-back.js';
import { plannedCase, type PlannedCase, type StudyPlan } from './study-plan.js';

export const FAILURE_FILE = 'failed.json';
const FAILURE_CHECK = fields({ reason: isString, at: isString });

export type CaseState = { state: 'finished' } | { state: 'failed'; reason: string; at: string } | { state: 'missing' };

export const caseRowFile = (dir: string, id: string) => join(dir, CASES, `${id}.json`);
export const caseWorkFolder = (dir: string, id: string) => join(dir, CASES, id);

/** Where case ID of the study in DIR stands: its row written, a recorded failure, or neither. */
export function caseState(dir: string, id: string): CaseState {
  if (existsSync(caseRowFile(dir, id))) return { state: 'finished' };
  const failure = join(caseWorkFolder(dir, id), FAILURE_FILE);
  if (existsSync(failure)) {
    try {
      const { reason, at } = readBackJson<{ reason: string; at: string }>(failure, FAILURE_CHECK);
      return { state: 'failed', reason, at };
    } catch (err) {
      // A damaged record still says the case failed: collect names it, and the case runs again.
      if (err instanceof ReadBackError) return { state: 'failed', reason: err.message, at: '' };
      throw err;
    }
  }
  return { state: 'missing' };
}

export interface CaseRun {
  planned: PlannedCase;
  /** True when the row was there already and nothing ran. */
  before: boolean;
}

/**
 * Runs case WHICH (index or id) of PLAN in DIR with RUN, which computes its row; returns what it did.
 * A failure is recorded and rethrown; an abort (SIGNAL) records nothing.
 */
export async function runPlannedCase(dir: string, plan: StudyPlan, which: string, run: (c: PlannedCase, work: string) => Promise<unknown>, signal?: AbortSignal): Promise<CaseRun> {
  const planned = plannedCase(plan, which);
  if (caseState(dir, planned.id).state === 'finished') return { planned, before: true };
  const work = caseWorkFolder(dir, planned.id);
  await mkdir(work, { recursive: true });
  const lock = await lockFolder(work);
  try {
    // Another task may have finished it while this one waited for the lock.
    if (caseState(dir, planned.id).state === 'finished') return { planned, before: true };
    rmSync(join(work, FAILURE_FILE), { force: true });
    let row: unknown;
    try {
      row = await run(planned, work);
    } catch (err) {
      if (!signal?.aborted) {
        const reason = err instanceof Error ? err.message : String(err);
        await atomicWrite(join(work, FAILURE_FILE), JSON.stringify({ reason, at: new Date().toISOString() }, null, 1) + '\n');
      }
      throw err;
    }
    await atomicWrite(caseRowFile(dir, planned.id), toExactJson(row) + '\n', true);
    return { planned, before: false };
  } finally {
    await lock.release();
    // The work folder goes once its case is done: it held only the lock and the checkpoint.
    if (caseState(dir, planned.id).state === 'finished') await rm(work, { recursive: true, force: true });
  }
}

// A study as a plan of independent cases, DIR/plan.json: the study's kind and options, and per case
// a stable id, what the case is, and an estimate of its memory and time. `landau3d case DIR i` runs
// case i into DIR/cases/ (case-runner.ts), `landau3d collect DIR` builds the study's tables from the
// finished cases (collect.ts), and the executors (local-executor.ts, slurm-executor.ts) start the
// cases. The plan is the contract between them, so it is versioned and validated when read back.
import { join } from 'node:path';
import { UserInputError } from '../core/errors/user-input-error.js';
import { atomicWrite } from '../io/atomic-write.js';
import { fields, isInteger, isNumber, isObject, isString, listOf, readBackJson, type Check } from '../io/read-back.js';

export const PLAN_FILE = 'plan.json';
export const PLAN_VERSION = 1;

export type PlannedKind = 'sweep' | 'nonradial';

/** What one case needs beyond the study's options (a δ; a δ with a bump's centre and shape). */
export type CaseSpec = Record<string, number | number[]>;

export interface CaseEstimate {
  /** Peak memory of the case's process, MiB (the operator's plan and the process around it). */
  memoryMiB: number;
  /** Wall time on one task with `threads` cores, minutes (an upper estimate, see cost-model.ts). */
  minutes: number;
  /** Whether the case runs the 3D solver (false: its grid does not resolve the data, or N = 0). */
  runs3d: boolean;
}

export interface PlannedCase {
  index: number;
  id: string;
  spec: CaseSpec;
  estimate: CaseEstimate;
}

export interface StudyPlan {
  version: number;
  kind: PlannedKind;
  /** The study's options as the command line takes them (camelCase keys, text values): what `case` parses again. */
  options: Record<string, string>;
  /** Cores each case may use. */
  threads: number;
  cases: PlannedCase[];
}

const isTextRecord: Check = (x, at) => (isObject(x) && Object.values(x).every((v) => typeof v === 'string') ? null : `${at} is not a record of option texts`);
const isSpec: Check = (x, at) =>
  isObject(x) && Object.values(x).every((v) => typeof v === 'number' || (Array.isArray(v) && v.every((e) => typeof e === 'number'))) ? null : `${at} is not a case (numbers and lists of numbers)`;

const PLAN_CHECK: Check = fields({
  version: (x, at) => (x === PLAN_VERSION ? null : `${at} is ${JSON.stringify(x)}: this Landau3D reads plans of version ${PLAN_VERSION}; plan the study again with this version`),
  kind: (x, at) => (x === 'sweep' || x === 'nonradial' ? null : `${at} is ${JSON.stringify(x)}, not sweep or nonradial`),
  options: isTextRecord,
  threads: isInteger,
  cases: listOf(
    fields({
      index: isInteger,
      id: isString,
      spec: isSpec,
      estimate: fields({ memoryMiB: isNumber, minutes: isNumber, runs3d: (x, at) => (typeof x === 'boolean' ? null : `${at} is not true or false`) }),
    }),
    1,
  ),
});

export async function writePlan(dir: string, plan: StudyPlan): Promise<void> {
  await atomicWrite(join(dir, PLAN_FILE), JSON.stringify(plan, null, 1) + '\n', true);
}

/** The plan of DIR, validated (a missing or damaged plan is refused in one line naming the file). */
export function readPlan(dir: string): StudyPlan {
  const plan = readBackJson<StudyPlan>(join(dir, PLAN_FILE), PLAN_CHECK);
  plan.cases.forEach((c, k) => {
    if (c.index !== k) throw new PlanError(`${join(dir, PLAN_FILE)}: case ${k} has index ${c.index}; the plan's cases are numbered 0, 1, 2, … in order`);
  });
  return plan;
}

/** A plan that cannot be used as it is, or a case it does not have. */
export class PlanError extends UserInputError {
  override name = 'PlanError';
}

/** The case of PLAN named by its index ("3") or its id ("delta=0.1"). */
export function plannedCase(plan: StudyPlan, which: string): PlannedCase {
  const byId = plan.cases.find((c) => c.id === which);
  if (byId) return byId;
  if (/^\d+$/.test(which)) {
    const byIndex = plan.cases[Number(which)];
    if (byIndex) return byIndex;
  }
  throw new PlanError(`the plan has no case ${JSON.stringify(which)}: give an index from 0 to ${plan.cases.length - 1} or one of its ids (${plan.cases.slice(0, 3).map((c) => c.id).join(', ')}${plan.cases.length > 3 ? ', …' : ''})`);
}

// The cases of a study (a δ of the sweep; a δ and bump of the non-radial study), each named by an id
// made from its own options, so that the same case has the same id in every run. A study run under
// control takes a finished case from the store instead of computing it again, gives the store each
// case it computes as soon as it is done, and passes the signal to its time loops, which stop within
// a step once it is aborted. The command line keeps the store in the study's folder (io/study-folder.ts).

import type { SeriesEntry } from '../diagnostics/series.js';
import type { ResumePoint } from '../solver/simulate.js';

/** The state of a case's 3D run at its last output, with the series so far: what it goes on from. */
export interface CaseProgress {
  from: ResumePoint;
  series: SeriesEntry[];
  state: Float64Array;
}

/**
 * Where a case keeps its progress at every output (a scheduler's task may be stopped and started
 * again): the run goes on from the last output kept, step for step as it would have gone on.
 */
export interface CaseCheckpoints {
  load(): Promise<CaseProgress | null>;
  save(progress: CaseProgress): Promise<void>;
}

/** Where finished cases are kept and found again. */
export interface CaseStore<Row> {
  /** The row of a case finished earlier, if there is one. */
  finished(id: string): Row | undefined;
  /** Keeps a case just finished, before the next one starts. */
  keep(id: string, row: Row): Promise<void>;
}

export interface StudyControl<Row> {
  /** Stops the study within one step of its case once aborted, with signal.reason. */
  signal?: AbortSignal;
  cases?: CaseStore<Row>;
}

/** The id of a case with these options: name=value parts joined by _, a list's values by commas (delta=0.1_u=1,0,0). */
export function caseId(options: Record<string, number | readonly number[]>): string {
  return Object.entries(options)
    .map(([name, value]) => `${name}=${(typeof value === 'number' ? [value] : value).map(String).join(',')}`)
    .join('_');
}

/** The case ID: taken from the store if it was finished before, else computed by RUN and kept. */
export async function finishedOrRun<Row>(control: StudyControl<Row>, id: string, run: () => Promise<Row>): Promise<Row> {
  const earlier = control.cases?.finished(id);
  if (earlier !== undefined) return earlier;
  control.signal?.throwIfAborted();
  const row = await run();
  await control.cases?.keep(id, row);
  return row;
}

// `landau3d report DIR`: turns a folder of any Landau3D command — a run, a radial reference run, a
// δ sweep, a coercivity or a grazing study — into DIR/report.html.
import { atomicWrite } from '../io/atomic-write.js';
import { incompleteStudy, lockFolder, type FolderKind } from '../io/run-folder-claim.js';
import { existsSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CoercivityReport } from '../studies/coercivity/coercivity-study.js';
import { runFolderProblem } from '../report/run-folder.js';
import { isRadialRecord, readCoercivityJson, readGrazingJson, readNonradialFolder, readRadialFolder, readSweepFolder } from '../report/folder-files.js';
import { drawnFrom, readBackBytes } from '../io/read-back.js';
import { runReportHtml } from '../report/run-report.js';
import { coercivityReportHtml, radialReportHtml, sweepReportHtml } from '../report/study-reports.js';
import { nonradialReportHtml } from '../report/nonradial-report.js';
import { coercivityTable } from './coercivity-command.js';
import { shown, UsageError } from './option-values.js';
import { CLI_FLAGS } from './option-flags.js';


const REPORT_FOLDERS = 'a folder written by landau3d run, radial, sweep, nonradial, coercivity or grazing';

/** Whether DIR holds an entry NAME of any type: a study file replaced by a folder is still that study's, and refused by its reader. */
const holds = (dir: string, name: string) => lstatSync(join(dir, name), { throwIfNoEntry: false }) !== undefined;

/** The study whose result file DIR holds, or null (a run or radial folder). */
function studyKind(dir: string): Exclude<FolderKind, 'run' | 'radial'> | null {
  if (holds(dir, 'sweep.json')) return 'sweep';
  if (holds(dir, 'nonradial.json')) return 'nonradial';
  if (holds(dir, 'coercivity.json')) return 'coercivity';
  if (holds(dir, 'grazing.json')) return 'grazing';
  return null;
}

/** Which command wrote DIR, from the files it holds; refuses, in one line, a folder no report can be made of. */
export function reportFolderKind(dir: string): FolderKind {
  if (dir.trim() === '') throw new UsageError(`report needs DIR: ${REPORT_FOLDERS}`);
  if (!existsSync(dir)) throw new UsageError(`no folder ${shown(dir)}: report needs DIR, ${REPORT_FOLDERS}`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${shown(dir)} is a file, not a folder: report needs DIR, ${REPORT_FOLDERS}`);
  const study = studyKind(dir);
  // Each file goes through its reader now, so a damaged one is refused before the lock and the drawing.
  switch (study) {
    case 'sweep':
      readSweepFolder(dir);
      return study;
    case 'nonradial':
      readNonradialFolder(dir);
      return study;
    case 'coercivity':
      readCoercivityJson(dir);
      readBackBytes(join(dir, 'eigen_along_ray.svg'));
      return study;
    case 'grazing':
      readGrazingJson(dir);
      return study;
  }
  for (const kind of ['sweep', 'nonradial'] as const) {
    if (incompleteStudy(dir, kind)) throw new UsageError(`${shown(dir)} holds an unfinished ${kind}, without its tables yet: run the same landau3d ${kind} command again to finish it, then report`);
  }
  for (const file of ['diagnostics.json', 'final.npy']) {
    if (!holds(dir, file)) throw new UsageError(`${shown(dir)} has no ${file}; give ${REPORT_FOLDERS}`);
  }
  if (isRadialRecord(dir)) {
    readRadialFolder(dir);
    return 'radial';
  }
  const diagnostics = Buffer.from(readBackBytes(join(dir, 'diagnostics.json'))).toString('utf8');
  const problem = runFolderProblem(diagnostics, readBackBytes(join(dir, 'final.npy')));
  if (problem) throw new UsageError(`${shown(dir)}: ${problem}`);
  return 'run';
}

async function reportHtml(dir: string, kind: FolderKind): Promise<string> {
  switch (kind) {
    case 'run':
      return runReportHtml(dir, CLI_FLAGS);
    case 'radial':
      return radialReportHtml(dir);
    case 'sweep':
      return sweepReportHtml(dir, CLI_FLAGS);
    case 'nonradial':
      return nonradialReportHtml(dir);
    case 'coercivity':
      return coercivityReportHtml(dir, coercivityTable(readCoercivityJson(dir) as CoercivityReport));
    case 'grazing': {
      // Loaded on demand: Vega is a large import.
      const { grazingReportFromJson } = await import('../report/grazing-report.js');
      return grazingReportFromJson(readGrazingJson(dir));
    }
  }
}

/** The file of DIR a report of KIND is mostly drawn from (named when the drawing fails on it). */
const MAIN_FILE: Record<FolderKind, string> = {
  run: 'diagnostics.json',
  radial: 'diagnostics.json',
  sweep: 'sweep.json',
  nonradial: 'nonradial.json',
  coercivity: 'coercivity.json',
  grazing: 'grazing.json',
};

/** The report.html of DIR, a folder of KIND that reportFolderKind accepted; a file that fails the drawing is named. */
export function reportPage(dir: string, kind: FolderKind): Promise<string> {
  return drawnFrom(join(dir, MAIN_FILE[kind]), () => reportHtml(dir, kind));
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write DIR/report.html for a folder of run, radial, sweep, nonradial, coercivity or grazing: plots and the numbers in words')
    .argument('<dir>', 'a folder written by a landau3d command')
    .action(async (dir: string) => {
      const kind = reportFolderKind(dir);
      const target = lstatSync(join(dir, 'report.html'), { throwIfNoEntry: false });
      if (target && !target.isFile()) throw new UsageError(`${join(dir, 'report.html')} is ${target.isDirectory() ? 'a folder' : 'not a regular file'}: report cannot replace it; move it away first`);
      // Held while the report is written, so that no other command changes the folder meanwhile.
      const lock = await lockFolder(dir);
      try {
        await atomicWrite(join(dir, 'report.html'), await reportPage(dir, kind));
      } finally {
        await lock.release();
      }
      console.log(`wrote ${join(dir, 'report.html')} (${kind} folder)`);
    });
}

/** The checks of reportFolderKind alone (what the fuzz tests drive). */
export function checkReportFolder(dir: string): void {
  reportFolderKind(dir);
}

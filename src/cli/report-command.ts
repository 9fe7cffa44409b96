// `landau3d report DIR`: turns a folder of any Landau3D command — a run, a radial reference run, a
// δ sweep, a coercivity or a grazing study — into DIR/report.html.
import { atomicWrite } from '../io/atomic-write.js';
import { lockFolder, type FolderKind } from '../io/run-folder-claim.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CoercivityReport } from '../studies/coercivity/coercivity-study.js';
import { runFolderProblem } from '../report/run-folder.js';
import { runReportHtml } from '../report/run-report.js';
import { coercivityReportHtml, radialReportHtml, sweepReportHtml } from '../report/study-reports.js';
import { nonradialReportHtml } from '../report/nonradial-report.js';
import { coercivityTable } from './coercivity-command.js';
import { shown, UsageError } from './option-values.js';


const isFile = (path: string) => existsSync(path) && statSync(path).isFile();
const REPORT_FOLDERS = 'a folder written by landau3d run, radial, sweep, nonradial, coercivity or grazing';

/** The JSON of DIR/name, or a UsageError naming the file. */
function readJson(dir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch {
    throw new UsageError(`${shown(dir)}: ${name} is not valid JSON`);
  }
}

/** Which command wrote DIR, from the files it holds; refuses, in one UsageError, a folder no report can be made of. */
export function reportFolderKind(dir: string): FolderKind {
  if (dir.trim() === '') throw new UsageError(`report needs DIR: ${REPORT_FOLDERS}`);
  if (!existsSync(dir)) throw new UsageError(`no folder ${shown(dir)}: report needs DIR, ${REPORT_FOLDERS}`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${shown(dir)} is a file, not a folder: report needs DIR, ${REPORT_FOLDERS}`);
  if (isFile(join(dir, 'sweep.json'))) return 'sweep';
  if (isFile(join(dir, 'nonradial.json'))) return 'nonradial';
  if (isFile(join(dir, 'coercivity.json'))) {
    if (!isFile(join(dir, 'eigen_along_ray.svg'))) throw new UsageError(`${shown(dir)} has no eigen_along_ray.svg; rerun landau3d coercivity`);
    return 'coercivity';
  }
  if (isFile(join(dir, 'grazing.json'))) return 'grazing';
  for (const file of ['diagnostics.json', 'final.npy']) {
    if (!isFile(join(dir, file))) throw new UsageError(`${shown(dir)} has no ${file}; give ${REPORT_FOLDERS}`);
  }
  const record = readJson(dir, 'diagnostics.json') as { device?: { kind?: unknown } };
  if (record?.device?.kind === 'radial') return 'radial';
  const problem = runFolderProblem(readFileSync(join(dir, 'diagnostics.json'), 'utf8'), readFileSync(join(dir, 'final.npy')));
  if (problem) throw new UsageError(`${shown(dir)}: ${problem}`);
  return 'run';
}

async function reportHtml(dir: string, kind: FolderKind): Promise<string> {
  switch (kind) {
    case 'run':
      return runReportHtml(dir);
    case 'radial':
      return radialReportHtml(dir);
    case 'sweep':
      return sweepReportHtml(dir);
    case 'nonradial':
      return nonradialReportHtml(dir);
    case 'coercivity':
      return coercivityReportHtml(dir, coercivityTable(readJson(dir, 'coercivity.json') as CoercivityReport));
    case 'grazing': {
      // Loaded on demand: Vega is a large import.
      const { grazingReportFromJson } = await import('../report/grazing-report.js');
      return grazingReportFromJson(readJson(dir, 'grazing.json'));
    }
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write DIR/report.html for a folder of run, radial, sweep, nonradial, coercivity or grazing: plots and the numbers in words')
    .argument('<dir>', 'a folder written by a landau3d command')
    .action(async (dir: string) => {
      const kind = reportFolderKind(dir);
      // Held while the report is written, so that no other command changes the folder meanwhile.
      const lock = await lockFolder(dir);
      try {
        await atomicWrite(join(dir, 'report.html'), await reportHtml(dir, kind));
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

// `landau3d report DIR`: turns a run folder into DIR/report.html.
import { atomicWrite } from '../io/run-output.js';
import { lockFolder } from '../io/run-folder-claim.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runFolderProblem } from '../report/run-folder.js';
import { runReportHtml } from '../report/run-report.js';
import { shown, UsageError } from './option-values.js';

/** Refuses, in one UsageError, a DIR that is not a complete folder of `landau3d run`. */
export function checkReportFolder(dir: string): void {
  if (dir.trim() === '') throw new UsageError('report needs DIR: a folder written by landau3d run');
  for (const file of ['diagnostics.json', 'final.npy']) {
    if (!existsSync(join(dir, file)) || !statSync(join(dir, file)).isFile()) throw new UsageError(`${shown(dir)} has no ${file}; give a folder written by landau3d run`);
  }
  const problem = runFolderProblem(readFileSync(join(dir, 'diagnostics.json'), 'utf8'), readFileSync(join(dir, 'final.npy')));
  if (problem) throw new UsageError(`${shown(dir)}: ${problem}`);
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write DIR/report.html: time series, radial profile and slices of a run folder')
    .argument('<dir>', 'a folder written by `landau3d run`')
    .action(async (dir: string) => {
      checkReportFolder(dir);
      // Held while the report is written, so that no run or resume changes the folder meanwhile.
      const lock = await lockFolder(dir);
      try {
        const html = await runReportHtml(dir);
        await atomicWrite(join(dir, 'report.html'), html);
      } finally {
        await lock.release();
      }
      console.log(`wrote ${join(dir, 'report.html')}`);
    });
}

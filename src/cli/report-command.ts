// `landau3d report DIR`: turns a run folder into DIR/report.html.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runReportHtml } from '../report/run-report.js';
import { UsageError } from './option-values.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write DIR/report.html: time series, radial profile and slices of a run folder')
    .argument('<dir>', 'a folder written by `landau3d run`')
    .action(async (dir: string) => {
      for (const file of ['diagnostics.json', 'final.npy']) {
        if (!existsSync(join(dir, file))) throw new UsageError(`${dir} has no ${file}; give a folder written by landau3d run`);
      }
      const html = await runReportHtml(dir);
      await writeFile(join(dir, 'report.html'), html);
      console.log(`wrote ${join(dir, 'report.html')}`);
    });
}

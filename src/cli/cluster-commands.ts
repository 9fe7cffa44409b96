// `landau3d case DIR i` and `landau3d collect DIR`: one case of a planned study (what a scheduler's
// task runs), and the study's tables from its finished cases (cli/case-study-command.ts).
import type { Command } from 'commander';
import { readPlan } from '../cluster/study-plan.js';
import { collectStudy, runOneCase } from './case-study-command.js';
import { SWEEP_STUDY } from './sweep-command.js';
import { NONRADIAL_STUDY } from './nonradial-command.js';

/** Runs ACTION with the study that DIR's plan is of. */
function withStudyOf(dir: string, action: { sweep: () => Promise<number>; nonradial: () => Promise<number> }): Promise<number> {
  return action[readPlan(dir).kind]();
}

export function registerClusterCommands(program: Command): void {
  program
    .command('case')
    .description('run one case of a planned study (sweep or nonradial with --plan-only, or a Slurm array task): the case by index or id; a finished case is not run again')
    .argument('<dir>', "the study's folder (holds plan.json)")
    .argument('<case>', 'the case: its index in plan.json (0, 1, …) or its id (e.g. delta=0.1)')
    .action(async (dir: string, which: string) => {
      process.exit(await withStudyOf(dir, { sweep: () => runOneCase(SWEEP_STUDY, dir, which), nonradial: () => runOneCase(NONRADIAL_STUDY, dir, which) }));
    });
  program
    .command('collect')
    .description("build a planned study's tables (sweep.json/csv, or nonradial.json/csv and report.html) from its finished cases, or name the cases missing or failed")
    .argument('<dir>', "the study's folder (holds plan.json)")
    .action(async (dir: string) => {
      process.exit(await withStudyOf(dir, { sweep: () => collectStudy(SWEEP_STUDY, dir), nonradial: () => collectStudy(NONRADIAL_STUDY, dir) }));
    });
}

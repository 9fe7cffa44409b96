// Where the benchmarks write their results. By default a git-ignored folder beside this script, so
// a run never rewrites the measurements committed in bench/results/; copying a file from there is
// a deliberate step (bench/README.md, "Results").
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder the benchmarks write to when no --results-dir is given (ignored by git). */
export const DEFAULT_RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results', 'local');

/** The results file `<name>.json` in `dir`, or in the default folder. */
export function resultsFile(name: string, dir: string = DEFAULT_RESULTS_DIR): string {
  return join(dir, `${name}.json`);
}

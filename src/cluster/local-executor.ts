// The local executor: the cases of a plan as child processes of this machine, `jobs` at a time,
// each `landau3d case DIR i` (the same command a scheduler's task runs), each with its share of the
// cores (the plan's threads). A signal stops the children (SIGTERM: each leaves its case unfinished
// and unrecorded) and then the executor.
import { spawn } from 'node:child_process';
import type { PlannedCase } from './study-plan.js';

export interface LocalCaseResult {
  planned: PlannedCase;
  ok: boolean;
  /** The last lines the case printed (its error, where it failed). */
  tail: string;
}

export interface LocalExecution {
  cases: readonly PlannedCase[];
  jobs: number;
  /** The program and arguments that run case `index` (node, the CLI, case, DIR, index). */
  command(index: number): { file: string; args: string[] };
  onStart?(planned: PlannedCase): void;
  onEnd?(result: LocalCaseResult): void;
  signal?: AbortSignal;
}

export async function runLocally(x: LocalExecution): Promise<LocalCaseResult[]> {
  const queue = [...x.cases];
  const results: LocalCaseResult[] = [];
  const running = new Set<ReturnType<typeof spawn>>();
  const stop = () => running.forEach((child) => child.kill('SIGTERM'));
  x.signal?.addEventListener('abort', stop, { once: true });
  const worker = async () => {
    for (let next = queue.shift(); next && !x.signal?.aborted; next = queue.shift()) {
      const planned = next;
      x.onStart?.(planned);
      const { file, args } = x.command(planned.index);
      const result = await new Promise<LocalCaseResult>((resolve) => {
        const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        running.add(child);
        let output = '';
        const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        const done = (ok: boolean, extra = '') => {
          running.delete(child);
          const tail = (output + extra).trim().split('\n').slice(-3).join('\n');
          resolve({ planned, ok, tail });
        };
        child.on('error', (err) => done(false, `\n${err.message}`));
        child.on('close', (code) => done(code === 0));
      });
      results.push(result);
      x.onEnd?.(result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(x.jobs, x.cases.length)) }, worker));
  } finally {
    x.signal?.removeEventListener('abort', stop);
  }
  return results;
}

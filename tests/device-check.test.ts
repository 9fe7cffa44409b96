// bench/device-check.sh, the one-command check for a data-centre GPU, in its --small form on
// whatever adapter this machine has (SwiftShader here): every part runs and leaves its results.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFolder } from './support/cli.js';
import { testGpu } from './support/gpu.js';

const gpu = await testGpu();
afterAll(() => gpu?.release());
const workdir = scratchFolder('device-check');

describe.skipIf(!gpu)('bench/device-check.sh --small', () => {
  it('prints the adapter and writes bench rows, memory plans and resolved blow-down runs with radial_error', () => {
    const out = join(workdir, 'results');
    const stdout = execFileSync('bash', [new URL('../bench/device-check.sh', import.meta.url).pathname, out, '--small'], { encoding: 'utf8', timeout: 300_000 });
    expect(stdout).toMatch(/^adapter: /m);
    const summary = readFileSync(join(out, 'summary.txt'), 'utf8');
    for (const part of ['bench-fft', 'bench-direct', 'blowdown-d0.3-n20', 'blowdown-d0.3-n24']) expect(summary).toMatch(new RegExp(`^${part}: exit 0,`, 'm'));
    for (const [dir, conv, ns] of [['bench-fft', 'fft', [8, 12, 16]], ['bench-direct', 'direct', [8, 12]]] as const) {
      const [file] = readdirSync(join(out, dir));
      const rows = JSON.parse(readFileSync(join(out, dir, file!), 'utf8')).rows as { n: number; conv: string }[];
      expect(rows.filter((r) => r.conv === conv).map((r) => r.n)).toEqual(ns);
    }
    expect(readFileSync(join(out, 'plan-16.txt'), 'utf8')).toMatch(/N = 16 \(fft\).*fits/);
    for (const n of [20, 24]) {
      const record = JSON.parse(readFileSync(join(out, `blowdown-d0.3-n${n}`, 'diagnostics.json'), 'utf8'));
      expect(record.status).toBe('completed');
      expect(record.series.at(-1).radial_error).toBeGreaterThan(0);
    }
  }, 300_000);
});

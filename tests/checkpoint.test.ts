// Checkpoint and restart: a run to T1 resumed to T2 ends bit for bit where a run straight to T2
// ends (CPU and GPU), an interrupted run (SIGINT, lost device) leaves a checkpoint of its last
// output and resumes to the same result, and damaged or foreign checkpoints are refused.
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointSchedule, integrateRun } from '../src/cli/integrate-run.js';
import { resumeCommand } from '../src/cli/resume-command.js';
import { parseRunOptions } from '../src/cli/run-options.js';
import { acquireNodeGpu } from '../src/backends/gpu/device/node-gpu.js';
import { Grid } from '../src/core/grid/grid.js';
import { CHECKPOINT_FILE, readCheckpoint, writeCheckpoint } from '../src/io/checkpoint.js';
import { fromExactJson, toExactJson } from '../src/io/exact-json.js';
import type { RunRecord } from '../src/io/run-output.js';
import { GpuLandauOperator } from '../src/backends/gpu/gpu-operator.js';
import type { LandauOperator } from '../src/backends/landau-operator.js';
import { DEFAULT_SCENARIO_PARAMS } from '../src/scenarios/scenario-params.js';
import { initialState } from '../src/scenarios/catalogue.js';
import { outputTimes } from '../src/solver/simulate.js';
import { landau3d, scratchFolder, spawnLandau3d } from './support/cli.js';
import { shaders, testGpu } from './support/gpu.js';

const workdir = scratchFolder('checkpoint');
const gpu = await testGpu();
afterAll(() => gpu?.release());

/** Bimaxwellian relaxation: several steps per output, so the step sequences are worth comparing. */
// Small grids keep these file-handling tests fast; they do not resolve the data (N ≥ 11 would).
const RUN = ['run', '--scenario', 'bimaxwellian', '--dt-out', '0.5', '--quiet', '--allow-unresolved'];

/** Asserts two run folders hold the same final state and series, byte for byte; returns the sizes. */
function expectSameRun(resumed: string, straight: string): { finalBytes: number; csvBytes: number; entries: number; steps: number } {
  const finals = [resumed, straight].map((dir) => readFileSync(join(dir, 'final.npy')));
  const csvs = [resumed, straight].map((dir) => readFileSync(join(dir, 'diagnostics.csv'), 'utf8'));
  const series = [resumed, straight].map((dir) => JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8')).series);
  expect(Buffer.compare(finals[0]!, finals[1]!)).toBe(0);
  expect(csvs[0]).toBe(csvs[1]);
  expect(JSON.stringify(series[0])).toBe(JSON.stringify(series[1]));
  const last = series[1][series[1].length - 1];
  return { finalBytes: finals[0]!.length, csvBytes: csvs[0]!.length, entries: series[0].length, steps: last.step };
}

function record(dir: string): RunRecord {
  return JSON.parse(readFileSync(join(dir, 'diagnostics.json'), 'utf8'));
}

describe('exact JSON', () => {
  it('gives back NaN, ±Infinity, −0 and every finite double exactly', () => {
    const special = { a: [NaN, Infinity, -Infinity, -0, 0], b: { c: -0 }, keep: { $number: 'text', other: 1 } };
    const back = fromExactJson(toExactJson(special)) as typeof special;
    expect(back.a.map((x) => Object.is(x, NaN) || x)).toEqual([true, Infinity, -Infinity, -0, 0]);
    expect(Object.is(back.a[3], -0)).toBe(true);
    expect(Object.is(back.b.c, -0)).toBe(true);
    expect(back.keep).toEqual({ $number: 'text', other: 1 });
    fc.assert(
      fc.property(fc.array(fc.double()), (xs) => {
        const ys = fromExactJson(toExactJson(xs)) as number[];
        return ys.length === xs.length && ys.every((y, i) => Object.is(y, xs[i]));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('output grid', () => {
  it('a run to any grid time T1 has the outputs of a longer run up to T1, and ends at T1 itself', () => {
    // Decimal inputs as typed on the command line: dtOut = a·10^-e, T1 = k1·dtOut, T2 = k2·dtOut.
    const decimal = (m: number, e: number) => Number(`${m}e-${e}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (a, e, k1, extra) => {
        const dtOut = decimal(a, e);
        const t1 = decimal(a * k1, e);
        const t2 = decimal(a * (k1 + extra), e);
        const short = outputTimes(t1, dtOut);
        const long = outputTimes(t2, dtOut);
        return short.length === k1 && short[k1 - 1] === t1 && long[long.length - 1] === t2 && short.every((t, i) => t === long[i]);
      }),
      { numRuns: 3000 },
    );
    expect(outputTimes(0.3, 0.1)).toEqual([0.1, 0.2, 0.3]);
    expect(outputTimes(1, 0.3)).toEqual([0.3, 0.6, 0.9, 1]);
    expect(outputTimes(0, 0.1)).toEqual([]);
  });

  it('checkpoints fall on the first output at or after each multiple of the period', () => {
    const schedule = new CheckpointSchedule(0.7, 0);
    const due = outputTimes(4, 0.5).filter((t) => schedule.due(t));
    expect(due).toEqual([1, 1.5, 2.5, 3, 3.5]);
    const resumed = new CheckpointSchedule(1, 2);
    expect([2.5, 3, 3.5, 4].filter((t) => resumed.due(t))).toEqual([3, 4]);
  });
});

describe('resume on the CPU reference (N = 8)', () => {
  const straight = join(workdir, 'cpu-straight');
  const split = join(workdir, 'cpu-split');

  it('a run to T1 = 1.5 resumed to T2 = 3 ends bit for bit as a run straight to 3', async () => {
    const args = [...RUN, '--n', '8', '--backend', 'cpu'];
    expect((await landau3d([...args, '--t-end', '3', '--out', straight])).code).toBe(0);
    const first = await landau3d([...args, '--t-end', '1.5', '--checkpoint-every', '1', '--out', split]);
    expect(first.code).toBe(0);
    const checkpoint = await readCheckpoint(split);
    expect(checkpoint.resume.t).toBe(1.5);
    const resumed = await landau3d(['resume', split, '--t-end', '3', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const sizes = expectSameRun(split, straight);
    console.log(`CPU resume 1.5 → 3: final.npy ${sizes.finalBytes} B and diagnostics.csv ${sizes.csvBytes} B identical, ${sizes.entries} outputs, ${sizes.steps} steps`);
    expect(record(split).status).toBe('completed');
    expect((await readCheckpoint(split)).resume.t).toBe(3);
  });

  it('the radial reference (--compare-radial) and the snapshots go on as in a straight run', async () => {
    const args = ['run', '--scenario', 'blowdown', '--n', '8', '--dt-out', '0.1', '--backend', 'cpu', '--compare-radial', '--snapshots', '--quiet', '--allow-unresolved'];
    const [whole, parts] = [join(workdir, 'radial-straight'), join(workdir, 'radial-split')];
    expect((await landau3d([...args, '--t-end', '0.4', '--out', whole])).code).toBe(0);
    expect((await landau3d([...args, '--t-end', '0.2', '--checkpoint-every', '0.1', '--out', parts])).code).toBe(0);
    expect((await landau3d(['resume', parts, '--t-end', '0.4', '--quiet'])).code).toBe(0);
    expectSameRun(parts, whole);
    expect(record(parts).radialReference).toEqual(record(whole).radialReference);
    for (const file of ['manifest.json', 'F_0002.npy', 'F_0004.npy', 'F_0004.vti']) {
      expect(Buffer.compare(readFileSync(join(parts, 'snapshots', file)), readFileSync(join(whole, 'snapshots', file))), file).toBe(0);
    }
  });

  it('resume without --t-end on a completed run has nothing to do', async () => {
    const r = await landau3d(['resume', split]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/is at t = 3 \(step \d+\) already; give --t-end to extend it/);
  });

  it('refuses an end before the checkpoint, a run without checkpoint, damaged and foreign checkpoints — one line each, folder untouched', async () => {
    const cases: [string, (dir: string) => void, string[], RegExp][] = [
      ['end before the checkpoint', () => {}, ['--t-end', '2'], /--t-end = 2 is before the checkpoint \(t = 3\)/],
      ['no checkpoint', () => {}, [], /has no checkpoint\.json: only a run made with --checkpoint-every can be resumed/],
      ['truncated checkpoint.json', (dir) => writeFileSync(join(dir, CHECKPOINT_FILE), readFileSync(join(dir, CHECKPOINT_FILE)).subarray(0, 200)), [], /checkpoint\.json is corrupt: not valid JSON/],
      ['state file altered', (dir) => {
        const c = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8'));
        const path = join(dir, c.state.file);
        const bytes = readFileSync(path);
        bytes[bytes.length - 3]! ^= 1;
        writeFileSync(path, bytes);
      }, [], /is corrupt: checkpoint-F-\d+\.npy does not match its SHA-256/],
      ['state file missing', (dir) => {
        const c = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8'));
        unlinkSync(join(dir, c.state.file));
      }, [], /is corrupt: its state file checkpoint-F-\d+\.npy is missing/],
      ['checkpoint.json edited', (dir) => {
        const c = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8'));
        writeFileSync(join(dir, CHECKPOINT_FILE), JSON.stringify({ ...c, options: { ...c.options, cfl: 0.9 } }));
      }, [], /is corrupt: its content does not match its checksum/],
      ['another version', (dir) => {
        const c = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8'));
        writeFileSync(join(dir, CHECKPOINT_FILE), JSON.stringify({ ...c, version: '0.0.1' }));
      }, [], /was written by landau3d 0\.0\.1 \(checkpoint format 1\); this is landau3d \S+ .*resume it with that version/],
      ['a missing folder', () => {}, [], /no such run folder/],
    ];
    for (const [what, damage, extra, message] of cases) {
      const dir = join(workdir, `refuse-${what.replace(/\W+/g, '-')}`);
      if (what === 'no checkpoint') {
        expect((await landau3d([...RUN, '--n', '8', '--backend', 'cpu', '--t-end', '0.5', '--out', dir])).code).toBe(0);
      } else if (what !== 'a missing folder') {
        expect((await landau3d([...RUN, '--n', '8', '--backend', 'cpu', '--t-end', '3', '--checkpoint-every', '1', '--out', dir])).code).toBe(0);
        damage(dir);
      }
      const before = existsSync(dir) ? readFileSync(join(dir, 'diagnostics.json'), 'utf8') : null;
      const r = await landau3d(['resume', dir, ...extra]);
      expect(r.code, what).toBe(2);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).not.toMatch(/internal error|    at /);
      if (before !== null) expect(readFileSync(join(dir, 'diagnostics.json'), 'utf8')).toBe(before);
      else expect(existsSync(dir)).toBe(false);
    }
  });

  it('a write cut off before its rename leaves the previous checkpoint readable', async () => {
    const checkpoint = await readCheckpoint(split);
    // What an interrupted writeCheckpoint can leave: a new state file and a half-written JSON.
    writeFileSync(join(split, 'checkpoint-F-999999.npy'), 'half a file');
    writeFileSync(join(split, `${CHECKPOINT_FILE}.partial`), '{"format": 1, "vers');
    const again = await readCheckpoint(split);
    expect(again.resume).toEqual(checkpoint.resume);
    expect(Buffer.compare(Buffer.from(again.state.buffer), Buffer.from(checkpoint.state.buffer))).toBe(0);
    // The next checkpoint replaces both and removes the stray state file.
    await writeCheckpoint(split, checkpoint, 8);
    expect(existsSync(join(split, 'checkpoint-F-999999.npy'))).toBe(false);
    expect(existsSync(join(split, `${CHECKPOINT_FILE}.partial`))).toBe(false);
  });

  it('SIGINT after the first outputs leaves diagnostics up to the last output and its checkpoint; resuming gives the uninterrupted result', async () => {
    const dir = join(workdir, 'cpu-sigint');
    const args = [...RUN, '--n', '10', '--backend', 'cpu', '--t-end', '8'];
    const child = spawnLandau3d([...args.filter((a) => a !== '--quiet'), '--checkpoint-every', '100', '--out', dir]);
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/^t = 0\.500000 /m.test(stdout) && !child.killed) child.kill('SIGINT');
    });
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^landau3d: interrupted by SIGINT; .* ends at the last completed output \(t = [\d.]+, step \d+\)\. The checkpoint holds the last output .*: continue with  landau3d resume /);
    const stopped = record(dir);
    expect(stopped.status).toBe('interrupted');
    const checkpoint = await readCheckpoint(dir);
    const lastT = stopped.series[stopped.series.length - 1]!.t;
    expect(checkpoint.resume.t).toBe(lastT);
    expect(checkpoint.record.series.length).toBe(stopped.series.length);
    expect(lastT).toBeGreaterThanOrEqual(0.5);
    expect(lastT).toBeLessThan(8);
    const straight10 = join(workdir, 'cpu-straight-10');
    expect((await landau3d([...args, '--out', straight10])).code).toBe(0);
    const resumed = await landau3d(['resume', dir, '--quiet']);
    expect(resumed.code).toBe(0);
    const sizes = expectSameRun(dir, straight10);
    console.log(`CPU SIGINT at t = ${lastT} (step ${checkpoint.resume.step}), resumed to 8: final.npy ${sizes.finalBytes} B and diagnostics.csv ${sizes.csvBytes} B identical, ${sizes.entries} outputs, ${sizes.steps} steps`);
  });

  it('a run killed outright (SIGKILL) resumes from its last periodic checkpoint, dropping the outputs after it', async () => {
    const dir = join(workdir, 'cpu-sigkill');
    const args = [...RUN, '--n', '10', '--backend', 'cpu', '--t-end', '8'];
    const child = spawnLandau3d([...args.filter((a) => a !== '--quiet'), '--checkpoint-every', '1', '--out', dir]);
    let stdout = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/^t = 1\.50000 /m.test(stdout) && !child.killed) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    const checkpoint = await readCheckpoint(dir);
    const written = record(dir).series;
    expect(Number.isInteger(checkpoint.resume.t)).toBe(true);
    expect(checkpoint.resume.t).toBeGreaterThanOrEqual(1);
    expect(written.length).toBeGreaterThanOrEqual(checkpoint.record.series.length);
    const resumed = await landau3d(['resume', dir, '--quiet']);
    expect(resumed.code).toBe(0);
    const sizes = expectSameRun(dir, join(workdir, 'cpu-straight-10'));
    console.log(`CPU SIGKILL with outputs to t = ${written[written.length - 1]!.t}, checkpoint at t = ${checkpoint.resume.t}, resumed to 8: final.npy ${sizes.finalBytes} B and diagnostics.csv identical`);
  });
});

describe.skipIf(!gpu)('the GPU state round trip (SwiftShader, N = 8)', () => {
  it('pairs hi + lo exactly halfway between two floats split and renormalise the same way on host and device', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const op = await GpuLandauOperator.create(grid, gpu!, shaders);
    const bits = new Uint32Array(1);
    const f32 = new Float32Array(bits.buffer);
    const neighbour = (x: number, up: boolean) => {
      f32[0] = x;
      bits[0]! += up ? 1 : -1;
      return f32[0]!;
    };
    const base = Float32Array.from(initialState(grid, 'maxwellian', DEFAULT_SCENARIO_PARAMS));
    // Exactly halfway to the next float above or below: a tie that round-to-nearest-even settles.
    const ties = Float64Array.from(base, (b, c) => (b + neighbour(b, c % 2 === 0)) / 2);
    const oddBase = base.filter((b) => (new Uint32Array(Float32Array.of(b).buffer)[0]! & 1) === 1).length;
    op.setState(ties);
    expect(Buffer.compare(Buffer.from((await op.getState()).buffer), Buffer.from(ties.buffer))).toBe(0);
    const qHost = await op.collision();
    // dt = 0: the final RK stage only renormalises each pair with TwoSum on the device.
    const health = await op.advance(0, 1);
    const qDevice = await op.collision();
    expect(Buffer.compare(Buffer.from((await op.getState()).buffer), Buffer.from(ties.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(qDevice.buffer), Buffer.from(qHost.buffer))).toBe(0);
    expect(health.minF).toBe(Math.min(...Float32Array.from(ties)));
    console.log(`${ties.length} tie cells (${oddBase} with an odd base): the device kept the host's split of every pair`);
    op.dispose();
  });

  it('getState → setState mid-run changes nothing of what follows', async () => {
    const grid = new Grid({ n: 8, L: 6 });
    const through = await GpuLandauOperator.create(grid, gpu!, shaders);
    const restarted = await GpuLandauOperator.create(grid, gpu!, shaders);
    through.setState(initialState(grid, 'bimaxwellian', DEFAULT_SCENARIO_PARAMS));
    await through.advance(0.05, 20);
    restarted.setState(await through.getState());
    await through.advance(0.05, 20);
    await restarted.advance(0.05, 20);
    const [a, b] = [await through.getState(), await restarted.getState()];
    expect(Buffer.compare(Buffer.from(a.buffer), Buffer.from(b.buffer))).toBe(0);
    through.dispose();
    restarted.dispose();
  });
});

describe.skipIf(!gpu)('resume on the GPU (SwiftShader, N = 10)', () => {
  const straight = join(workdir, 'gpu-straight');
  const args = [...RUN, '--n', '10', '--backend', 'gpu'];

  it('a run to T1 = 1.5 resumed to T2 = 3 ends bit for bit as a run straight to 3', async () => {
    const split = join(workdir, 'gpu-split');
    expect((await landau3d([...args, '--t-end', '3', '--out', straight])).code).toBe(0);
    expect((await landau3d([...args, '--t-end', '1.5', '--checkpoint-every', '0.5', '--out', split])).code).toBe(0);
    const resumed = await landau3d(['resume', split, '--t-end', '3', '--quiet']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const sizes = expectSameRun(split, straight);
    console.log(`GPU resume 1.5 → 3: final.npy ${sizes.finalBytes} B and diagnostics.csv ${sizes.csvBytes} B identical, ${sizes.entries} outputs, ${sizes.steps} steps`);
  });

  it('a device lost mid-run leaves the last output checkpointed; resuming on a new device gives the uninterrupted result', async () => {
    const dir = join(workdir, 'gpu-lost');
    // integrateRun writes into a folder its command has made (and locked).
    mkdirSync(dir, { recursive: true });
    // Checkpoints only at the end (period 100): the one found afterwards is the stop's own.
    const opts = parseRunOptions({ scenario: 'bimaxwellian', n: '10', tEnd: '3', dtOut: '0.5', backend: 'gpu', checkpointEvery: '100', out: dir, quiet: true, allowUnresolved: true });
    const grid = new Grid({ n: 10, L: opts.L });
    const handle = await acquireNodeGpu();
    const op = await GpuLandauOperator.create(grid, handle, shaders);
    op.setState(initialState(grid, 'bimaxwellian', opts.params));
    let advances = 0;
    const dying = new Proxy(op, {
      get(target, key) {
        if (key === 'advance') {
          return (dt: number, steps: number) => {
            if (++advances === 3) handle.device.destroy();
            return target.advance(dt, steps);
          };
        }
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as LandauOperator;
    const errors: string[] = [];
    const code = await integrateRun(
      { opts, grid, operator: dying, snapshots: [], record: { config: { ...opts, n: 10 }, device: { ...op.description }, series: [], status: 'running' } },
      { log: () => {}, error: (line) => errors.push(line) },
    );
    handle.release();
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^landau3d: GPU device lost \(destroyed\).*ends at the last completed output \(t = [\d.]+, step \d+\)\. The checkpoint holds the last output/);
    const stopped = record(dir);
    expect(stopped.status).toBe('interrupted');
    const checkpoint = await readCheckpoint(dir);
    expect(checkpoint.resume.t).toBe(stopped.series[stopped.series.length - 1]!.t);
    expect(checkpoint.resume.t).toBeGreaterThan(0);
    expect(checkpoint.resume.t).toBeLessThan(3);
    expect(await resumeCommand({ dir, quiet: true }, () => {})).toBe(0);
    const sizes = expectSameRun(dir, straight);
    console.log(`GPU device lost after output t = ${checkpoint.resume.t} (step ${checkpoint.resume.step}), resumed on a new device to 3: final.npy ${sizes.finalBytes} B and diagnostics.csv ${sizes.csvBytes} B identical`);
  });
});

// Studies stopped by a signal: they stop within a step of the case they run, keep every case they
// finished (cases/<id>.json) and leave the folder consistent (no temporary file, no lock, the
// manifest says interrupted); the same command then goes on from the kept cases, without computing
// them again, to tables byte for byte those of a study that was never stopped. Other options are
// refused in one line. Small CPU cases (N = 12) keep it quick.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, MANIFEST_FILE } from '../src/io/run-folder-claim.js';
import { landau3d, scratchFolder, spawnLandau3d } from './support/cli.js';

const workdir = scratchFolder('study-resume');

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  /** When the process ended (performance.now()). */
  at: number;
}

/** Runs the command line and sends SIGNAL once `ready` (asked every 5 ms with the output so far) says so. */
async function interrupted(args: string[], signal: NodeJS.Signals, ready: (stdout: string) => boolean): Promise<Ended & { sentAt: number }> {
  const child = spawnLandau3d(args);
  let stdout = '';
  let stderr = '';
  let sentAt = NaN;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const poll = setInterval(() => {
    if (Number.isNaN(sentAt) && ready(stdout)) {
      sentAt = performance.now();
      child.kill(signal);
    }
  }, 5);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(poll);
  return { code, stdout, stderr, at: performance.now(), sentAt };
}

/** Every file under DIR, relative to it. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8'));
const casesIn = (dir: string) => (existsSync(join(dir, 'cases')) ? readdirSync(join(dir, 'cases')).sort() : []);

/** The folder an interrupted study leaves: no temporary file, no lock, its manifest marks it interrupted. */
function expectConsistent(dir: string): void {
  expect(filesUnder(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  expect(filesUnder(dir)).not.toContain(LOCK_FILE);
  expect(manifestOf(dir).status).toBe('interrupted');
}

describe('a sweep interrupted after its first case', () => {
  // δ = 0.9 is resolved at N = 12 (a 3D run too); δ = 0.1 takes the radial reference a second or two.
  const sweep = ['sweep', '--delta', '0.9,0.1,0.3', '--t-star', '0.5', '--n', '12', '--L', '5', '--backend', 'cpu'];
  const out = join(workdir, 'sweep');
  const first = join(out, 'cases', 'delta=0.9.json');
  let kept: { bytes: string; mtimeMs: number };

  it('keeps that case, exits with the interrupted status and one line, leaves no temporary file', async () => {
    const r = await interrupted([...sweep, '--out', out], 'SIGINT', () => existsSync(first));
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual([`landau3d: interrupted by SIGINT; ${out} keeps the 1 finished case of 3: the same command goes on from them`]);
    expect(casesIn(out)).toEqual(['delta=0.9.json']);
    expectConsistent(out);
    expect(existsSync(join(out, 'sweep.json'))).toBe(false);
    kept = { bytes: readFileSync(first, 'utf8'), mtimeMs: statSync(first).mtimeMs };
  }, 120_000);

  it('has no report yet: report says how to finish it', async () => {
    const r = await landau3d(['report', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`landau3d: '${out}' holds an unfinished sweep, without its tables yet: run the same landau3d sweep command again to finish it, then report`]);
  }, 60_000);

  it('is refused in one line, naming the option, when the same command comes with other options', async () => {
    const r = await landau3d([...sweep.map((a) => (a === '0.9,0.1,0.3' ? '0.9,0.1' : a)), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `landau3d: --out ${out} holds an unfinished sweep with --delta 0.9,0.1,0.3, not 0.9,0.1: give the same options to go on with it, or --force to start over`,
    ]);
    expect(casesIn(out)).toEqual(['delta=0.9.json']);
    expect(manifestOf(out).status).toBe('interrupted');
  }, 60_000);

  it('refuses a kept case that was damaged, in one line naming it', async () => {
    const bytes = readFileSync(first);
    writeFileSync(first, bytes.subarray(0, 40));
    try {
      const r = await landau3d([...sweep, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([`landau3d: ${first} is not valid JSON (cut short or damaged); remove it to compute that case again, or give --force to start over`]);
    } finally {
      writeFileSync(first, bytes);
    }
    kept.mtimeMs = statSync(first).mtimeMs;
  }, 60_000);

  it('goes on from the kept case with the same command, to the bytes of a sweep never stopped', async () => {
    const resumed = await landau3d([...sweep, '--out', out]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toBe('resuming: 1 of 3 cases already done');
    // Not computed again: the file is the one the first command wrote.
    expect(readFileSync(first, 'utf8')).toBe(kept.bytes);
    expect(statSync(first).mtimeMs).toBe(kept.mtimeMs);
    expect(manifestOf(out).status).toBe('completed');

    const fresh = join(workdir, 'sweep-fresh');
    expect((await landau3d([...sweep, '--out', fresh])).code).toBe(0);
    for (const file of ['sweep.json', 'sweep.csv', ...casesIn(fresh).map((c) => join('cases', c))]) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
    expect(filesUnder(out)).toEqual(filesUnder(fresh));
  }, 120_000);
});

describe('a nonradial study interrupted mid-run', () => {
  // Four cases of about a second each at N = 12 on the CPU, t-end 6.
  const nonradial = ['nonradial', '--delta', '0.9,0.6', '--centres', '0,0.5', '--shapes', 'none', '--n', '12', '--L', '5', '--t-end', '6', '--t-star', '0.25', '--dt-out', '0.25', '--backend', 'cpu'];
  const out = join(workdir, 'nonradial');

  it('stops within a step of its case: soon after the signal, the later cases never run, the finished one is kept', async () => {
    let firstSeen = NaN;
    const r = await interrupted([...nonradial, '--out', out], 'SIGTERM', () => {
      if (casesIn(out).length === 0) return false;
      firstSeen ||= performance.now();
      // Well into the second case.
      return performance.now() - firstSeen > 200;
    });
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual([`landau3d: interrupted by SIGTERM; ${out} keeps the 1 finished case of 4: the same command goes on from them`]);
    // A step at N = 12 takes milliseconds; a case about a second, the study several.
    expect(r.at - r.sentAt).toBeLessThan(3000);
    expect(casesIn(out)).toEqual(['delta=0.9_u=0,0,0_D=1,1,1.json']);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expectConsistent(out);
  }, 120_000);

  it('goes on from it to the nonradial.json, nonradial.csv and report.html of a study never stopped', async () => {
    const resumed = await landau3d([...nonradial, '--out', out]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.split('\n')[0]).toBe('resuming: 1 of 4 cases already done');
    const fresh = join(workdir, 'nonradial-fresh');
    expect((await landau3d([...nonradial, '--out', fresh])).code).toBe(0);
    for (const file of ['nonradial.json', 'nonradial.csv', 'report.html']) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
  }, 120_000);
});

describe('a grazing study interrupted while it samples the collision spheres', () => {
  it('stops within a node of its sampling and writes nothing', async () => {
    const out = join(workdir, 'grazing', 'study');
    // The sampling takes several seconds with the default quadrature.
    const r = await interrupted(['grazing', '--s', '0.5', '--out', out], 'SIGTERM', (stdout) => stdout.includes('sampling ψ'));
    expect(r.code).toBe(130);
    expect(r.stderr.trim().split('\n')).toEqual(['landau3d: interrupted by SIGTERM; nothing was written']);
    expect(r.at - r.sentAt).toBeLessThan(3000);
    expect(existsSync(join(workdir, 'grazing'))).toBe(false);
  }, 60_000);
});

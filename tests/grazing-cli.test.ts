// `landau3d grazing` end to end: the promised files and fields for good input; one clear line,
// exit status 2 and no output folder for bad input.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('grazing');


describe('landau3d grazing', () => {
  it('writes grazing.json (c_phi, c_phi_fourier, convergence) and a self-contained report.html', async () => {
    const out = join(workdir, 'ok');
    const r = await landau3d(['grazing', '--potential', 'cosine', '--s', '0.5', '--eps', '1e-1,1e-2,1e-3', '--quadrature', 'fast', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/c_Φ/);
    expect(r.stdout).toMatch(/convergence/);
    const json = JSON.parse(readFileSync(join(out, 'grazing.json'), 'utf8'));
    expect(json.c_phi).toBeCloseTo(0.5166458891, 8);
    expect(Math.abs(json.c_phi_fourier / json.c_phi - 1)).toBeLessThan(1e-6);
    expect(json.convergence.map((row: { eps: number }) => row.eps)).toEqual([1e-1, 1e-2, 1e-3]);
    const errors = json.convergence.map((row: { rel_error: number }) => row.rel_error);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(Math.abs(json.normalisation.measured / (2 * Math.PI) - 1)).toBeLessThan(1e-2);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('accepts a user-supplied φ; at s = 1 c_Φ = f(0)², the Fourier constant is null and the Coulomb logarithm is used', async () => {
    const out = join(workdir, 'custom');
    const r = await landau3d(['grazing', '--phi', '2*(1-r)^2/r', '--s', '1', '--eps', '1e-2,1e-3', '--quadrature', 'fast', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'grazing.json'), 'utf8'));
    expect(json.potential.expression).toBe('2*(1-r)^2/r');
    expect(json.c_phi).toBeCloseTo(4, 8);
    expect(json.c_phi_fourier).toBeNull();
    expect(json.regime).toBe('coulomb-log');
    expect(json.convergence).toHaveLength(2);
  });

  it('--help describes the options', async () => {
    const r = await landau3d(['grazing', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--potential', '--phi', '--s', '--eps', '--psi', '--quadrature', '--out']) expect(r.stdout).toContain(flag);
  });
});

const badInputs: [string, string[], RegExp][] = [
  ['missing s', [], /--s S is required/],
  ['s not a number', ['--s', 'abc'], /--s must be a finite number, got 'abc'/],
  ['s negative', ['--s', '-1'], /--s = -1 is out of range/],
  ['s infinite', ['--s', 'Infinity'], /--s must be a finite number/],
  ['eps zero', ['--s', '0.5', '--eps', '1e-2,0'], /--eps value 0 is out of range/],
  ['eps not a number', ['--s', '0.5', '--eps', '1e-2,x'], /--eps must be a finite number, got 'x'/],
  ['eps repeated', ['--s', '0.5', '--eps', '1e-2,0.01'], /--eps lists a value twice/],
  ['unknown potential', ['--s', '0.5', '--potential', 'yukawa'], /unknown --potential 'yukawa'/],
  ['unknown psi', ['--s', '0.5', '--psi', 'sinc'], /unknown --psi 'sinc'/],
  ['unknown quadrature', ['--s', '0.5', '--quadrature', 'huge'], /unknown --quadrature 'huge'/],
  ['phi with a named potential', ['--s', '0.5', '--potential', 'cosine', '--phi', '(1-r)^2'], /--phi is for --potential custom/],
  ['phi syntax error', ['--s', '0', '--phi', '(1-r'], /--phi '\(1-r': expected '\)'/],
  ['phi increasing', ['--s', '0', '--phi', 'r*(1-r)'], /not a potential of Assumption 2\.1: φ is not decreasing/],
  ['phi with the wrong s', ['--s', '0', '--phi', '(1-r)^2/r'], /does not approach f\(0\)|is not finite/],
];

describe.concurrent('landau3d grazing rejects bad input', () => {
  for (const [what, args, message] of badInputs) {
    it(what, async () => {
      const out = join(workdir, `bad-${what.replace(/\W+/g, '-')}`);
      const r = await landau3d(['grazing', '--out', out, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error|    at /);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('missing --out', async () => {
    const r = await landau3d(['grazing', '--s', '0.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out DIR is required/);
  });
});

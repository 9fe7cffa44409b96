// Fields on the grid in a run folder: grid.json places every value; final.vti beside final.npy;
// with --snapshots a .pvd collection lists every snapshot with its physical time; --export-fields
// adds A[F], Q(F,F) and log F at the snapshot times (in .npy and in the .vti) without changing the
// run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { decodeNpy } from '../src/io/npy.js';
import { CpuLandauOperator } from '../src/backends/cpu/cpu-operator.js';
import { landau3d, scratchFolder } from './support/cli.js';

const workdir = scratchFolder('field-output');
const run = ['run', '--scenario', 'bimaxwellian', '--n', '8', '--t-end', '0.03', '--dt-out', '0.01', '--backend', 'cpu', '--conv', 'direct', '--quiet', '--allow-unresolved'];

/** The arrays of a .vti by name, decoded (UInt64 length header, float64, x fastest). */
function vtiArrays(xml: string): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const m of xml.matchAll(/Name="([^"]+)" format="binary">([^<]+)</g)) {
    const bytes = Buffer.from(m[2]!, 'base64');
    out.set(m[1]!, new Float64Array(bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + bytes.length)));
  }
  return out;
}

describe('fields of a run folder', () => {
  it('grid.json, final.vti, the .pvd of the snapshots and the exported A, Q and log F', async () => {
    const plain = join(workdir, 'plain');
    const full = join(workdir, 'full');
    expect((await landau3d([...run, '--out', plain])).code).toBe(0);
    expect((await landau3d([...run, '--snapshots', '--export-fields', 'A,Q,logF', '--out', full])).code).toBe(0);
    // Exporting fields does not change the run.
    expect(readFileSync(join(full, 'final.npy')).equals(readFileSync(join(plain, 'final.npy')))).toBe(true);

    const grid = new Grid({ n: 8, L: 6 });
    const gridJson = JSON.parse(readFileSync(join(full, 'grid.json'), 'utf8'));
    expect(gridJson).toMatchObject({ n: 8, L: 6, h: grid.h, axes: ['v_x', 'v_y', 'v_z'] });
    expect(gridJson.centres).toEqual(Array.from(grid.axis));

    const final = decodeNpy(readFileSync(join(full, 'final.npy')));
    const finalVti = vtiArrays(readFileSync(join(full, 'final.vti'), 'utf8')).get('F')!;
    for (let ix = 0; ix < 8; ix++) for (let iy = 0; iy < 8; iy++) for (let iz = 0; iz < 8; iz++) expect(finalVti[ix + 8 * (iy + 8 * iz)]).toBe(final.data[grid.index(ix, iy, iz)]);

    const manifest = JSON.parse(readFileSync(join(full, 'snapshots', 'manifest.json'), 'utf8')).snapshots as { t: number; vti: string; npy: string; fields: Record<string, string> }[];
    const times = JSON.parse(readFileSync(join(full, 'diagnostics.json'), 'utf8')).series.map((e: { t: number }) => e.t);
    expect(manifest.map((e) => e.t)).toEqual(times);
    const pvd = readFileSync(join(full, 'snapshots', 'F.pvd'), 'utf8');
    const listed = [...pvd.matchAll(/<DataSet timestep="([^"]+)" group="" part="0" file="([^"]+)"\/>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(listed).toEqual(manifest.map((e) => [e.t, e.vti]));

    // The exported fields at the last snapshot: A[F] and Q(F,F) of its F by the same (f64) operator, log F.
    const last = manifest.at(-1)!;
    const f = decodeNpy(readFileSync(join(full, 'snapshots', last.npy))).data;
    const op = new CpuLandauOperator(grid, { conv: 'direct' });
    op.setState(f);
    const a = decodeNpy(readFileSync(join(full, 'snapshots', last.fields.A!)));
    expect(a.shape).toEqual([8, 8, 8, 6]);
    expect(Array.from(a.data)).toEqual(Array.from(await op.diffusionMatrix()));
    expect(Array.from(decodeNpy(readFileSync(join(full, 'snapshots', last.fields.Q!))).data)).toEqual(Array.from(await op.collision()));
    expect(Array.from(decodeNpy(readFileSync(join(full, 'snapshots', last.fields.logF!))).data)).toEqual(Array.from(f, Math.log));
    const arrays = vtiArrays(readFileSync(join(full, 'snapshots', last.vti), 'utf8'));
    expect([...arrays.keys()]).toEqual(['F', 'A_xx', 'A_yy', 'A_zz', 'A_xy', 'A_xz', 'A_yz', 'Q', 'logF']);
    expect(arrays.get('A_xy')![1 + 8 * (2 + 8 * 3)]).toBe(a.data[grid.index(1, 2, 3) * 6 + 3]);
  }, 60_000);

  it('--export-fields without --snapshots, or with an unknown field, is refused in one line', async () => {
    for (const [extra, message] of [
      [['--export-fields', 'A'], /give --snapshots too/],
      [['--snapshots', '--export-fields', 'A,B'], /--export-fields takes a comma-separated list of A, Q, logF/],
    ] as const) {
      const r = await landau3d([...run, ...extra, '--out', join(workdir, 'refused')]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  }, 30_000);
});

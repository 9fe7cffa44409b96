// Study tables as CSV: the header from the columns, a cell per column, missing values empty.
import { describe, expect, it } from 'vitest';
import { csvTable } from '../src/io/csv.js';
import { NONRADIAL_COLUMNS } from '../src/studies/nonradial-study.js';
import { SWEEP_COLUMNS } from '../src/studies/blowdown-sweep.js';

describe('csvTable', () => {
  it('writes the header and one row per entry, null and undefined as empty cells', () => {
    const columns = [['a', (r: { a: number; b?: number | null }) => r.a], ['b', (r: { a: number; b?: number | null }) => r.b]] as const;
    expect(csvTable(columns, [{ a: 1, b: 2.5 }, { a: 3, b: null }, { a: 4 }])).toBe('a,b\n1,2.5\n3,\n4,\n');
  });

  it("the studies' tables keep their columns (sweep.csv 10, nonradial.csv 22, unresolved rows mostly empty)", () => {
    expect(SWEEP_COLUMNS.map(([h]) => h).join(',')).toBe('delta,ref_scale,radial_Ef_L2M,radial_f_L2M,radial_f0,n3d,grid3d_Ef_L2M,grid3d_f_L2M,radial_error,n_needed');
    expect(NONRADIAL_COLUMNS).toHaveLength(22);
    const unresolved = { delta: 0.01, centre: [0, 0, 0], shape: [4, 1, 1], ref_scale: 2, n_needed: 93 } as Parameters<(typeof NONRADIAL_COLUMNS)[number][1]>[0];
    expect(csvTable(NONRADIAL_COLUMNS, [unresolved]).split('\n')[1]).toBe('0.01,0,0,0,4,1,1,2,,,,,,,,,,,,,,93');
  });
});

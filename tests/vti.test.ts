// ParaView output: the .vti written for a field decodes back to the same values in VTK's order.
import { describe, expect, it } from 'vitest';
import { Grid } from '../src/core/grid/grid.js';
import { encodeVti } from '../src/io/vti.js';

describe('VTK ImageData', () => {
  it('stores F at the cell centres, x fastest, with a UInt64 length header', () => {
    const grid = new Grid({ n: 5, L: 2 });
    const f = grid.sample((x, y, z) => 100 * x + 10 * y + z);
    const xml = encodeVti(grid, { F: f });
    expect(xml).toMatch(/WholeExtent="0 4 0 4 0 4"/);
    expect(xml).toMatch(new RegExp(`Origin="${grid.axis[0]} ${grid.axis[0]} ${grid.axis[0]}" Spacing="0.8 0.8 0.8"`));
    const b64 = /format="binary">([^<]+)</.exec(xml)![1]!;
    const bytes = Buffer.from(b64, 'base64');
    expect(Number(bytes.readBigUInt64LE(0))).toBe(8 * 125);
    const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + bytes.length));
    for (let ix = 0; ix < 5; ix++)
      for (let iy = 0; iy < 5; iy++)
        for (let iz = 0; iz < 5; iz++) {
          const expected = 100 * grid.axis[ix]! + 10 * grid.axis[iy]! + grid.axis[iz]!;
          expect(data[ix + 5 * (iy + 5 * iz)]).toBeCloseTo(expected, 12);
        }
  });
});

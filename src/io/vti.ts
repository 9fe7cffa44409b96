// VTK ImageData (.vti) for ParaView: F on the cell centres as point data, binary (base64) with a
// UInt64 length header. VTK orders points with x fastest; the grid stores z fastest, so the values
// are transposed on the way out.
import type { Grid } from '../core/grid/grid.js';

export function encodeVti(grid: Grid, fields: Record<string, ArrayLike<number>>): string {
  const n = grid.n;
  const origin = grid.axis[0]!;
  const arrays = Object.entries(fields).map(([name, values]) => {
    if (values.length !== grid.cells) throw new Error(`field '${name}' has ${values.length} values, grid needs ${grid.cells}`);
    const data = new Float64Array(grid.cells);
    // VTK's point order runs x fastest; the grid's runs z fastest.
    grid.forEachCell((c, ix, iy, iz) => (data[ix + n * (iy + n * iz)] = values[c]!));
    const header = new BigUint64Array([BigInt(data.byteLength)]);
    const bytes = Buffer.concat([Buffer.from(header.buffer), Buffer.from(data.buffer)]);
    return `        <DataArray type="Float64" Name="${name}" format="binary">${bytes.toString('base64')}</DataArray>`;
  });
  const extent = `0 ${n - 1} 0 ${n - 1} 0 ${n - 1}`;
  return [
    '<?xml version="1.0"?>',
    '<VTKFile type="ImageData" version="1.0" byte_order="LittleEndian" header_type="UInt64">',
    `  <ImageData WholeExtent="${extent}" Origin="${origin} ${origin} ${origin}" Spacing="${grid.h} ${grid.h} ${grid.h}">`,
    `    <Piece Extent="${extent}">`,
    `      <PointData Scalars="${Object.keys(fields)[0] ?? ''}">`,
    ...arrays,
    '      </PointData>',
    '    </Piece>',
    '  </ImageData>',
    '</VTKFile>',
    '',
  ].join('\n');
}

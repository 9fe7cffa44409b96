// CSV tables of study rows: the study names its columns and how each is read from a row; a
// missing value (null or undefined) is an empty cell.

/** A column: its header and its value in a row. */
export type CsvColumn<Row> = readonly [header: string, value: (row: Row) => number | string | null | undefined];

export function csvTable<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map(([header]) => header).join(','), ...rows.map((r) => columns.map(([, value]) => value(r) ?? '').join(','))];
  return lines.join('\n') + '\n';
}

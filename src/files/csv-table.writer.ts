/**
 * CSV as the program folder and the imports read it (csv-table.reader.ts): a header row, then one
 * row per item, comma-separated, LF line ends, a cell quoted only when it must be. Empty cells
 * stand for "not given" (null or undefined); numbers in JavaScript's shortest exact form.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/** CSV lines of `rows`, without a header: for a file written a part at a time. */
export function csvLines(rows: ReadonlyArray<readonly CsvCell[]>): string {
  return stringify(rows.map((row) => row.map((c) => (c === null || c === undefined ? '' : String(c)))));
}

/** The text of a CSV file with `header` and `rows` (each row in the header's order). */
export function csvText(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return csvLines([header, ...rows]);
}

/** JSON as the folder's files hold it: two-space indents and a final line end. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

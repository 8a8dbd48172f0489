/**
 * Spreadsheet formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return may be run as a formula by the spreadsheet that opens an export. Exports
 * prefix such cells with `'` (the records module's rule, shared); imports take it off again so
 * that an exported file loads back exactly.
 */
export { neutraliseFormula as neutraliseCell } from '../../records/records-csv.js';

const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Undoes neutraliseCell. */
export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

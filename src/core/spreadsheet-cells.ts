/**
 * Spreadsheet formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return may be run as a formula by the spreadsheet that opens an export. Exports
 * prefix such cells with `'`; imports take it off again so that an exported file loads back
 * exactly.
 */
// A formula character, possibly behind quotes: text that already looks neutralised is quoted
// once more, so that restoring gives back exactly what was written.
const QUOTABLE = /^'*[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula, prefixed with a quote. */
export function neutraliseCell(text: string): string {
  return QUOTABLE.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseCell`. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && QUOTABLE.test(cell) ? cell.slice(1) : cell;
}

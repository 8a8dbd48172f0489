/**
 * Spreadsheet formula injection: a text cell that a spreadsheet may run as a formula when it
 * opens an export. That is a cell starting with `=`, `+`, `-` or `@`, also behind leading
 * whitespace (spaces, no-break and ideographic spaces: Excel and LibreOffice trim some of them
 * before deciding), their full-width forms `＝ ＋ － ＠` (which East Asian input methods type
 * and some spreadsheets read as the ASCII ones), or a tab, carriage return or line feed (which
 * break the cell out into the next one or the next row in a CSV pasted into a sheet). Exports
 * prefix such cells with `'`; imports take it off again so that an exported file loads back
 * exactly.
 */
// A formula character, possibly behind quotes: text that already looks neutralised is quoted
// once more, so that restoring gives back exactly what was written.
const QUOTABLE = /^'*(?:[\t\r\n]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** A text cell that a spreadsheet would run as a formula, prefixed with a quote. */
export function neutraliseCell(text: string): string {
  return QUOTABLE.test(text) ? `'${text}` : text;
}

/** Undoes `neutraliseCell`. */
export function restoreCell(cell: string): string {
  return cell.startsWith("'") && QUOTABLE.test(cell) ? cell.slice(1) : cell;
}

/**
 * True when a cell of an export could run as a formula: after trimming it starts with a
 * formula character and is not a plain number (`-5` is a number to every spreadsheet). Tests
 * of every export use it; exports use `neutraliseCell`.
 */
export function looksLikeFormula(cell: string): boolean {
  if (/^[\t\r\n]/.test(cell)) return true;
  const t = cell.trim();
  return /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u.test(t) && !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t);
}

/**
 * The optional row count that guards against a truncated upload. A CSV (or XLSX) file cut off
 * at a line boundary reads as a whole, shorter file; a count given beside it tells the two
 * apart. The count comes from the request (`X-Expected-Rows`, `--expected-rows`) or from a
 * footer row, `# rows: N` alone in the first cell of the last row, that Vigia's exports write
 * and anyone may add. The footer is not a data row. When a count is given and the file holds
 * another number of data rows, the import is refused naming both numbers.
 */

const FOOTER = /^#\s*rows\s*:\s*(\d{1,9})$/i;

/** The footer row's first cell for `rows` data rows. */
export function rowCountFooter(rows: number): string {
  return `# rows: ${rows}`;
}

/** N when `cells` are a footer row (`# rows: N` first, every other cell empty), else undefined. */
export function parseRowCountFooter(cells: readonly string[]): number | undefined {
  const m = FOOTER.exec((cells[0] ?? '').trim());
  if (!m?.[1] || cells.slice(1).some((c) => c.trim() !== '')) return undefined;
  return Number(m[1]);
}

/** The reason a file is refused when its data rows do not match a count given for it, or null. */
export function rowCountMismatch(rows: number, expected: number, from: 'footer' | 'request'): string | null {
  if (rows === expected) return null;
  const source = from === 'footer' ? `its "${rowCountFooter(expected)}" footer` : 'the expected row count sent with it';
  return `the file holds ${rows} data row(s) but ${source} says ${expected}: it may be cut short, or rows were added or removed; nothing was imported`;
}

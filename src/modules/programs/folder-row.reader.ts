/**
 * Reading the cells of one CSV row of a program folder (required cells, codes, enums,
 * numbers), each bad cell reported once with its file, line and column; and keeping the first
 * row of each code. Shared by the reader of each file of the folder.
 */
import type { IssueDetail } from '../../core/errors.js';
import { checkNumber, NOT_A_NUMBER } from '../../core/finite-number.js';
import type { CsvRow } from '../../files/csv-table.reader.js';
import { CODE_PATTERN, CODE_RULE } from './program-folder.schema.js';

/** Reads the cells of one CSV row, reporting each bad cell once. */
export class RowReader {
  constructor(
    private readonly file: string,
    private readonly row: CsvRow,
    private readonly issues: IssueDetail[],
  ) {}

  private bad(column: string, reason: string): null {
    this.issues.push({ file: this.file, row: this.row.line, column, value: this.row.cells[column] ?? '', reason });
    return null;
  }

  text(column: string): string | null {
    return this.row.cells[column] || null;
  }

  required(column: string): string | null {
    return this.row.cells[column] || this.bad(column, 'required');
  }

  code(column: string, required = true): string | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, 'required') : null;
    return CODE_PATTERN.test(v) ? v : this.bad(column, CODE_RULE);
  }

  oneOf<T extends string>(column: string, options: readonly T[], required = true): T | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, `required: one of ${options.join(', ')}`) : null;
    return (options as readonly string[]).includes(v) ? (v as T) : this.bad(column, `must be one of ${options.join(', ')}`);
  }

  decimal(column: string, required: boolean, min = -Infinity, max = Infinity): number | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return required ? this.bad(column, 'required') : null;
    const checked = checkNumber(v);
    if ('reason' in checked)
      return this.bad(column, checked.reason === NOT_A_NUMBER ? `${NOT_A_NUMBER} (use . for decimals and no thousands separator)` : checked.reason);
    const n = checked.ok;
    return n >= min && n <= max ? n : this.bad(column, `must be between ${min} and ${max}`);
  }

  /** `true` or `false`; undefined when the cell is empty. */
  flag(column: string): boolean | undefined {
    const v = this.row.cells[column] ?? '';
    if (v === 'true' || v === 'false') return v === 'true';
    if (v) this.bad(column, 'must be true or false (or empty)');
    return undefined;
  }

  integer(column: string, min: number, max: number): number | null {
    const v = this.row.cells[column] ?? '';
    if (!v) return this.bad(column, 'required');
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    return n >= min && n <= max ? n : this.bad(column, `must be a whole number from ${min} to ${max}`);
  }
}

/** Keeps the first row of each code and reports the others. */
export function firstOfEachCode<T extends { code: string; line: number }>(file: string, rows: T[], issues: IssueDetail[]): T[] {
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const first = seen.get(r.code);
    if (first === undefined) {
      seen.set(r.code, r.line);
      return true;
    }
    issues.push({ file, row: r.line, column: 'code', value: r.code, reason: `duplicate code (first on row ${first})` });
    return false;
  });
}

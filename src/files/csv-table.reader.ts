/**
 * Reads the CSV files of a program folder as a stream of rows keyed by column name, each with
 * the line it starts on (the header is line 1). Header and syntax problems become issue details
 * rather than exceptions, so that one load lists every problem of every file; streaming keeps
 * a values file of a million rows from being held in memory whole.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { IssueDetail } from '../core/errors.js';
import { checkNumber } from '../core/finite-number.js';
import { parseRowCountFooter, rowCountMismatch } from '../core/row-count.js';

/** The columns of one CSV file: those that must be in the header, and those that may. */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** Optional checks of a whole table. */
export interface CsvTableOptions {
  /** The number of data rows the file must hold (X-Expected-Rows, --expected-rows). */
  expectedRows?: number | undefined;
}

export interface CsvRow {
  /** Line of the file the row starts on. */
  line: number;
  /** Bytes of the file read up to the end of this row, for progress. */
  bytes: number;
  /** Every known column of the file, '' when absent or empty. */
  cells: Record<string, string>;
}

interface ParsedRecord {
  record: string[];
  info: { lines: number; bytes: number };
}

const CR = 13;
const LF = 10;

/**
 * Turns CRLF and lone CR line ends into LF. csv-parse counts a CRLF inside a quoted cell as two
 * lines; with LFs only its line count is the file's. (CR and LF never occur inside a UTF-8
 * multi-byte sequence, so bytes can be rewritten one by one.)
 */
function lfLineEnds(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (!pendingCr && !chunk.includes(CR)) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length + 1);
      let n = 0;
      let i = 0;
      if (pendingCr) {
        out[n++] = LF;
        if (chunk[0] === LF) i = 1;
        pendingCr = false;
      }
      for (; i < chunk.length; i++) {
        const b = chunk[i] ?? 0;
        if (b !== CR) out[n++] = b;
        else if (i + 1 === chunk.length) pendingCr = true;
        else {
          out[n++] = LF;
          if (chunk[i + 1] === LF) i++;
        }
      }
      done(null, out.subarray(0, n));
    },
    flush(done: TransformCallback) {
      done(null, pendingCr ? Buffer.from([LF]) : null);
    },
  });
}

const PARSE_OPTIONS = { bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true } as const;

/** The header of a file checked against its column list, and the rows read through it. */
class CsvLayout {
  private readonly index = new Map<string, number>();
  // Spreadsheets often export trailing columns with no name; they are harmless while empty.
  private readonly unnamed: number[] = [];
  private readonly wanted: Array<readonly [string, number | undefined]>;
  /** False when a required column is missing: no row can be read. */
  readonly usable: boolean;
  /** Data rows read so far, and the `# rows: N` footer once seen (see core/row-count.ts). */
  private dataRows = 0;
  private footer: { rows: number; line: number } | undefined;

  constructor(
    private readonly header: string[],
    private readonly file: string,
    columns: CsvColumns,
    private readonly issues: IssueDetail[],
  ) {
    const known = new Set([...columns.required, ...columns.optional]);
    header.forEach((raw, i) => {
      const name = raw.toLowerCase();
      if (!name) this.unnamed.push(i);
      else if (!known.has(name)) {
        issues.push({ file, row: 1, column: raw, value: raw, reason: `unknown column; the columns of ${file} are ${[...known].join(', ')}` });
      } else if (this.index.has(name)) issues.push({ file, row: 1, column: raw, value: raw, reason: 'this column appears twice' });
      else this.index.set(name, i);
    });
    const missing = columns.required.filter((c) => !this.index.has(c));
    for (const c of missing) issues.push({ file, row: 1, column: c, reason: 'required column is missing from the header' });
    this.usable = missing.length === 0;
    this.wanted = [...known].map((c) => [c, this.index.get(c)] as const);
  }

  /** The row of a parsed record; null for a blank one. */
  row({ record, info }: ParsedRecord): CsvRow | null {
    if (record.every((c) => c === '')) return null;
    // info.lines is where the record ends; quoted cells may span several lines.
    let embedded = 0;
    for (const c of record) if (c.includes('\n')) embedded += c.split('\n').length - 1;
    const line = info.lines - embedded;
    const { file, issues, header } = this;
    const footer = parseRowCountFooter(record);
    if (footer !== undefined && !this.footer) {
      this.footer = { rows: footer, line };
      return null;
    }
    if (this.footer) {
      issues.push({ file, row: line, reason: `a row after the "# rows:" footer of line ${this.footer.line}; the footer must be the last row` });
      return null;
    }
    this.dataRows++;
    for (const i of this.unnamed) {
      if (record[i]) issues.push({ file, row: line, column: `#${i + 1}`, value: record[i], reason: 'a cell under a column with no name' });
    }
    if (record.length > header.length && record.slice(header.length).some((c) => c !== '')) {
      issues.push({ file, row: line, reason: `this row has ${record.length} cells but the header names ${header.length} columns` });
    }
    const cells: Record<string, string> = {};
    for (const [c, i] of this.wanted) cells[c] = i === undefined ? '' : (record[i] ?? '');
    return { line, bytes: info.bytes, cells };
  }

  /** At the end of the file: the data rows against the footer and the expected count. */
  finish(opts: CsvTableOptions): void {
    const { file, issues } = this;
    const fromFooter = this.footer && rowCountMismatch(this.dataRows, this.footer.rows, 'footer');
    if (fromFooter) issues.push({ file, row: this.footer?.line, column: '# rows', value: this.footer?.rows, reason: fromFooter });
    const fromRequest = opts.expectedRows !== undefined && rowCountMismatch(this.dataRows, opts.expectedRows, 'request');
    if (fromRequest) issues.push({ file, column: 'expected rows', value: opts.expectedRows, reason: fromRequest });
  }
}

function emptyFile(file: string, columns: CsvColumns): IssueDetail {
  return { file, row: 1, reason: `the file is empty: the first line must name the columns (${columns.required.join(', ')})` };
}

function syntaxIssue(file: string, e: unknown): IssueDetail {
  const err = e as { message?: string; lines?: number };
  return { file, row: err.lines, reason: `not a valid CSV file: ${err.message ?? String(e)}` };
}

/**
 * Reads a whole CSV text (the content of `file`) against its column list. Unknown, duplicate or
 * missing columns are problems; a missing required column makes the rows unusable, so none are
 * returned.
 */
export function readCsvTable(file: string, text: string, columns: CsvColumns, issues: IssueDetail[], opts: CsvTableOptions = {}): CsvRow[] {
  let records: ParsedRecord[];
  try {
    // Line ends made LF, as lfLineEnds does for streams.
    records = parseSync(Buffer.from(text.replace(/\r\n?/g, '\n')), PARSE_OPTIONS) as unknown as ParsedRecord[];
  } catch (e) {
    issues.push(syntaxIssue(file, e));
    return [];
  }
  const [header, ...body] = records;
  if (!header) {
    issues.push(emptyFile(file, columns));
    return [];
  }
  const layout = new CsvLayout(header.record, file, columns, issues);
  if (!layout.usable) return [];
  const rows: CsvRow[] = [];
  for (const r of body) {
    const row = layout.row(r);
    if (row) rows.push(row);
  }
  layout.finish(opts);
  return rows;
}

/** readCsvTable for callers that await (kept for src/modules/records, which reads records CSVs with it). */
export async function readCsvText(file: string, text: string, columns: CsvColumns, issues: IssueDetail[], opts: CsvTableOptions = {}): Promise<CsvRow[]> {
  return readCsvTable(file, text, columns, issues, opts);
}

/**
 * The records of a CSV stream, a batch per chunk read, each with where it ends. csv-parse's own
 * `info` option gives every record a fresh copy of the parser's counters (object spreads that
 * took a third of the parse time of a large file); here the live counters (`parser.info`) are
 * read as each record comes out, which is the moment that copy is made. Records come out of
 * `push`, synchronously while the parser takes in a chunk; they are handed over a batch at a
 * time rather than through one await each.
 */
async function* parsedBatches(source: Readable): AsyncGenerator<ParsedRecord[]> {
  const parser = parse({ ...PARSE_OPTIONS, info: false });
  const push = parser.push.bind(parser);
  let batch: ParsedRecord[] = [];
  parser.push = (record: unknown): boolean => {
    if (record === null) return push(null);
    batch.push({ record: record as string[], info: { lines: parser.info.lines, bytes: parser.info.bytes } });
    return true;
  };
  // Errors also reach each write's callback; this keeps the 'error' event from going unhandled.
  parser.on('error', () => {});
  const take = () => {
    const out = batch;
    batch = [];
    return out;
  };
  const write = (chunk: Buffer) => new Promise<void>((resolve, reject) => parser.write(chunk, (e) => (e ? reject(e) : resolve())));
  try {
    for await (const chunk of source.pipe(lfLineEnds())) {
      let failure: unknown;
      await write(chunk as Buffer).catch((e: unknown) => (failure = e ?? new Error('CSV parse failed')));
      // As with the parser's own stream, the records of the chunk that failed are not handed on.
      if (failure) throw failure;
      if (batch.length) yield take();
    }
    await new Promise<void>((resolve, reject) => parser.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (batch.length) yield take();
  } finally {
    parser.destroy();
  }
}

/** Like readCsvTable, streaming the rows of `source` one at a time: for files of any size. */
export async function* csvRows(source: Readable, file: string, columns: CsvColumns, issues: IssueDetail[], opts: CsvTableOptions = {}): AsyncGenerator<CsvRow> {
  let layout: CsvLayout | undefined;
  try {
    for await (const batch of parsedBatches(source)) {
      for (const record of batch) {
        if (!layout) {
          layout = new CsvLayout(record.record, file, columns, issues);
          if (!layout.usable) return;
          continue;
        }
        const row = layout.row(record);
        if (row) yield row;
      }
    }
    if (!layout) issues.push(emptyFile(file, columns));
    else layout.finish(opts);
  } catch (e) {
    issues.push(syntaxIssue(file, e));
  } finally {
    source.destroy();
  }
}

/**
 * A number written with `.` as decimal separator and no thousands separator, within the range
 * every number of Vigia keeps to (core/finite-number); null otherwise.
 */
export function parseDecimal(text: string): number | null {
  const checked = checkNumber(text);
  return 'ok' in checked ? checked.ok : null;
}

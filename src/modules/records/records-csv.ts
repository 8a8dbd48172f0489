/**
 * Records as CSV: one file per record type, one column per field (`ref`, `status`,
 * `provenance`, `note` beside them). A quantity is written as amount and unit in one cell
 * (`1250 lb`) or as a number with a `<field>_unit` column; a list is a JSON array in its cell.
 * Export writes the same format, so an exported file imports back unchanged.
 */
import { neutraliseCell, restoreCell } from '../../core/spreadsheet-cells.js';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { IssueDetail } from '../../core/errors.js';
import type { RecordTypeDefinition } from '../../core/record-types/definition.schema.js';
import { isQuantity } from '../../core/record-types/validate.js';
import { readCsvText } from '../../files/csv-table.reader.js';
import type { Provenance, ValueStatus } from '../../db/schema.js';
import type { RecordInput } from './record-prepare.js';
import type { RecordView } from './record-view.js';

/** Columns every record file may have beside the type's fields. */
const RECORD_COLUMNS = ['ref', 'status', 'provenance', 'note'] as const;

export interface ParsedRecordsCsv {
  inputs: RecordInput[];
  /** The columns the file has: on import, fields it leaves out keep their stored values. */
  columns: string[];
  /** The line each input starts on (the header is line 1). */
  rows: number[];
  issues: IssueDetail[];
}

/**
 * Reads a records CSV for `def`. Header problems (unknown or missing columns) are issues; cell
 * values are checked later, by the record validation, which names file, row and field.
 */
export async function parseRecordsCsv(
  text: string,
  file: string,
  def: RecordTypeDefinition,
  opts: { requireRef?: boolean; defaultStatus?: ValueStatus; expectedRows?: number | undefined } = {},
): Promise<ParsedRecordsCsv> {
  const issues: IssueDetail[] = [];
  const required = [...(opts.requireRef ? ['ref'] : []), ...def.fields.filter((f) => f.required).map((f) => f.code)];
  const optional = [
    ...RECORD_COLUMNS.filter((c) => !required.includes(c)),
    ...def.fields.filter((f) => !f.required).map((f) => f.code),
    ...def.fields.filter((f) => f.type === 'quantity').map((f) => `${f.code}_unit`),
  ];
  const table = await readCsvText(file, text, { required, optional }, issues, { expectedRows: opts.expectedRows });
  const known = new Set([...required, ...optional]);
  const columns = headerOf(text).filter((c) => known.has(c));
  const inputs: RecordInput[] = [];
  const rows: number[] = [];
  for (const { line, cells: raw } of table) {
    const cells = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, restoreCell(v)]));
    const { ref, status, provenance, note, ...data } = cells;
    inputs.push({
      ref: ref || null,
      status: (status || opts.defaultStatus || 'draft') as ValueStatus,
      provenance: (provenance || 'sourced') as Provenance,
      note: note || null,
      // Empty cells mean "not given"; leaving them out keeps the unknown-field check meaningful.
      data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== '')),
    });
    rows.push(line);
  }
  return { inputs, columns, rows, issues };
}

/** The column names of a CSV text's header line (lower-cased, as the table reader matches them). */
function headerOf(text: string): string[] {
  try {
    const [header] = parse(text, { bom: true, to_line: 1, trim: true }) as string[][];
    return (header ?? []).map((c) => c.toLowerCase());
  } catch {
    // The table reader has already reported why the file cannot be read.
    return [];
  }
}

/** Writes records of one type as CSV, with only the columns the reader may see. */
export function recordsToCsv(def: RecordTypeDefinition, records: readonly RecordView[], hidden: readonly string[] = []): string {
  const fields = def.fields.filter((f) => !hidden.includes(f.code));
  const header: string[] = [...RECORD_COLUMNS];
  for (const f of fields) header.push(...(f.type === 'quantity' ? [f.code, `${f.code}_unit`] : [f.code]));
  const rows = records.map((r) => {
    const out: string[] = [neutraliseCell(r.ref ?? ''), r.status, r.provenance, neutraliseCell(r.note ?? '')];
    for (const f of fields) {
      const v = r.data[f.code];
      if (f.type === 'quantity') {
        out.push(isQuantity(v) ? String(v.amount) : '', isQuantity(v) ? v.unit : '');
      } else if (v === undefined) out.push('');
      else if (Array.isArray(v)) out.push(JSON.stringify(v));
      else if (typeof v === 'string' && f.type === 'text') out.push(neutraliseCell(v));
      else out.push(String(v));
    }
    return out;
  });
  return stringify([header, ...rows]);
}

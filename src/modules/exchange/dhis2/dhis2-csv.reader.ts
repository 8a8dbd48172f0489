/**
 * DHIS2 dataValueSet CSV into a payload: by header name (every spelling DHIS2 versions and
 * docs use) when the first row is a header, otherwise by position as DHIS2's headerless CSV.
 */
import { parse } from 'csv-parse/sync';
import { validationError, type IssueDetail } from '../../../core/errors.js';
import { dhis2Boolean, type Dhis2DataValue, type Dhis2Payload } from './dhis2-payload.js';
import { restoreCell } from '../../../core/spreadsheet-cells.js';

/** Column order of DHIS2's positional CSV. */
export const DHIS2_CSV_COLUMNS = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
  'deleted',
] as const;
type Column = (typeof DHIS2_CSV_COLUMNS)[number] | 'created';

/** Header spellings seen in DHIS2 exports and docs, lower-cased, to the column they mean. */
const ALIASES: Record<string, Column> = {
  dataelement: 'dataelement',
  de: 'dataelement',
  period: 'period',
  pe: 'period',
  orgunit: 'orgunit',
  ou: 'orgunit',
  categoryoptioncombo: 'categoryoptioncombo',
  catoptcombo: 'categoryoptioncombo',
  coc: 'categoryoptioncombo',
  attributeoptioncombo: 'attributeoptioncombo',
  attroptcombo: 'attributeoptioncombo',
  aoc: 'attributeoptioncombo',
  value: 'value',
  storedby: 'storedby',
  strby: 'storedby',
  lastupdated: 'lastupdated',
  lstupd: 'lastupdated',
  timestamp: 'lastupdated',
  created: 'created',
  comment: 'comment',
  cmt: 'comment',
  followup: 'followup',
  flwup: 'followup',
  deleted: 'deleted',
};
const REQUIRED: Column[] = ['dataelement', 'period', 'orgunit'];

const norm = (h: string): string =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/**
 * Parses the CSV text. Rows are file line numbers (1-based; a header is line 1). A header with
 * an unknown or repeated column, or without data element, period and org unit, is refused.
 */
export function readDhis2Csv(textIn: string, file = 'dataValueSet.csv'): Dhis2Payload {
  let records: string[][];
  try {
    records = parse(textIn, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw validationError(`${file}: not readable CSV: ${reason}`, [{ file, reason }]);
  }
  // An empty file (or one cut down to nothing) is not an import of nothing.
  if (!records.length) throw validationError(`${file}: the file is empty; nothing was saved`, [{ file, row: 1, reason: 'no header and no data rows' }]);
  const first = records[0] ?? [];
  // A header is a first row naming known columns; a misspelt one still names the others.
  const hasHeader = first.filter((h) => ALIASES[norm(h)] !== undefined).length >= 2;
  let columns: Column[] = [...DHIS2_CSV_COLUMNS];
  const issues: IssueDetail[] = [];
  if (hasHeader) {
    columns = [];
    first.forEach((h, i) => {
      const c = ALIASES[norm(h)];
      if (!c) issues.push({ file, row: 1, column: h, value: h, reason: `unknown column ${i + 1}; DHIS2 columns are ${DHIS2_CSV_COLUMNS.join(', ')}` });
      else if (columns.includes(c)) issues.push({ file, row: 1, column: h, value: h, reason: `column ${c} appears twice` });
      columns.push(c ?? 'comment');
    });
    for (const r of REQUIRED) if (!columns.includes(r)) issues.push({ file, row: 1, column: r, reason: `the header has no ${r} column` });
    if (issues.length) throw validationError(`${file}: wrong header; nothing was saved`, issues);
  }
  const values: Dhis2DataValue[] = [];
  const body = hasHeader ? records.slice(1) : records;
  body.forEach((cells, i) => {
    const row = i + (hasHeader ? 2 : 1);
    if (cells.length > columns.length) {
      issues.push({ file, row, value: cells.length, reason: `${cells.length} cells but ${columns.length} columns` });
      return;
    }
    const get = (c: Column): string | undefined => {
      const at = columns.indexOf(c);
      return at < 0 ? undefined : cells[at];
    };
    const value = get('value');
    const v: Dhis2DataValue = {
      dataElement: get('dataelement') ?? '',
      period: get('period') ?? '',
      orgUnit: get('orgunit') ?? '',
      categoryOptionCombo: get('categoryoptioncombo') ?? '',
      attributeOptionCombo: get('attributeoptioncombo') ?? '',
      value: value === undefined || value === '' ? undefined : value,
      // Written neutralised against formula injection (dhis2.writers.ts): read back as it was.
      comment: restoreCell(get('comment') ?? ''),
      followup: dhis2Boolean(get('followup')),
      deleted: dhis2Boolean(get('deleted')),
      row,
    };
    const storedBy = get('storedby');
    if (storedBy) v.storedBy = storedBy;
    const lastUpdated = get('lastupdated');
    if (lastUpdated) v.lastUpdated = lastUpdated;
    values.push(v);
  });
  if (issues.length) throw validationError(`${file}: ${issues.length} malformed row(s); nothing was saved`, issues);
  return { idSchemes: {}, values };
}

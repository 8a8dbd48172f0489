/**
 * Checks a reporting calendar against its program (organisations, indicators and record types
 * it names; dates that make sense) and turns it into stored rows: the one check the API's PUT
 * and the program folder's `calendar.json` share, so both name the same fields.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IssueDetail } from '../../core/errors.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { findRecordTypeRows } from '../catalog/record-types.repo.js';
import { BUILTIN_RECORD_TYPES } from '../../core/record-types/builtin/index.js';
import type { CalendarInput } from './calendar.schema.js';
import type { CalendarRow } from './calendar.repo.js';

/** The stored rows of a checked calendar, or the problems found (columns like `reports[2].due_days`). */
export async function checkCalendar(
  db: Kysely<Database>,
  catalog: Catalog,
  input: CalendarInput,
): Promise<{ rows: Array<Omit<CalendarRow, 'id' | 'organisation'>>; issues: IssueDetail[] }> {
  const issues: IssueDetail[] = [];
  const recordTypes = new Set([...BUILTIN_RECORD_TYPES.keys(), ...(await findRecordTypeRows(db, catalog.program.id)).map((r) => r.code)]);
  const rows: Array<Omit<CalendarRow, 'id' | 'organisation'>> = [];
  input.reports.forEach((e, i) => {
    const at = `reports[${i}].`;
    const bad = (column: string, value: unknown, reason: string) => issues.push({ row: i, column: `${at}${column}`, value, reason });
    const organisationId = catalog.organisations.get(e.organisation);
    if (organisationId === undefined) bad('organisation', e.organisation, `program ${catalog.program.code} has no such organisation`);
    e.indicators.forEach((code, j) => {
      const ind = catalog.indicators.get(code);
      if (!ind) bad(`indicators[${j}]`, code, `program ${catalog.program.code} has no such indicator`);
      else if (ind.origin !== 'reported') bad(`indicators[${j}]`, code, `values of ${code} are computed (${ind.origin}), not reported`);
    });
    e.record_types.forEach((code, j) => {
      if (!recordTypes.has(code)) bad(`record_types[${j}]`, code, 'no such record type');
    });
    if (e.indicators.length + e.record_types.length === 0) bad('indicators', [], 'name at least one indicator or record type the report holds');
    if (e.close_days !== null && e.close_days < e.due_days) bad('close_days', e.close_days, `must not be before the due day (due_days ${e.due_days})`);
    if (e.end !== null && e.end < e.start) bad('end', e.end, `must not be before start (${e.start})`);
    if (organisationId === undefined) return;
    rows.push({
      program_id: catalog.program.id,
      organisation_id: organisationId,
      sort: i,
      indicators: JSON.stringify(e.indicators),
      record_types: JSON.stringify(e.record_types),
      frequency: e.frequency,
      due_days: e.due_days,
      close_days: e.close_days,
      start_date: e.start,
      end_date: e.end,
    });
  });
  return { rows, issues };
}

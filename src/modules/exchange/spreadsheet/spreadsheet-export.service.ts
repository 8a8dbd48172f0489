/**
 * What a spreadsheet export holds: the program's data values (the import format, so an export
 * loads back), the records of one type (the records import format), or one analytics result
 * flattened to a table. Always within the reader's scope: approved data only when asked, and
 * nothing above `maxSensitivity`.
 */
import { restoreCell } from '../../../core/spreadsheet-cells.js';
import { rowCountFooter } from '../../../core/row-count.js';
import { markLetters } from '../../../core/figure-marks.js';
import { rowMarks } from '../../../core/row-marks.js';
import type { Kysely } from 'kysely';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../../db/schema.js';
import type { RowScope } from '../../access/visible-data.repo.js';
import { loadCatalog } from '../../catalog/catalog.repo.js';
import { valueScopeOf } from '../../catalog/indicator-sensitivity.service.js';
import { queryAnalytics, type AnalyticsRow } from '../../analytics/analytics.service.js';
import { assertReadableIndicators } from '../../analytics/analytics-access.service.js';
import { exportRecords } from '../../records/records.service.js';
import type { ExportOptions } from '../exchange-format.js';
import { valuesAfter } from './value-export.repo.js';
import type { TableSink } from './table-sink.js';

const PAGE = 10_000;

/** The rows an export may hold: the reader's scope as the route passed it (default: all). */
const rowScopeOf = (opts: ExportOptions): RowScope => ({ approvedOnly: opts.approvedOnly ?? false, ownOrganisationId: opts.ownOrganisationId ?? null });

/** The columns of a values export: every import column, in the order of a folder's values files. */
export const VALUE_EXPORT_COLUMNS = ['indicator', 'place', 'period', 'disagg', 'source', 'value', 'provenance', 'note', 'status', 'organisation'] as const;

/** Writes the data values visible within `opts` to `sink`, page by page. */
export async function exportValueTable(db: Kysely<Database>, sink: TableSink, opts: ExportOptions): Promise<void> {
  const catalog = await loadCatalog(db, opts.program, []);
  const filter = {
    programId: catalog.program.id,
    scope: await valueScopeOf(db, catalog, { ...rowScopeOf(opts), maxSensitivity: opts.maxSensitivity ?? 'restricted' }),
  };
  await sink.row(VALUE_EXPORT_COLUMNS);
  let rows = 0;
  for (let after = 0; ;) {
    const page = await valuesAfter(db, filter, after, PAGE);
    for (const v of page) {
      await sink.row([v.indicator, v.place, v.period, v.disagg, v.source, v.value, v.provenance, v.note, v.status, v.organisation]);
    }
    rows += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = last.id;
  }
  // The count an import checks the file against (core/row-count.ts).
  await sink.row([rowCountFooter(rows)]);
  await sink.end();
}

/** The dimensions grouped in an analytics result, in first-seen order. */
function dimensionsOf(rows: readonly AnalyticsRow[]): string[] {
  const dims = new Set<string>();
  for (const r of rows) for (const d of Object.keys(r.disagg ?? {})) dims.add(d);
  return [...dims];
}

/** Writes one analytics result as a flat table: one column per grouped dimension. */
export async function exportAnalyticsTable(db: Kysely<Database>, sink: TableSink, opts: ExportOptions): Promise<void> {
  const q = opts.analytics;
  if (!q) throw new Error('exportAnalyticsTable needs opts.analytics');
  if (opts.maxSensitivity) await assertReadableIndicators(db, opts.program, q.indicators, opts.maxSensitivity);
  const { rows } = await queryAnalytics(db, { ...q, program: opts.program, approvedOnly: opts.approvedOnly ?? false });
  const dims = dimensionsOf(rows);
  // `flags`: the figure's letters in the one notation (d derived, i illustrative, p provisional; docs/figure-marks.md).
  await sink.row(['indicator', 'source', 'place', 'place_name', 'place_level', 'period', ...dims.map((d) => `disagg.${d}`), 'value', 'provenance', 'flags']);
  for (const r of rows) {
    await sink.row([
      r.indicator,
      r.source ?? '',
      r.place?.code ?? '',
      r.place?.name ?? '',
      r.place?.level ?? null,
      r.period ?? '',
      ...dims.map((d) => r.disagg?.[d] ?? ''),
      r.value,
      r.provenance.join(';'),
      markLetters(rowMarks(r)),
    ]);
  }
  await sink.end();
}

/** The records of one type as CSV text (the records import format), within the reader's scope. */
export async function recordsCsvText(db: Kysely<Database>, opts: ExportOptions & { recordType: string }): Promise<string> {
  return exportRecords(db, opts.program, opts.recordType, opts.maxSensitivity ?? 'restricted', rowScopeOf(opts));
}

/** Writes the records of one type to `sink` (each CSV cell as text). */
export async function exportRecordTable(db: Kysely<Database>, sink: TableSink, opts: ExportOptions & { recordType: string }): Promise<void> {
  const rows = parse(await recordsCsvText(db, opts)) as string[][];
  // The CSV text is already neutralised; the sink neutralises again, so undo it once here.
  for (const r of rows) await sink.row(r.map(restoreCell));
  await sink.row([rowCountFooter(Math.max(0, rows.length - 1))]);
  await sink.end();
}

/** Whichever of the three `opts` asks for. */
export async function exportTable(db: Kysely<Database>, sink: TableSink, opts: ExportOptions): Promise<void> {
  if (opts.recordType) return exportRecordTable(db, sink, { ...opts, recordType: opts.recordType });
  if (opts.analytics) return exportAnalyticsTable(db, sink, opts);
  return exportValueTable(db, sink, opts);
}

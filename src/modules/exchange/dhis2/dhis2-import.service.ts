/**
 * Importing a DHIS2 payload into a program: all-or-nothing, with a dry run, row-level errors
 * and no change when the same file comes again.
 */
import type { Db } from '../../../db/database.js';
import { disaggKey } from '../../../core/disagg.js';
import { isVigiaError, validationError, VigiaError, type IssueDetail } from '../../../core/errors.js';
import { loadCatalog } from '../../catalog/catalog.repo.js';
import { removeValues, resolveValues, storeValues, writableCatalog } from '../../values/values.service.js';
import { clockAt } from '../../../core/clock.js';
import { importWriter } from '../import-writer.js';
import type { ImportOptions, ImportReport } from '../exchange-format.js';
import { parseDhis2Mapping } from './dhis2-mapping.schema.js';
import { indexMapping, mapPayload, type MappedValue } from './dhis2-mapping.service.js';
import type { Dhis2Payload } from './dhis2-payload.js';

/** Vigia's value columns, as the DHIS2 fields a file names them by. */
const COLUMN_NAMES: Record<string, string> = {
  indicator: 'dataElement',
  place: 'orgUnit',
  disagg: 'categoryOptionCombo',
  source: 'attributeOptionCombo',
  organisation: 'attributeOptionCombo',
};

/** What a DHIS2 or ADX file cannot say about a value, so an import never changes it. */
const CANNOT_CARRY = ['status', 'provenance'] as const;

/** Thrown inside the transaction of a dry run so that everything is rolled back. */
class DryRunRollback extends Error {}

/** An empty report of `format` carrying `errors`. */
export function failedReport(format: string, dryRun: boolean, rows: number, errors: IssueDetail[]): ImportReport {
  return { format, dryRun, rows, inserted: 0, updated: 0, unchanged: 0, errors };
}

/**
 * Maps and writes a payload. Problems are returned in the report (nothing written); a dry run
 * does all the work, counts included, and rolls it back. Deleted values count as updated.
 */
export async function importDhis2Payload(
  db: Db,
  payload: Dhis2Payload,
  options: ImportOptions & { format: string; file: string; periods: 'dhis2' | 'adx' },
): Promise<ImportReport> {
  const { format, file, dryRun } = options;
  const rows = payload.values.length;
  const mapping = parseDhis2Mapping(options.mapping);
  if (mapping.program && mapping.program !== options.program) {
    throw validationError(`the mapping is for program ${mapping.program}, not ${options.program}`, [
      { column: 'program', value: mapping.program, reason: 'mapping of another program' },
    ]);
  }
  const mapped = mapPayload(payload, indexMapping(mapping), { file, periods: options.periods });
  const { unique, duplicates, issues } = dropRepeats(mapped.values, file);
  issues.unshift(...mapped.issues);

  const writer = importWriter(format, options);
  const catalog = writableCatalog(await loadCatalog(db, options.program), writer);
  let resolved: ReturnType<typeof resolveValues> = [];
  try {
    resolved = resolveValues(
      catalog,
      unique.map((m) => m.input),
    );
  } catch (e) {
    if (!isVigiaError(e)) throw e;
    issues.push(
      ...e.details.map((d) => ({
        ...d,
        file,
        row: d.row === undefined ? undefined : unique[d.row]?.row,
        column: d.column === undefined ? undefined : (COLUMN_NAMES[d.column] ?? d.column),
      })),
    );
  }
  // Every problem of the file in one report, in file order.
  if (issues.length)
    return failedReport(
      format,
      dryRun,
      rows,
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    );
  const upserts = resolved.filter((_, i) => !unique[i]?.delete);
  const deletes = resolved.filter((_, i) => unique[i]?.delete);
  // The file rows of upserts then deletes, for naming a refused row by its place in the file.
  const fileRows = [...unique.filter((m) => !m.delete), ...unique.filter((m) => m.delete)].map((m) => m.row);
  const report: ImportReport = { format, dryRun, rows, inserted: 0, updated: 0, unchanged: duplicates, errors: [] };
  try {
    await db.transaction().execute(async (trx) => {
      // DHIS2 and ADX carry neither status nor provenance: a stored value keeps its own.
      const r = await storeValues(trx, catalog, upserts, writer, clockAt(options.now), CANNOT_CARRY);
      report.inserted += r.inserted;
      report.updated += r.updated;
      report.unchanged += upserts.length - r.changedIds.length;
      // Deletions are held to the same rules as writes (approved values locked, a partner's own drafts only).
      const deleted = (await removeValues(trx, catalog, deletes, writer, upserts.length, clockAt(options.now))).filter((v) => v !== undefined).length;
      report.unchanged += deletes.length - deleted;
      report.updated += deleted;
      options.onProgress?.(rows, rows);
      if (dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return report;
    if (!isVigiaError(e)) throw e;
    throw new VigiaError(
      e.kind,
      e.message,
      e.details.map((d) => ({ ...d, file, row: d.row === undefined ? undefined : fileRows[d.row] })),
    );
  }
  return report;
}

/**
 * A file may repeat a value (DHIS2's own ADX samples do): identical repeats are dropped,
 * repeats that disagree are errors, since which one DHIS2 would keep is an accident of order.
 */
function dropRepeats(values: readonly MappedValue[], file: string): { unique: MappedValue[]; duplicates: number; issues: IssueDetail[] } {
  const seen = new Map<string, MappedValue>();
  const unique: MappedValue[] = [];
  const issues: IssueDetail[] = [];
  let duplicates = 0;
  for (const m of values) {
    const i = m.input;
    let d = '';
    try {
      d = disaggKey(typeof i.disagg === 'string' || !i.disagg ? {} : i.disagg);
    } catch {
      // A bad key is reported by the value checks that follow.
    }
    const key = [i.indicator, i.place, m.period.id, d, i.source ?? '', i.organisation ?? ''].join('|');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, m);
      unique.push(m);
    } else if (String(first.input.value) === String(i.value) && first.delete === m.delete && (first.input.note ?? null) === (i.note ?? null)) {
      duplicates++;
    } else {
      issues.push({
        file,
        row: m.row,
        column: 'value',
        value: m.delete ? '(delete)' : i.value,
        reason: `duplicate of row ${first.row} (same data element, period, org unit and combos) with a different value`,
      });
    }
  }
  return { unique, duplicates, issues };
}

/**
 * Records of one type from a spreadsheet (CSV or XLSX), through the records module's own CSV
 * reading and bulk import: all-or-nothing, idempotent by `ref`, every problem named by row and
 * field. A signed-in writer is held to the policy: a partner's rows become drafts of its own
 * organisation, and nobody changes a record that is approved (or, for a partner, not theirs).
 */
import { clockAt } from '../../../core/clock.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { isVigiaError, VigiaError, type IssueDetail } from '../../../core/errors.js';
import type { Actor } from '../../access/actor.js';
import { mayEditData } from '../../access/policy.js';
import { parseRecordsCsv } from '../../records/records-csv.js';
import { importRecords } from '../../records/records-import.service.js';
import type { RecordInput } from '../../records/record-prepare.js';
import { openRecordScope, type RecordScope } from '../../records/record-scope.js';
import { requireRecordType, type RecordTypeInUse } from '../../catalog/record-types.service.js';
import { findRecordsByRef } from '../../records/records.repo.js';
import type { ImportOptions, ImportReport } from '../exchange-format.js';
import { MAX_REPORTED_ISSUES } from '../issue-log.js';
import { importWriter } from '../import-writer.js';

/**
 * A partner writes drafts in its own organisation's name, whatever the file says; records of a
 * type without an organisation field are entered by program staff only (as in the records API).
 */
function asPartner(type: RecordTypeInUse, scope: RecordScope, actor: Actor, inputs: RecordInput[]): RecordInput[] {
  const orgField = type.definition.organisation_field;
  if (!orgField) throw new VigiaError('forbidden', `${type.definition.code} records have no organisation; program staff enter them`);
  const orgCode = [...scope.catalog.organisations].find(([, id]) => id === actor.organisationId)?.[0];
  if (!orgCode) throw new VigiaError('forbidden', 'your account belongs to no organisation of this program');
  return inputs.map((i) => ({ ...i, status: 'draft', data: { ...i.data, [orgField]: orgCode } }));
}

/** Problems with records the actor may not change (approved, or another organisation's). */
async function lockedRows(
  db: Kysely<Database>,
  scope: RecordScope,
  typeCode: string,
  actor: Actor,
  inputs: readonly RecordInput[],
  lines: readonly number[],
  file: string,
): Promise<IssueDetail[]> {
  const refs = inputs.flatMap((i) => (i.ref ? [i.ref] : []));
  if (!refs.length) return [];
  const stored = new Map((await findRecordsByRef(db, scope.catalog.program.id, typeCode, refs)).map((r) => [r.ref, r]));
  const issues: IssueDetail[] = [];
  inputs.forEach((input, i) => {
    const old = input.ref ? stored.get(input.ref) : undefined;
    if (old && !mayEditData(actor, old.organisation_id, old.status)) {
      issues.push({
        file,
        row: lines[i],
        column: 'ref',
        value: input.ref,
        reason: old.status === 'approved' ? 'this record is approved and locked' : 'you may not change this record',
      });
    }
  });
  return issues;
}

/**
 * Imports the records of `opts.recordType` from the CSV text of a sheet. Returns the report;
 * when it lists errors, nothing was written.
 */
export async function importRecordSheet(
  db: Kysely<Database>,
  text: string,
  format: string,
  opts: ImportOptions & { recordType: string },
): Promise<ImportReport> {
  const file = opts.file ?? `upload.${format}`;
  const scope = await openRecordScope(db, opts.program);
  const type = requireRecordType(scope.types, opts.recordType);
  const parsed = await parseRecordsCsv(text, file, type.definition, { expectedRows: opts.expectedRows });
  const report: ImportReport = { format, dryRun: opts.dryRun, rows: parsed.inputs.length, inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const fail = (issues: IssueDetail[]): ImportReport => ({ ...report, errors: issues.slice(0, MAX_REPORTED_ISSUES), errorsTotal: issues.length });
  if (parsed.issues.length) return fail(parsed.issues);
  if (opts.maxRows !== undefined && parsed.inputs.length > opts.maxRows) {
    return fail([{ file, reason: `the file has ${parsed.inputs.length} rows, more than the ${opts.maxRows} one import takes; split it` }]);
  }
  let inputs = parsed.inputs;
  if (opts.actor) {
    if (opts.actor.role === 'partner') inputs = asPartner(type, scope, opts.actor, inputs);
    const locked = await lockedRows(db, scope, opts.recordType, opts.actor, inputs, parsed.rows, file);
    if (locked.length) return fail(locked);
  }
  opts.onProgress?.(0, inputs.length);
  try {
    const r = await importRecords(db, opts.program, opts.recordType, inputs, {
      dryRun: opts.dryRun,
      file,
      rows: parsed.rows,
      columns: parsed.columns,
      writer: importWriter(format, { ...opts, file }),
      clock: clockAt(opts.now),
    });
    opts.onProgress?.(inputs.length, inputs.length);
    return { ...report, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged };
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'validation' && e.details.length) return fail(e.details);
    throw e;
  }
}

/**
 * Bulk record imports: all-or-nothing per batch, idempotent by `ref`, and fast enough for a
 * million seizures. Every record is validated before anything is written; then new records go
 * in multi-row inserts, changed ones are rewritten, and the fact table receives the deltas
 * summed per fact row rather than one statement per record.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError, VigiaError, type IssueDetail } from '../../core/errors.js';
import { dataScope } from '../access/policy.js';
import { auditDataChanges, DIRECT_WRITE, isActor, type DataChange, type Writer } from '../audit/data-writer.js';
import { aboveClearance, keepUnreadable, unreadableFieldsIn } from './record-field-guard.js';
import type { FactDelta } from '../analytics/facts.repo.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { newRecordRow, recordColumns, prepareRecord, recordContext, type PreparedRecord, type RecordInput } from './record-prepare.js';
import { applyRecordDeltas, storedContributions, toFactDeltas } from './record-facts.service.js';
import { openRecordScope, type RecordScope } from './record-scope.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { periodLockGuard, recordLockItem } from '../calendar/period-lock.service.js';
import { requireRecordType } from '../catalog/record-types.service.js';
import { findRecordsByIds, findRecordsByRef, insertRecords, updateRecordRow, type NewRecordRow, type RecordRow } from './records.repo.js';

export interface ImportOptions {
  /** Check everything and report what would change, writing nothing. */
  dryRun?: boolean | undefined;
  /** Named in every problem (`records/seizure.csv`). */
  file?: string | undefined;
  /** The row number to report for each input (a CSV line); default its index + 1. */
  rows?: readonly number[] | undefined;
  /**
   * The columns the file has. A record already stored (same ref) keeps the fields — and the
   * status, provenance and note — that the file leaves out, so that re-importing an export made
   * at a lower clearance does not wipe the fields it could not show.
   */
  columns?: readonly string[] | undefined;
  /**
   * Who imports (default: the system, as for `vigia records import`). A user may not name a
   * field above their clearance (403), such fields keep their stored values, and every changed
   * record leaves one audit event; the system's import leaves one summary event.
   */
  writer?: Writer | undefined;
  /** The time source of period locks (a user's import: the moment it was sent). */
  clock?: Clock | undefined;
}

export interface ImportResult {
  type: string;
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

/** Most problems reported for one batch: enough to fix a file, not so many that the message swamps. */
const MAX_ISSUES = 1_000;
/**
 * Records per write step: bounds the deltas held in memory. Larger steps merge more deltas
 * into each fact row, and especially into each coarse row, before anything is written.
 */
const STEP = 100_000;

/** Validates a batch; throws one validation error listing every problem (file, row, field). */
export function prepareBatch(scope: RecordScope, typeCode: string, inputs: readonly RecordInput[], opts: ImportOptions = {}): PreparedRecord[] {
  const type = requireRecordType(scope.types, typeCode);
  const ctx = recordContext(scope.catalog, scope.zones);
  const out: PreparedRecord[] = [];
  const issues: IssueDetail[] = [];
  const refs = new Map<string, number>();
  let bad = 0;
  inputs.forEach((input, i) => {
    const row = opts.rows?.[i] ?? i + 1;
    const at = (d: IssueDetail): IssueDetail => ({ ...(opts.file ? { file: opts.file } : {}), row, ...d });
    const r = prepareRecord(type, scope.catalog, ctx, input);
    if ('issues' in r) {
      bad++;
      if (issues.length < MAX_ISSUES) issues.push(...r.issues.map(at));
      return;
    }
    const ref = r.record.ref;
    if (ref !== null) {
      const first = refs.get(ref);
      if (first !== undefined) {
        bad++;
        if (issues.length < MAX_ISSUES) issues.push(at({ column: 'ref', value: ref, reason: `duplicate of row ${first}` }));
        return;
      }
      refs.set(ref, row);
    }
    out.push(r.record);
  });
  if (issues.length) {
    throw validationError(`${bad} of ${inputs.length} ${typeCode} record(s) are not valid; nothing was saved`, issues.slice(0, MAX_ISSUES));
  }
  return out;
}

function sameRecord(a: PreparedRecord, b: RecordRow): boolean {
  return a.dataText === b.data && a.status === b.status && a.provenance === b.provenance && a.note === b.note && a.place_id === b.place_id;
}

/**
 * Writes prepared records inside the caller's transaction: new refs (and records without a ref)
 * are inserted, known refs updated when they differ, and the facts moved to match. Every bulk
 * write of records comes through here and leaves its audit events as `writer` (data-writer.ts).
 */
export async function storeBatch(
  trx: Kysely<Database>,
  scope: RecordScope,
  typeCode: string,
  records: readonly PreparedRecord[],
  writer: Writer,
  dryRun = false,
  clock: Clock = systemClock,
): Promise<ImportResult> {
  const programId = scope.catalog.program.id;
  const locked = await periodLockGuard(trx, scope.catalog.program, isActor(writer) ? writer : undefined, clock);
  const result: ImportResult = { type: typeCode, total: records.length, inserted: 0, updated: 0, unchanged: 0, dryRun };
  const now = new Date().toISOString();
  for (let i = 0; i < records.length; i += STEP) {
    const step = records.slice(i, i + STEP);
    const refs = step.flatMap((r) => (r.ref === null ? [] : [r.ref]));
    const existing = new Map((refs.length ? await findRecordsByRef(trx, programId, typeCode, refs) : []).map((r) => [r.ref, r]));
    const inserts: NewRecordRow[] = [];
    const deltas: FactDelta[] = [];
    const updated: RecordRow[] = [];
    for (const [j, rec] of step.entries()) {
      const old = rec.ref === null ? undefined : existing.get(rec.ref);
      if (old && sameRecord(rec, old)) {
        result.unchanged++;
        continue;
      }
      if (locked) {
        if (old) locked(recordLockItem(typeCode, old.date), i + j);
        locked(recordLockItem(typeCode, rec.date), i + j);
      }
      if (old) {
        result.updated++;
        if (dryRun) continue;
        const version = await updateRecordRow(trx, old.id, old.version, recordColumns(rec, now));
        if (version === undefined) throw new Error(`record ${old.id} changed during its own import`);
        updated.push(old);
        deltas.push(...toFactDeltas(storedContributions(scope.types, old), old, -1));
      } else {
        result.inserted++;
        if (dryRun) continue;
        inserts.push(newRecordRow(programId, typeCode, rec, now));
      }
      deltas.push(...toFactDeltas(rec.contributions, rec, 1));
    }
    if (dryRun) continue;
    const created = await insertRecords(trx, inserts);
    await applyRecordDeltas(trx, scope.catalog, deltas, writer);
    await auditStep(trx, writer, programId, created, updated);
  }
  if (!dryRun && result.inserted + result.updated > 0) await bumpDataVersion(trx, programId);
  return result;
}

/** The audit events of one write step: whole rows for a user, ids for the system. */
async function auditStep(trx: Kysely<Database>, writer: Writer, programId: number, created: readonly number[], updated: readonly RecordRow[]): Promise<void> {
  const changes: DataChange[] = [
    ...created.map((id): DataChange => ({ id, action: 'create' })),
    ...updated.map((old): DataChange => ({ id: old.id, action: 'update', before: old })),
  ];
  if (isActor(writer) && changes.length) {
    const now = new Map(
      (
        await findRecordsByIds(
          trx,
          changes.map((c) => c.id),
        )
      ).map((r) => [r.id, r]),
    );
    for (const c of changes) c.after = now.get(c.id);
  }
  await auditDataChanges(trx, writer, programId, 'record', changes);
}

/**
 * For a user's import: refuses (403) columns and list sub-fields above the user's clearance,
 * naming file, row and field, and keeps the stored values of such fields.
 */
async function guardFields(
  db: Kysely<Database>,
  scope: RecordScope,
  typeCode: string,
  inputs: readonly RecordInput[],
  writer: Writer,
  opts: ImportOptions,
): Promise<RecordInput[]> {
  if (!isActor(writer)) return [...inputs];
  const def = requireRecordType(scope.types, typeCode).definition;
  const clearance = dataScope(writer).maxSensitivity;
  const file = opts.file ? { file: opts.file } : {};
  const header = opts.columns ? unreadableFieldsIn(def, Object.fromEntries(opts.columns.map((c) => [c, ''])), clearance) : [];
  if (header.length) throw aboveClearance(header, { ...file, row: 1 });
  const issues: IssueDetail[] = [];
  inputs.forEach((input, i) => {
    for (const column of unreadableFieldsIn(def, input.data, clearance))
      issues.push({ ...file, row: opts.rows?.[i] ?? i + 1, column, reason: 'above your clearance' });
  });
  if (issues.length) throw new VigiaError('forbidden', aboveClearance([...new Set(issues.map((d) => d.column ?? ''))]).message, issues.slice(0, MAX_ISSUES));
  const refs = inputs.flatMap((i) => (i.ref ? [i.ref] : []));
  const stored = new Map((refs.length ? await findRecordsByRef(db, scope.catalog.program.id, typeCode, refs) : []).map((r) => [r.ref, r]));
  return inputs.map((input, i) => {
    const old = input.ref ? stored.get(input.ref) : undefined;
    if (!old) return input;
    const data = keepUnreadable(def, JSON.parse(old.data) as Record<string, unknown>, input.data, clearance, { ...file, row: opts.rows?.[i] ?? i + 1 });
    return { ...input, data };
  });
}

/** Inputs completed with the stored values of what `columns` leaves out (see ImportOptions.columns). */
export async function keepUnlisted(
  db: Kysely<Database>,
  scope: RecordScope,
  typeCode: string,
  inputs: readonly RecordInput[],
  columns: readonly string[],
): Promise<RecordInput[]> {
  const refs = inputs.flatMap((i) => (i.ref ? [i.ref] : []));
  if (refs.length === 0) return [...inputs];
  const stored = new Map((await findRecordsByRef(db, scope.catalog.program.id, typeCode, refs)).map((r) => [r.ref, r]));
  const listed = new Set(columns);
  return inputs.map((input) => {
    const old = input.ref ? stored.get(input.ref) : undefined;
    if (!old) return input;
    const kept = Object.entries(JSON.parse(old.data) as Record<string, unknown>).filter(([k]) => !listed.has(k));
    return {
      ...input,
      data: { ...Object.fromEntries(kept), ...input.data },
      status: listed.has('status') ? input.status : old.status,
      provenance: listed.has('provenance') ? input.provenance : old.provenance,
      note: listed.has('note') ? input.note : old.note,
    };
  });
}

/**
 * Imports a batch of records of one type, all-or-nothing: any invalid record stops the whole
 * batch with every problem listed. Records with a `ref` already stored are updated (or left
 * alone when identical), so importing the same file twice changes nothing.
 */
export async function importRecords(
  db: Kysely<Database>,
  programCode: string,
  typeCode: string,
  inputs: readonly RecordInput[],
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const scope = await openRecordScope(db, programCode);
  const writer = opts.writer ?? DIRECT_WRITE;
  const guarded = await guardFields(db, scope, typeCode, inputs, writer, opts);
  const complete = opts.columns ? await keepUnlisted(db, scope, typeCode, guarded, opts.columns) : guarded;
  const prepared = prepareBatch(scope, typeCode, complete, opts);
  return db.transaction().execute((trx) => storeBatch(trx, scope, typeCode, prepared, writer, opts.dryRun ?? false, opts.clock));
}

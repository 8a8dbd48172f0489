/**
 * Records of any type through one path: validate against the type, store, and move the
 * indicator totals in the same transaction (the old contributions out, the new ones in).
 * Reads strip the fields above the reader's clearance.
 */
import type { Kysely } from 'kysely';
import type { Database, PlaceLevelColumn, Provenance, ValueStatus } from '../../db/schema.js';
import { VigiaError, conflict, notFound, validationError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { dataScope, mayEditData, requirePermission } from '../access/policy.js';
import { auditDataChanges, DIRECT_WRITE, type Writer } from '../audit/data-writer.js';
import { keepUnreadable, refuseUnreadable } from './record-field-guard.js';
import { ALL_ROWS, seesRow, type RowScope } from '../access/visible-data.repo.js';
import { withinClearance, type Sensitivity } from '../../core/sensitivity.js';
import type { RecordData } from '../../core/record-types/validate.js';
import { hiddenFields, stripFields } from '../../core/record-types/sensitivity.js';
import { requirePlace, type Catalog } from '../catalog/catalog.repo.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { newRecordRow, recordColumns, prepareRecord, recordContext, type PreparedRecord, type RecordInput } from './record-prepare.js';
import { applyRecordDeltas, rebuildRecordFacts, storedContributions, toFactDeltas } from './record-facts.service.js';
import { requireRecordType } from '../catalog/record-types.service.js';
import { openRecordScope, type RecordScope } from './record-scope.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { periodLockGuard, recordLockItem } from '../calendar/period-lock.service.js';
import { recordsToCsv } from './records-csv.js';
import type { RecordView } from './record-view.js';
import {
  countRecordRows,
  deleteRecordRow,
  findRecord,
  findRecordsByRef,
  findVisibleRecord,
  insertRecord,
  listRecordRows,
  recordsAfter,
  updateRecordRow,
  type RecordFilter,
  type RecordRow,
} from './records.repo.js';

function prepareOrThrow(scope: RecordScope, typeCode: string, input: RecordInput): PreparedRecord {
  const type = requireRecordType(scope.types, typeCode);
  const r = prepareRecord(type, scope.catalog, recordContext(scope.catalog, scope.zones), input);
  if ('issues' in r) throw validationError(`the ${typeCode} record is not valid; nothing was saved`, r.issues);
  return r.record;
}

function orgCode(catalog: Catalog, id: number | null): string | null {
  if (id === null) return null;
  for (const [code, oid] of catalog.organisations) if (oid === id) return code;
  return null;
}

/** A stored row as a reader with `clearance` may see it. */
export function presentRecord(scope: RecordScope, row: RecordRow, clearance: Sensitivity): RecordView {
  const type = scope.types.get(row.type_code);
  const data = JSON.parse(row.data) as RecordData;
  return {
    id: row.id,
    type: row.type_code,
    ref: row.ref,
    place: scope.catalog.placesById.get(row.place_id)?.code ?? String(row.place_id),
    date: row.date,
    organisation: orgCode(scope.catalog, row.organisation_id),
    status: row.status,
    provenance: row.provenance,
    version: row.version,
    note: row.note,
    // A record whose type is gone is shown with nothing but its public columns.
    data: type ? stripFields(type.definition, data, clearance) : {},
    hidden: type ? hiddenFields(type.definition, clearance) : Object.keys(data),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Who is writing. A user is held to the policy and may not write fields above their clearance;
 * without one (the CLI, scripts, tests) the system writes, named in the audit by `system`.
 */
export interface RecordWriteContext {
  actor?: Actor | undefined;
  system?: string | undefined;
  /** The time source of period locks (the server's, or a test's). */
  clock?: Clock | undefined;
}

/** The period-lock guard of a record write: a partner may not write records dated in a closed period. */
const lockGuard = (trx: Kysely<Database>, scope: RecordScope, ctx: RecordWriteContext) =>
  periodLockGuard(trx, scope.catalog.program, ctx.actor, ctx.clock ?? systemClock);

const writerOf = (ctx: RecordWriteContext): Writer => ctx.actor ?? (ctx.system ? { system: ctx.system } : DIRECT_WRITE);

/**
 * A partner writes drafts in its own organisation's name: the record's organisation field is
 * set to the partner's organisation (a type without one is entered by program staff only).
 */
function asPartnerInput(scope: RecordScope, typeCode: string, actor: Actor, input: RecordInput): RecordInput {
  if (actor.role !== 'partner') return input;
  const def = requireRecordType(scope.types, typeCode).definition;
  if (!def.organisation_field) throw new VigiaError('forbidden', `${typeCode} records have no organisation; program staff enter them`);
  const own = orgCode(scope.catalog, actor.organisationId);
  if (!own) throw new VigiaError('forbidden', 'your account belongs to no organisation of this program');
  return { ...input, status: 'draft', data: { ...input.data, [def.organisation_field]: own } };
}

/** The policy's rules for changing a stored record (locked when approved; partners: their own drafts). */
function authorizeChange(actor: Actor, current: RecordRow): void {
  requirePermission(actor, 'write_data');
  if (current.status === 'approved') {
    throw conflict(`record ${current.id} is approved and locked; a program officer must unlock it first`, [
      { column: 'status', value: 'approved', reason: 'locked' },
    ]);
  }
  if (actor.role === 'partner' && current.organisation_id === actor.organisationId && current.status === 'submitted') {
    throw conflict(`record ${current.id} is submitted and awaits review`, [{ column: 'status', value: 'submitted', reason: 'awaiting review' }]);
  }
  if (!mayEditData(actor, current.organisation_id, current.status)) throw notFound(`no record ${current.id} of yours`);
}

/** Creates one record and adds its contributions to the indicators, in one transaction. */
export async function createRecord(
  db: Kysely<Database>,
  programCode: string,
  typeCode: string,
  input: RecordInput,
  ctx: RecordWriteContext = {},
): Promise<RecordView> {
  const scope = await openRecordScope(db, programCode);
  if (ctx.actor) {
    requirePermission(ctx.actor, 'write_data');
    refuseUnreadable(requireRecordType(scope.types, typeCode).definition, input.data, dataScope(ctx.actor).maxSensitivity);
  }
  const rec = prepareOrThrow(scope, typeCode, ctx.actor ? asPartnerInput(scope, typeCode, ctx.actor, input) : input);
  if (ctx.actor && !mayEditData(ctx.actor, rec.organisation_id, null)) throw new VigiaError('forbidden', 'you may not enter records for this organisation');
  const now = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    if (rec.ref !== null && (await findRecordsByRef(trx, scope.catalog.program.id, typeCode, [rec.ref])).length) {
      throw conflict(`a ${typeCode} record with ref "${rec.ref}" already exists`, [{ column: 'ref', value: rec.ref, reason: 'duplicate ref' }]);
    }
    (await lockGuard(trx, scope, ctx))?.(recordLockItem(typeCode, rec.date), 0);
    const newId = await insertRecord(trx, newRecordRow(scope.catalog.program.id, typeCode, rec, now));
    await applyRecordDeltas(trx, scope.catalog, toFactDeltas(rec.contributions, rec, 1), writerOf(ctx));
    await bumpDataVersion(trx, scope.catalog.program.id);
    const after = await findRecord(trx, scope.catalog.program.id, newId);
    await auditDataChanges(trx, writerOf(ctx), scope.catalog.program.id, 'record', [{ id: newId, action: 'create', after }]);
    return newId;
  });
  return getRecordIn(db, scope, id, 'restricted');
}

/** A change to a record: fields to set (null clears one), and the record's own columns. */
export interface RecordChange {
  data?: Record<string, unknown> | undefined;
  /** Replace all fields with `data` instead of merging into the stored ones. */
  replace?: boolean | undefined;
  ref?: string | null | undefined;
  status?: ValueStatus | undefined;
  provenance?: Provenance | undefined;
  note?: string | null | undefined;
}

/**
 * Changes a record. With `expectedVersion` the change applies only if nobody changed the record
 * since (a conflict error otherwise); an update that changes nothing keeps its version.
 */
export async function updateRecord(
  db: Kysely<Database>,
  programCode: string,
  id: number,
  change: RecordChange,
  expectedVersion?: number,
  ctx: RecordWriteContext = {},
): Promise<RecordView> {
  const scope = await openRecordScope(db, programCode);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const current = await findRecord(trx, scope.catalog.program.id, id, true);
    // A record the writer may not read answers exactly as a missing one.
    if (!current || (ctx.actor && !seesRow(dataScope(ctx.actor), current))) throw notFound(`no record ${id} in program ${programCode}`);
    if (ctx.actor) authorizeChange(ctx.actor, current);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw conflict(`record ${id} was changed by someone else (now at version ${current.version})`, [
        { column: 'version', value: current.version, reason: 'stale version' },
      ]);
    }
    const locked = await lockGuard(trx, scope, ctx);
    locked?.(recordLockItem(current.type_code, current.date), 0);
    const stored = JSON.parse(current.data) as Record<string, unknown>;
    let data = change.replace ? (change.data ?? {}) : { ...stored, ...(change.data ?? {}) };
    if (ctx.actor) {
      // Fields the writer may not read: naming one is refused; the stored ones stay as they are.
      const def = requireRecordType(scope.types, current.type_code).definition;
      const clearance = dataScope(ctx.actor).maxSensitivity;
      refuseUnreadable(def, change.data ?? {}, clearance);
      data = keepUnreadable(def, stored, data, clearance);
    }
    const merged: RecordInput = {
      data,
      ref: change.ref === undefined ? current.ref : change.ref,
      status: change.status ?? current.status,
      provenance: change.provenance ?? current.provenance,
      note: change.note === undefined ? current.note : change.note,
    };
    const rec = prepareOrThrow(scope, current.type_code, ctx.actor ? asPartnerInput(scope, current.type_code, ctx.actor, merged) : merged);
    if (
      rec.dataText === current.data &&
      rec.ref === current.ref &&
      rec.status === current.status &&
      rec.provenance === current.provenance &&
      rec.note === current.note
    )
      return;
    locked?.(recordLockItem(current.type_code, rec.date), 0);
    if (rec.ref !== null && rec.ref !== current.ref) {
      const taken = await findRecordsByRef(trx, scope.catalog.program.id, current.type_code, [rec.ref]);
      if (taken.length)
        throw conflict(`a ${current.type_code} record with ref "${rec.ref}" already exists`, [{ column: 'ref', value: rec.ref, reason: 'duplicate ref' }]);
    }
    const version = await updateRecordRow(trx, id, current.version, recordColumns(rec, now));
    if (version === undefined) throw conflict(`record ${id} was changed by someone else`, [{ column: 'version', reason: 'stale version' }]);
    await applyRecordDeltas(
      trx,
      scope.catalog,
      [...toFactDeltas(storedContributions(scope.types, current), current, -1), ...toFactDeltas(rec.contributions, rec, 1)],
      writerOf(ctx),
    );
    await bumpDataVersion(trx, scope.catalog.program.id);
    const after = await findRecord(trx, scope.catalog.program.id, id);
    await auditDataChanges(trx, writerOf(ctx), scope.catalog.program.id, 'record', [{ id, action: 'update', before: current, after }]);
  });
  return getRecordIn(db, scope, id, 'restricted');
}

/** Deletes a record and takes its contributions out of the indicators, in one transaction. */
export async function deleteRecord(
  db: Kysely<Database>,
  programCode: string,
  id: number,
  expectedVersion?: number,
  ctx: RecordWriteContext = {},
): Promise<void> {
  const scope = await openRecordScope(db, programCode);
  await db.transaction().execute(async (trx) => {
    const current = await findRecord(trx, scope.catalog.program.id, id, true);
    // A record the writer may not read answers exactly as a missing one.
    if (!current || (ctx.actor && !seesRow(dataScope(ctx.actor), current))) throw notFound(`no record ${id} in program ${programCode}`);
    if (ctx.actor) authorizeChange(ctx.actor, current);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw conflict(`record ${id} was changed by someone else (now at version ${current.version})`, [
        { column: 'version', value: current.version, reason: 'stale version' },
      ]);
    }
    (await lockGuard(trx, scope, ctx))?.(recordLockItem(current.type_code, current.date), 0);
    if (!(await deleteRecordRow(trx, id, current.version))) throw conflict(`record ${id} was changed by someone else`);
    await applyRecordDeltas(trx, scope.catalog, toFactDeltas(storedContributions(scope.types, current), current, -1), writerOf(ctx));
    await bumpDataVersion(trx, scope.catalog.program.id);
    await auditDataChanges(trx, writerOf(ctx), scope.catalog.program.id, 'record', [{ id, action: 'delete', before: current }]);
  });
}

async function getRecordIn(db: Kysely<Database>, scope: RecordScope, id: number, clearance: Sensitivity): Promise<RecordView> {
  const row = await findRecord(db, scope.catalog.program.id, id);
  if (!row) throw notFound(`no record ${id} in program ${scope.catalog.program.code}`);
  return presentRecord(scope, row, clearance);
}

/** One record, without the fields above `clearance` (public readers never see official or restricted fields). */
export async function getRecord(db: Kysely<Database>, programCode: string, id: number, clearance: Sensitivity): Promise<RecordView> {
  return getRecordIn(db, await openRecordScope(db, programCode), id, clearance);
}

export interface RecordQuery {
  type?: string | undefined;
  /** A place code: that place and everything below it. */
  place?: string | undefined;
  /** Dates, inclusive (ISO). */
  from?: string | undefined;
  to?: string | undefined;
  status?: ValueStatus | undefined;
  organisation?: string | undefined;
  /** A zone code: records whose zone field names it. */
  zone?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  clearance: Sensitivity;
  /** The records the reader may see (`dataScope`); absent: all (the system, the CLI). */
  visible?: RowScope | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Resolves a query's codes to a repository filter, or fails naming the bad parameter. */
function toFilter(scope: RecordScope, q: Omit<RecordQuery, 'limit' | 'offset'>): RecordFilter {
  const visible = q.visible;
  const bad = (column: string, value: unknown, reason: string) => validationError(`bad record query: ${column} ${reason}`, [{ column, value, reason }]);
  if (q.type !== undefined && !scope.types.has(q.type)) throw bad('type', q.type, 'is not a record type of the program');
  for (const [k, v] of [
    ['from', q.from],
    ['to', q.to],
  ] as const)
    if (v !== undefined && !ISO_DATE.test(v)) throw bad(k, v, 'is not a date (YYYY-MM-DD)');
  let placeSubtree: RecordFilter['placeSubtree'];
  if (q.place !== undefined) {
    const p = requirePlace(scope.catalog, q.place);
    placeSubtree = { level: `p${p.level}` as PlaceLevelColumn, id: p.id };
  }
  let organisationId: number | undefined;
  if (q.organisation !== undefined) {
    organisationId = scope.catalog.organisations.get(q.organisation);
    if (organisationId === undefined) throw bad('organisation', q.organisation, 'is not an organisation of the program');
  }
  let zone: RecordFilter['zone'];
  if (q.zone !== undefined) {
    if (!scope.zones.has(q.zone)) throw bad('zone', q.zone, 'is not a zone of the program');
    zone = { code: q.zone, fields: zoneFields(scope, q.type, q.clearance) };
  }
  return { programId: scope.catalog.program.id, typeCode: q.type, placeSubtree, from: q.from, to: q.to, status: q.status, organisationId, zone, visible };
}

/** The zone fields a reader with `clearance` may filter on, of one type or of all. */
function zoneFields(scope: RecordScope, typeCode: string | undefined, clearance: Sensitivity): string[] {
  const types = typeCode !== undefined ? [scope.types.get(typeCode)!] : [...scope.types.values()];
  const codes = types.flatMap((t) => t.definition.fields.filter((f) => f.type === 'zone' && withinClearance(f.sensitivity, clearance)).map((f) => f.code));
  return [...new Set(codes)];
}

/** A page of records (by date, then id) and how many match in all. */
export async function listRecords(db: Kysely<Database>, programCode: string, q: RecordQuery): Promise<{ total: number; items: RecordView[] }> {
  const scope = await openRecordScope(db, programCode);
  const filter = toFilter(scope, q);
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 10_000);
  const offset = Math.max(q.offset ?? 0, 0);
  const [rows, total] = await Promise.all([listRecordRows(db, filter, limit, offset), countRecordRows(db, filter)]);
  return { total, items: rows.map((r) => presentRecord(scope, r, q.clearance)) };
}

/**
 * Every record of one type that a reader with `visible` may see, as CSV (the import format), with
 * only the columns a reader with `clearance` may see. Exported files import back unchanged
 * (records are matched by ref).
 */
export async function exportRecords(
  db: Kysely<Database>,
  programCode: string,
  typeCode: string,
  clearance: Sensitivity,
  visible: RowScope = ALL_ROWS,
): Promise<string> {
  const scope = await openRecordScope(db, programCode);
  const filter = toFilter(scope, { type: requireType(scope, typeCode), visible, clearance });
  return recordsCsv(scope, typeCode, clearance, (offset) => listRecordRows(db, filter, EXPORT_PAGE, offset));
}

/**
 * Every record of one type, every field, as a program folder's `records/<type>.csv`: in the order
 * they were written (by id), so that loading the file writes them, and sums their roll-ups, in
 * the same order; a record without a ref (the folder needs one) gets `refOfUnnamed(id)`.
 */
export async function exportRecordsForFolder(
  db: Kysely<Database>,
  programCode: string,
  typeCode: string,
  refOfUnnamed: (id: number) => string,
): Promise<string> {
  const scope = await openRecordScope(db, programCode);
  requireType(scope, typeCode);
  let after = 0;
  return recordsCsv(scope, typeCode, 'restricted', async () => {
    const rows = await recordsAfter(db, scope.catalog.program.id, after, EXPORT_PAGE, typeCode);
    after = rows.at(-1)?.id ?? after;
    return rows.map((r) => (r.ref === null ? { ...r, ref: refOfUnnamed(r.id) } : r));
  });
}

function requireType(scope: RecordScope, typeCode: string): string {
  if (!scope.types.has(typeCode)) throw notFound(`no record type "${typeCode}" (known: ${[...scope.types.keys()].sort().join(', ')})`);
  return typeCode;
}

/** The CSV of the records `page(offset)` gives, page after page, as a reader with `clearance` sees them. */
async function recordsCsv(scope: RecordScope, typeCode: string, clearance: Sensitivity, page: (offset: number) => Promise<RecordRow[]>): Promise<string> {
  const definition = scope.types.get(typeCode)!.definition;
  const views: RecordView[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const rows = await page(offset);
    views.push(...rows.map((r) => presentRecord(scope, r, clearance)));
    if (rows.length < EXPORT_PAGE) break;
  }
  return recordsToCsv(definition, views, hiddenFields(definition, clearance));
}

const EXPORT_PAGE = 10_000;

/**
 * Sums every roll-up fact of the program again from its records, in one transaction: for after
 * the program's indicators changed outside a folder load, or an upgrade changed a built-in
 * record type. Returns how many records were read.
 */
export async function rebuildRecordRollups(db: Kysely<Database>, programCode: string, writer: Writer = DIRECT_WRITE): Promise<number> {
  const scope = await openRecordScope(db, programCode);
  return db.transaction().execute(async (trx) => {
    await rebuildRecordFacts(trx, scope.catalog, scope.types, writer);
    await bumpDataVersion(trx, scope.catalog.program.id);
    return countRecordRows(trx, { programId: scope.catalog.program.id });
  });
}

/**
 * One record for a reader who sees approved data only (plus, for a partner, its own): others'
 * unapproved records are not disclosed.
 */
export async function getVisibleRecord(db: Kysely<Database>, programCode: string, id: number, clearance: Sensitivity, visible: RowScope): Promise<RecordView> {
  const scope = await openRecordScope(db, programCode);
  const row = await findVisibleRecord(db, scope.catalog.program.id, id, visible);
  if (!row) throw notFound(`no record ${id} in program ${programCode}`);
  return presentRecord(scope, row, clearance);
}

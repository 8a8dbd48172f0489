/**
 * Writing data values. Every write validates against the program catalog, then stores the
 * values and rewrites their fact rows in one transaction, so analytics sees them at once.
 */
import type { Kysely } from 'kysely';
import type { DataValue, Database, NewDataValue, Provenance, ValueStatus } from '../../db/schema.js';
import { VigiaError, conflict, notFound, validationError, type IssueDetail } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { dataScope, mayEditData, mayReadSensitivity } from '../access/policy.js';
import { seesRow } from '../access/visible-data.repo.js';
import { auditDataChanges, DIRECT_WRITE, isActor, type DataChange, type Writer } from '../audit/data-writer.js';
import { periodWriteProblem, tryParsePeriod, type Period } from '../../core/periods.js';
import { checkNumber } from '../../core/finite-number.js';
import { disaggKey, parseDisagg, type Disagg } from '../../core/disagg.js';
import { deleteFact, replaceFactsFromValues } from '../analytics/facts.repo.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { periodLockGuard, type LockedItem } from '../calendar/period-lock.service.js';
import { checkWrittenValues } from '../quality-rules/quality-check.service.js';
import {
  bumpDataVersion,
  deleteValueById,
  findValue,
  insertValueIfAbsent,
  updateValueAtVersion,
  upsertValues,
  type KeptColumn,
  type UpsertResult,
} from './values.repo.js';
import { sameContent } from './value-content.js';

/** One value as people and files name things: by codes. */
export interface ValueInput {
  indicator: string;
  place: string;
  period: string;
  value: number | string;
  disagg?: Disagg | string | undefined;
  source?: string | undefined;
  status?: ValueStatus | undefined;
  provenance?: Provenance | undefined;
  note?: string | null | undefined;
  organisation?: string | null | undefined;
}

const STATUSES: readonly ValueStatus[] = ['draft', 'submitted', 'approved', 'returned'];
const PROVENANCES: readonly Provenance[] = ['sourced', 'derived', 'illustrative'];

/** Problems of one input, with `row` set to its index in the batch. */
export type ValueIssue = IssueDetail & { row: number };

/** Parsed period ids: a file of a million values names a few hundred periods (bounded all the same). */
const periods = new Map<string, Period | null>();
function periodOf(text: string): Period | null {
  let period = periods.get(text);
  if (period === undefined) {
    period = tryParsePeriod(text);
    if (periods.size >= 10_000) periods.clear();
    periods.set(text, period);
  }
  return period;
}

/**
 * Checks one input against the catalog and returns the row to store, or the problems found
 * (each naming the column).
 */
export function resolveValue(catalog: Catalog, input: ValueInput, row: number, now: string): { value: NewDataValue } | { issues: ValueIssue[] } {
  const issues: ValueIssue[] = [];
  const bad = (column: string, value: unknown, reason: string) => issues.push({ row, column, value, reason });

  const indicator = catalog.indicators.get(input.indicator);
  if (!indicator) bad('indicator', input.indicator, `unknown indicator code`);
  else if (indicator.origin !== 'reported') {
    bad('indicator', input.indicator, `values of ${indicator.code} are computed (${indicator.origin}), not reported`);
  } else if (indicator.retired) bad('indicator', input.indicator, `${indicator.code} is retired: it takes no new data (indicador retirado)`);
  const place = catalog.places.get(input.place);
  if (!place) bad('place', input.place, 'unknown place code');
  const period = periodOf(String(input.period ?? ''));
  if (!period) bad('period', input.period, 'not a period (2012, 2012Q3, 201207, 20120315, 2012Oct)');
  else {
    const outside = periodWriteProblem(period);
    if (outside) bad('period', input.period, outside);
  }

  const checked = checkNumber(input.value);
  const num = 'ok' in checked ? checked.ok : NaN;
  if ('reason' in checked) bad('value', input.value, checked.reason);
  else if (num < 0 && indicator && !indicator.allow_negative) {
    bad('value', input.value, `must not be negative: ${indicator.code} does not allow negative values (allow_negative) (no puede ser negativo)`);
  }

  let disagg = '';
  try {
    const d = typeof input.disagg === 'string' ? parseDisagg(input.disagg) : (input.disagg ?? {});
    if (indicator) {
      for (const [dim, opt] of Object.entries(d)) {
        const options = indicator.dimensions.get(dim);
        if (!options) bad('disagg', input.disagg, `${indicator.code} is not disaggregated by "${dim}"`);
        else if (indicator.retiredOptions?.get(dim)?.has(opt))
          bad('disagg', input.disagg, `"${opt}" of ${dim} is retired: it takes no new data (opción retirada)`);
        else if (!options.has(opt)) bad('disagg', input.disagg, `"${opt}" is not an option of ${dim} (${[...options].join(', ')})`);
      }
    }
    disagg = disaggKey(d);
  } catch (e) {
    bad('disagg', input.disagg, e instanceof Error ? e.message : String(e));
  }

  const source = input.source ?? '';
  if (indicator) {
    if (indicator.sources.length > 1 && !source) {
      bad('source', source, `${indicator.code} has several sources (${indicator.sources.join(', ')}): name one`);
    } else if (source && !indicator.sources.includes(source)) {
      bad('source', source, `not a source of ${indicator.code}${indicator.sources.length ? ` (${indicator.sources.join(', ')})` : ''}`);
    }
  }
  const status = input.status ?? 'draft';
  if (!STATUSES.includes(status)) bad('status', status, `must be one of ${STATUSES.join(', ')}`);
  const provenance = input.provenance ?? 'sourced';
  if (!PROVENANCES.includes(provenance)) bad('provenance', provenance, `must be one of ${PROVENANCES.join(', ')}`);
  let organisationId: number | null = null;
  if (input.organisation) {
    organisationId = catalog.organisations.get(input.organisation) ?? null;
    if (organisationId === null) bad('organisation', input.organisation, 'unknown organisation code');
  }

  if (issues.length || !indicator || !place || !period) return { issues };
  return {
    value: {
      indicator_id: indicator.id,
      place_id: place.id,
      period: period.id,
      start_date: period.start,
      end_date: period.end,
      disagg,
      // An indicator with one declared source stores it by name; with none, ''.
      source: source || (indicator.sources.length === 1 ? (indicator.sources[0] ?? '') : ''),
      value: num,
      organisation_id: organisationId,
      status,
      version: 1,
      provenance,
      note: input.note ?? null,
      updated_at: now,
    },
  };
}

/** Validates a whole batch; throws one validation error listing every problem, or returns the rows. */
export function resolveValues(catalog: Catalog, inputs: readonly ValueInput[]): NewDataValue[] {
  const now = new Date().toISOString();
  const rows: NewDataValue[] = [];
  const issues: ValueIssue[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, i) => {
    const r = resolveValue(catalog, input, i, now);
    if ('issues' in r) {
      issues.push(...r.issues);
      return;
    }
    const v = r.value;
    const key = `${v.indicator_id}|${v.place_id}|${v.period}|${v.disagg}|${v.source}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        row: i,
        column: 'period',
        value: input.period,
        reason: `duplicate of row ${first} (same indicator, place, period, disaggregation and source)`,
      });
      return;
    }
    seen.set(key, i);
    rows.push(v);
  });
  if (issues.length) throw validationError(`${issues.length} problem(s) in the values; nothing was saved`, issues);
  return rows;
}

function byValueKey(a: NewDataValue, b: NewDataValue): number {
  return (
    a.indicator_id - b.indicator_id ||
    a.place_id - b.place_id ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
    ((a.disagg ?? '') < (b.disagg ?? '') ? -1 : (a.disagg ?? '') > (b.disagg ?? '') ? 1 : 0) ||
    ((a.source ?? '') < (b.source ?? '') ? -1 : (a.source ?? '') > (b.source ?? '') ? 1 : 0)
  );
}

/**
 * Stores already-resolved rows and their facts, inside the caller's transaction, then checks
 * them against the program's validation rules (an error rule broken throws, so nothing is
 * kept; warnings become flags); no policy, no audit.
 */
async function upsertWithFacts(
  trx: Kysely<Database>,
  catalog: Catalog,
  rows: readonly NewDataValue[],
  writer: Writer,
  kept: readonly KeptColumn[] = [],
): Promise<UpsertResult> {
  const programId = catalog.program.id;
  // In key order, each index page is touched once per batch instead of many times.
  const sorted = [...rows].sort(byValueKey);
  const result = await upsertValues(trx, sorted, kept);
  // Fact rows are rewritten in chunks, like the values (ids are bound parameters).
  for (let i = 0; i < result.changedIds.length; i += 5_000) {
    await replaceFactsFromValues(trx, result.changedIds.slice(i, i + 5_000));
  }
  if (result.changedIds.length) await bumpDataVersion(trx, programId);
  await checkWrittenValues(trx, catalog, result.changedIds, writer);
  return result;
}

/** A value row as the period locks see it. */
const lockedItem = (catalog: Catalog, row: NewDataValue): LockedItem => ({
  kind: 'indicator',
  code: catalog.indicatorsById.get(row.indicator_id)?.code ?? '',
  period: row.period,
  start: row.start_date,
  end: row.end_date,
});

/**
 * Stores already-resolved rows and their facts inside the caller's transaction, as `writer`:
 * every write of values in bulk (batches, imports of every format, folder loads) comes through
 * here. A signed-in writer is held to the policy row by row (details name the row's index in
 * `rows`), and a partner to its closed periods on `clock`'s day (src/modules/calendar), and
 * leaves one audit event per changed value; the system leaves one summary event. A row equal to
 * the stored value is no write: nothing changes, nothing is audited, and no lock or approval
 * stands in its way. `kept`: the columns the writer's format cannot carry, left as stored.
 */
export async function storeValues(
  trx: Kysely<Database>,
  catalog: Catalog,
  rows: NewDataValue[],
  writer: Writer,
  clock: Clock = systemClock,
  kept: readonly KeptColumn[] = [],
): Promise<UpsertResult> {
  if (!isActor(writer)) {
    const result = await upsertWithFacts(trx, catalog, rows, writer, kept);
    const created = new Set(result.insertedIds);
    await auditDataChanges(
      trx,
      writer,
      catalog.program.id,
      'data_value',
      result.changedIds.map((id) => ({ id, action: created.has(id) ? 'create' : 'update' })),
    );
    return result;
  }
  const befores = [];
  const locked = await periodLockGuard(trx, catalog.program, writer, clock);
  for (const [i, row] of rows.entries()) {
    const current = await findValue(trx, row);
    if (authorizeRow(catalog, writer, row, current, i, kept)) locked?.(lockedItem(catalog, row), i);
    befores.push(current);
  }
  const result = await upsertWithFacts(trx, catalog, rows, writer, kept);
  const changes: DataChange[] = [];
  for (const [i, row] of rows.entries()) {
    const after = await findValue(trx, row);
    const before = befores[i];
    if (after && (!before || after.version !== before.version)) changes.push({ id: after.id, action: before ? 'update' : 'create', before, after });
  }
  await auditDataChanges(trx, writer, catalog.program.id, 'data_value', changes);
  return result;
}

/**
 * Deletes stored values (found by the keys of resolved `rows`) with their fact rows, inside the
 * caller's transaction, as `writer`: every deletion of values (single, batch, DHIS2 and ADX
 * imports) comes through here. A signed-in writer is held to the same rules as for a write
 * (approved values locked, a partner only its own organisation's drafts; details name the row
 * as `firstIndex` + its index), and a value it may not read counts as missing. Returns, per row,
 * the deleted value, or undefined where there was none.
 */
export async function removeValues(
  trx: Kysely<Database>,
  catalog: Catalog,
  rows: readonly NewDataValue[],
  writer: Writer,
  firstIndex = 0,
  clock: Clock = systemClock,
): Promise<Array<DataValue | undefined>> {
  const actor = isActor(writer) ? writer : undefined;
  const currents: Array<DataValue | undefined> = [];
  const locked = await periodLockGuard(trx, catalog.program, actor, clock);
  for (const [i, row] of rows.entries()) {
    const current = asSeenBy(actor, await findValue(trx, row));
    if (actor && current) authorizeRow(catalog, actor, { ...row, organisation_id: current.organisation_id, status: current.status }, current, firstIndex + i);
    if (current) locked?.(lockedItem(catalog, row), firstIndex + i);
    currents.push(current);
  }
  const changes: DataChange[] = [];
  for (const current of currents) {
    if (!current) continue;
    await deleteValueById(trx, current.id);
    await deleteFact(trx, current);
    changes.push({ id: current.id, action: 'delete', before: current });
  }
  await auditDataChanges(trx, writer, catalog.program.id, 'data_value', changes);
  if (changes.length) await bumpDataVersion(trx, catalog.program.id);
  return currents;
}

/**
 * The catalog as `writer` may write to it: indicators above a user's clearance are left out, so
 * that writing one answers exactly as writing an indicator that does not exist.
 */
export function writableCatalog(catalog: Catalog, writer: Writer): Catalog {
  if (!isActor(writer)) return catalog;
  const hidden = [...catalog.indicators.values()].filter((i) => !mayReadSensitivity(writer, i.sensitivity));
  if (hidden.length === 0) return catalog;
  const ids = new Set(hidden.map((i) => i.id));
  return {
    ...catalog,
    indicators: new Map([...catalog.indicators].filter(([, i]) => !ids.has(i.id))),
    indicatorsById: new Map([...catalog.indicatorsById].filter(([id]) => !ids.has(id))),
  };
}

/** The distinct place codes of a batch, so that only those places are read. */
const placesOf = (inputs: readonly Pick<ValueInput, 'place'>[]): string[] => [...new Set(inputs.map((i) => i.place))];

/** Who is writing. Without one (scripts, tests, benchmarks) there is no per-value check, and the audit names the system. */
export interface WriteContext {
  actor?: Actor;
  /** The time source of period locks (the server's, or a test's). */
  clock?: Clock | undefined;
}

const writerOf = (ctx: WriteContext): Writer => ctx.actor ?? DIRECT_WRITE;

/**
 * The stored value as a writer may know it: a value the writer may not read (another
 * organisation's unapproved one) is answered for exactly as a missing one.
 */
function asSeenBy<T extends { organisation_id: number | null; status: string }>(actor: Actor | undefined, current: T | undefined): T | undefined {
  return current && (!actor || seesRow(dataScope(actor), current)) ? current : undefined;
}

/**
 * For a signed-in writer: applies the rules of the policy to one resolved row (a partner writes
 * only drafts of its own organisation; approved values are locked) given the stored value.
 * With `sameUnder` (a bulk write's kept columns), a row equal to the stored value is let pass
 * as no write; returns whether the row writes. Deletions never pass it.
 */
function authorizeRow(
  catalog: Catalog,
  actor: Actor,
  row: NewDataValue,
  current: DataValue | undefined,
  index: number,
  sameUnder?: readonly KeptColumn[],
): boolean {
  const indicator = catalog.indicatorsById.get(row.indicator_id);
  if (!indicator || !mayReadSensitivity(actor, indicator.sensitivity)) {
    throw new VigiaError('forbidden', `you may not write values of ${indicator?.code ?? 'this indicator'}`, [
      { row: index, column: 'indicator', reason: 'above your clearance' },
    ]);
  }
  if (actor.role === 'partner') {
    // Partners always write drafts in their own organisation's name.
    row.organisation_id = actor.organisationId;
    row.status = 'draft';
  }
  // Writing what is stored is no write: nothing to refuse (the clearance was checked above).
  if (current && sameUnder && sameContent(row, current, sameUnder)) return false;
  if (current && current.status === 'submitted' && actor.role === 'partner' && current.organisation_id === actor.organisationId) {
    throw conflict('the value is submitted and awaits review; it can be changed once returned', [
      { row: index, column: 'status', value: 'submitted', reason: 'awaiting review' },
    ]);
  }
  if (current && current.status === 'approved') {
    throw conflict('the value is approved and locked; a program officer must unlock it first', [
      { row: index, column: 'status', value: 'approved', reason: 'locked' },
    ]);
  }
  if (current && !mayEditData(actor, current.organisation_id, current.status)) {
    // Another organisation's value is not disclosed to a partner.
    throw notFound('no such value of yours');
  }
  if (!mayEditData(actor, row.organisation_id ?? null, null)) {
    throw new VigiaError('forbidden', 'you may not write this value', [{ row: index, column: 'organisation', reason: 'not your organisation' }]);
  }
  return true;
}

/**
 * Writes a batch of values all-or-nothing. Unchanged values are left as they were, so writing
 * the same batch twice changes nothing the second time. With an actor, every row is checked
 * against the policy and every changed value leaves one audit event.
 */
export async function writeValues(db: Kysely<Database>, programCode: string, inputs: readonly ValueInput[], ctx: WriteContext = {}): Promise<UpsertResult> {
  const catalog = writableCatalog(await loadCatalog(db, programCode, placesOf(inputs)), writerOf(ctx));
  const rows = resolveValues(catalog, inputs);
  return db.transaction().execute((trx) => storeValues(trx, catalog, rows, writerOf(ctx), ctx.clock));
}

/**
 * Writes one value. With `expectedVersion`, the write only succeeds if the stored value is still
 * at that version (0 = must not exist yet); otherwise a conflict error carries the current one.
 */
export async function writeValue(
  db: Kysely<Database>,
  programCode: string,
  input: ValueInput,
  expectedVersion?: number,
  ctx: WriteContext = {},
): Promise<{ id: number; version: number; changed: boolean }> {
  const catalog = writableCatalog(await loadCatalog(db, programCode, [input.place]), writerOf(ctx));
  const [row] = resolveValues(catalog, [input]);
  if (!row) throw validationError('no value given');
  return db.transaction().execute(async (trx) => {
    const current = await findValue(trx, row);
    const stale = async () => {
      const now = asSeenBy(ctx.actor, await findValue(trx, row))?.version ?? 0;
      return conflict(`the value was changed by someone else (now at version ${now})`, [{ column: 'version', value: now, reason: 'stale version' }]);
    };
    // A value the writer may not read answers as a missing one: a stale version first.
    if (expectedVersion !== undefined && !asSeenBy(ctx.actor, current) && expectedVersion !== 0) throw await stale();
    if (ctx.actor) authorizeRow(catalog, ctx.actor, row, current, 0);
    (await periodLockGuard(trx, catalog.program, ctx.actor, ctx.clock ?? systemClock))?.(lockedItem(catalog, row), 0);
    if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion) throw await stale();
    let changed: boolean;
    if (expectedVersion === undefined) {
      changed = (await upsertWithFacts(trx, catalog, [row], writerOf(ctx))).changedIds.length > 0;
    } else if (!current) {
      // The write is conditional in the database itself, so two concurrent writers of the same
      // version cannot both succeed, on either engine.
      const id = await insertValueIfAbsent(trx, row);
      if (id === undefined) throw await stale();
      changed = true;
    } else if (sameContent(row, current)) {
      changed = false;
    } else {
      if (!(await updateValueAtVersion(trx, current.id, expectedVersion, row))) throw await stale();
      changed = true;
    }
    const after = await findValue(trx, row);
    if (!after) throw new Error('value vanished during its own write');
    if (changed && expectedVersion !== undefined) {
      await replaceFactsFromValues(trx, [after.id]);
      await bumpDataVersion(trx, catalog.program.id);
      await checkWrittenValues(trx, catalog, [after.id], writerOf(ctx));
    }
    if (changed)
      await auditDataChanges(trx, writerOf(ctx), catalog.program.id, 'data_value', [
        { id: after.id, action: current ? 'update' : 'create', before: current, after },
      ]);
    return { id: after.id, version: after.version, changed };
  });
}

/** A batch value with the version its writer read (absent: written whatever is stored). */
export type VersionedValueInput = ValueInput & { version?: number | undefined };
/** A value to delete, by key, at the version its writer read. */
export type ValueDeletion = Omit<ValueInput, 'value'> & { version: number };

/** Names a value in messages: "PE-10 2013" (+ disaggregation and source when set). */
const cellName = (v: Pick<ValueInput, 'place' | 'period' | 'disagg' | 'source'>) =>
  [v.place, v.period, typeof v.disagg === 'string' ? v.disagg : '', v.source ?? ''].filter(Boolean).join(' ');

/**
 * Writes and deletes a batch of values all-or-nothing, with optimistic concurrency per value: a
 * value that carries the `version` its writer read is written only if it is still at it (0 = must
 * not exist yet). Every stale value is listed in one conflict error (`row` = its index; `column`
 * 'version'; `value` = the version stored now), so a client can show them all at once. Deletions
 * are listed after the writes (`row` = values.length + index).
 */
export async function writeValuesAt(
  db: Kysely<Database>,
  programCode: string,
  inputs: readonly VersionedValueInput[],
  deletions: readonly ValueDeletion[],
  ctx: WriteContext = {},
): Promise<UpsertResult & { deleted: number }> {
  const catalog = writableCatalog(await loadCatalog(db, programCode, placesOf([...inputs, ...deletions])), writerOf(ctx));
  // Resolved together, so a value both written and deleted is reported as a duplicate.
  const resolved = resolveValues(catalog, [...inputs, ...deletions.map((d) => ({ ...d, value: 0 }))]);
  const rows = resolved.slice(0, inputs.length);
  const doomed = resolved.slice(inputs.length);
  return db.transaction().execute(async (trx) => {
    const stale: IssueDetail[] = [];
    const nameOf = (i: number) => {
      const input = i < inputs.length ? inputs[i] : deletions[i - inputs.length];
      return input ? cellName(input) : '';
    };
    // The stored value is not shown: it may be another organisation's draft.
    const staleAt = (i: number, now: number) =>
      stale.push({ row: i, column: 'version', value: now, reason: `${nameOf(i)} was changed by someone else (now at version ${now})` });
    const currents: Array<DataValue | undefined> = [];
    for (const [i, r] of resolved.entries()) {
      // What the writer may not read is answered for as missing (version 0).
      const now = asSeenBy(ctx.actor, await findValue(trx, r));
      currents.push(now);
      const want = i < inputs.length ? inputs[i]?.version : deletions[i - inputs.length]?.version;
      if (want !== undefined && (now?.version ?? 0) !== want) staleAt(i, now?.version ?? 0);
    }
    const refuse = () => conflict(`${stale.length} value(s) were changed by someone else; nothing was saved`, stale);
    if (stale.length) throw refuse();

    const result =
      rows.length === 0 ? { changedIds: [], insertedIds: [], inserted: 0, updated: 0 } : await storeValues(trx, catalog, rows, writerOf(ctx), ctx.clock);
    // Re-read: a writer that committed between our check and our write shows as a version jump
    // (the upsert waits for its row lock, then bumps past it), on either engine.
    for (const [i, row] of rows.entries()) {
      const want = inputs[i]?.version;
      if (want === undefined) continue;
      const now = (await findValue(trx, row))?.version ?? 0;
      if (now !== want && now !== want + 1) staleAt(i, now);
    }
    if (stale.length) throw refuse();

    const missing = doomed.findIndex((_, j) => !currents[inputs.length + j]);
    if (missing >= 0) throw notFound(`no such value: ${cellName(deletions[missing] ?? { place: '', period: '' })}`);
    await removeValues(trx, catalog, doomed, writerOf(ctx), inputs.length, ctx.clock);
    return { ...result, deleted: doomed.length };
  });
}

/** Deletes one value (by its key) and its fact row. */
export async function deleteValue(
  db: Kysely<Database>,
  programCode: string,
  input: Omit<ValueInput, 'value'>,
  expectedVersion?: number,
  ctx: WriteContext = {},
): Promise<void> {
  const catalog = writableCatalog(await loadCatalog(db, programCode, [input.place]), writerOf(ctx));
  const [row] = resolveValues(catalog, [{ ...input, value: 0 }]);
  if (!row) throw validationError('no value given');
  await db.transaction().execute(async (trx) => {
    // A value the writer may not read is answered for as a missing one.
    const current = asSeenBy(ctx.actor, await findValue(trx, row));
    if (!current) throw notFound('no such value');
    if (ctx.actor) authorizeRow(catalog, ctx.actor, { ...row, organisation_id: current.organisation_id, status: current.status }, current, 0);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw conflict(`the value was changed by someone else (now at version ${current.version})`, [
        { column: 'version', value: current.version, reason: 'stale version' },
      ]);
    }
    await removeValues(trx, catalog, [row], writerOf(ctx), 0, ctx.clock);
  });
}

/**
 * Data quality assessments: entered and kept up to date by program officers (audited), read by
 * whoever may read the indicator, listed per indicator; the last one of an indicator with its
 * open actions (for the PIRS), and the indicators whose last DQA is older than three years or
 * that never had one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { notFound, validationError, type IssueDetail } from '../../core/errors.js';
import { DQA_STANDARDS, dqaDueDate, dqaOverdue } from '../../core/dqa.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findProgramCode, loadCatalog, type Catalog, type IndicatorInfo } from '../catalog/catalog.repo.js';
import { readableIndicators } from '../catalog/indicator-sensitivity.service.js';
import { actionDateIssues, contentIssues, personIssue, unknownUserIssues } from './dqa-checks.js';
import { actionRow, insertWholeDqa, todayIso } from './dqa-store.js';
import { assembleDqas, type DqaActionView, type DqaView } from './dqa-view.js';
import {
  dqaDates,
  findAction,
  findDqaHead,
  insertActions,
  latestDqa,
  listDqaHeads,
  nextActionSort,
  saveStandards,
  updateAction,
  updateDqa,
  deleteDqa as deleteDqaRows,
} from './dqa.repo.js';
import type { DqaActionChange, DqaActionInput, DqaChange, DqaInput } from './dqa.schema.js';

export type { DqaView, DqaActionView, DqaPerson, DqaRatingView } from './dqa-view.js';

/** The last DQA of an indicator and the actions of it still open. */
export interface LastDqa {
  dqa: DqaView;
  open_actions: DqaActionView[];
}

/** An indicator whose next DQA is overdue. */
export interface OverdueIndicator {
  indicator: string;
  name_en: string;
  name_es: string;
  /** Its last DQA; null when it never had one. */
  last_dqa: { id: number; date: string } | null;
  /** When the next DQA was due (three years after the last); null when there never was one. */
  due_date: string | null;
}

interface Readable {
  catalog: Catalog;
  indicators: Map<string, IndicatorInfo>;
}

async function readable(db: Kysely<Database>, programCode: string, ceiling: Clearance): Promise<Readable> {
  const catalog = await loadCatalog(db, programCode, []);
  const indicators = await readableIndicators(db, catalog, ceiling);
  return { catalog, indicators: new Map(indicators.map((i) => [i.code, i])) };
}

/** The indicator named in input: one the reader may not read does not exist for them. */
function namedIndicator(r: Readable, code: string): IndicatorInfo {
  const indicator = r.indicators.get(code);
  if (!indicator) {
    const reason = `program ${r.catalog.program.code} has no indicator "${code}"`;
    throw validationError(`indicator: ${reason}`, [{ column: 'indicator', value: code, reason }]);
  }
  return indicator;
}

const fail = (issues: IssueDetail[]) => {
  if (issues.length) throw validationError(`${issues.map((i) => `${i.column}: ${i.reason}`).join('; ')}; nothing was stored`, issues);
};

/**
 * The last DQA of an indicator (by date, then the latest entered) with its open actions, or
 * null. For the PIRS: the caller has already decided the reader may see the indicator.
 */
export async function lastDqa(db: Kysely<Database>, indicatorId: number): Promise<LastDqa | null> {
  const latest = await latestDqa(db, indicatorId);
  if (!latest) return null;
  const dqa = await getDqaById(db, latest.program_id, await findProgramCode(db, latest.program_id), latest.id);
  return { dqa, open_actions: dqa.actions.filter((a) => a.status === 'open') };
}

async function getDqaById(db: Kysely<Database>, programId: number, programCode: string, id: number): Promise<DqaView> {
  const head = await findDqaHead(db, programId, id);
  if (!head) throw notFound(`no DQA ${id} in program ${programCode}`);
  const [view] = await assembleDqas(db, programCode, [head]);
  return view!;
}

/** A DQA's stored head and its view, when the reader may read its indicator. */
async function readableDqa(db: Kysely<Database>, programCode: string, id: number, ceiling: Clearance) {
  const r = await readable(db, programCode, ceiling);
  const head = await findDqaHead(db, r.catalog.program.id, id);
  if (!head || !r.indicators.has(head.indicator)) throw notFound(`no DQA ${id} in program ${programCode}`);
  const [view] = await assembleDqas(db, programCode, [head]);
  return { head, view: view!, programId: r.catalog.program.id };
}

/** One DQA, when the reader may read its indicator. */
export async function getDqa(db: Kysely<Database>, programCode: string, id: number, ceiling: Clearance): Promise<DqaView> {
  return (await readableDqa(db, programCode, id, ceiling)).view;
}

/** The DQAs of a program's indicators (or of one), in framework order, newest first. */
export async function listDqas(db: Kysely<Database>, programCode: string, ceiling: Clearance, indicatorCode?: string): Promise<DqaView[]> {
  const r = await readable(db, programCode, ceiling);
  const ids = indicatorCode === undefined ? [...r.indicators.values()].map((i) => i.id) : [namedIndicator(r, indicatorCode).id];
  return assembleDqas(db, programCode, await listDqaHeads(db, ids));
}

/**
 * The indicators (that the reader may read, in framework order) whose last DQA is older than
 * three years on `asOf`, or that never had one.
 */
export async function overdueDqas(db: Kysely<Database>, programCode: string, ceiling: Clearance, asOf: string = todayIso()): Promise<OverdueIndicator[]> {
  const r = await readable(db, programCode, ceiling);
  const last = new Map<number, { id: number; date: string }>();
  for (const d of await dqaDates(db, r.catalog.program.id)) {
    const seen = last.get(d.indicator_id);
    if (!seen || d.date > seen.date || (d.date === seen.date && d.id > seen.id)) last.set(d.indicator_id, { id: d.id, date: d.date });
  }
  return [...r.indicators.values()].flatMap((i) => {
    const l = last.get(i.id) ?? null;
    if (!dqaOverdue(l?.date ?? null, asOf)) return [];
    return [{ indicator: i.code, name_en: i.name_en, name_es: i.name_es, last_dqa: l, due_date: l ? dqaDueDate(l.date) : null }];
  });
}

/** Records a DQA of an indicator (officers and administrators); audited. */
export async function createDqa(db: Kysely<Database>, actor: Actor, programCode: string, input: DqaInput): Promise<DqaView> {
  const r = await readable(db, programCode, dataScope(actor).maxSensitivity);
  const indicator = namedIndicator(r, input.indicator);
  const { indicator: _, ...content } = input;
  fail(await contentIssues(db, content));
  const programId = r.catalog.program.id;
  return db.transaction().execute(async (trx) => {
    const id = await insertWholeDqa(trx, programId, indicator.id, content);
    const after = await getDqaById(trx, programId, programCode, id);
    await recordAudit(trx, { userId: actor.userId, action: 'create', entity: 'dqa', entityId: id, programId, after });
    return after;
  });
}

/** The DQA an officer is changing, when they may read its indicator. */
async function editable(db: Kysely<Database>, actor: Actor, programCode: string, id: number) {
  const { head, view, programId } = await readableDqa(db, programCode, id, dataScope(actor).maxSensitivity);
  return { head, before: view, programId };
}

/** Changes a DQA's date, assessor, language, ratings or limitations (officers); audited. */
export async function changeDqa(db: Kysely<Database>, actor: Actor, programCode: string, id: number, change: DqaChange): Promise<DqaView> {
  const { head, before, programId } = await editable(db, actor, programCode, id);
  const date = change.date ?? before.date;
  const assessorUser = change.assessor_user_id === undefined ? head.assessor_user_id : change.assessor_user_id;
  const assessorName = change.assessor_name === undefined ? head.assessor_name : change.assessor_name;
  const issues = [
    ...personIssue(assessorUser, assessorName, 'assessor'),
    ...(await unknownUserIssues(db, [{ id: change.assessor_user_id, column: 'assessor_user_id' }])),
  ];
  // A new date must not leave an action due (or settled) before the assessment.
  if (change.date !== undefined) {
    for (const a of before.actions) {
      if (a.due_date < date || (a.status_date !== null && a.status_date < date))
        issues.push({ column: 'date', value: date, reason: `action ${a.id} is dated before it (${a.due_date}); change the action first` });
    }
  }
  fail(issues);
  return db.transaction().execute(async (trx) => {
    await updateDqa(trx, id, {
      date,
      ...(change.assessor_user_id !== undefined ? { assessor_user_id: change.assessor_user_id } : {}),
      ...(change.assessor_name !== undefined ? { assessor_name: change.assessor_name } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
      ...(change.limitations !== undefined ? { limitations: change.limitations || null } : {}),
      updated_at: new Date().toISOString(),
    });
    const rated = DQA_STANDARDS.flatMap((standard) => {
      const s = change.standards?.[standard];
      return s ? [{ dqa_id: id, standard, rating: s.rating, notes: s.notes || null }] : [];
    });
    await saveStandards(trx, rated);
    const after = await getDqaById(trx, programId, programCode, id);
    await recordAudit(trx, { userId: actor.userId, action: 'update', entity: 'dqa', entityId: id, programId, before, after });
    return after;
  });
}

/** Deletes a DQA entered in error (officers); audited with what it was. */
export async function deleteDqa(db: Kysely<Database>, actor: Actor, programCode: string, id: number): Promise<void> {
  const { before, programId } = await editable(db, actor, programCode, id);
  await db.transaction().execute(async (trx) => {
    await deleteDqaRows(trx, id);
    await recordAudit(trx, { userId: actor.userId, action: 'delete', entity: 'dqa', entityId: id, programId, before });
  });
}

/** Adds an action to a DQA (officers); audited. */
export async function addDqaAction(db: Kysely<Database>, actor: Actor, programCode: string, id: number, input: DqaActionInput): Promise<DqaView> {
  const { before, programId } = await editable(db, actor, programCode, id);
  fail([
    ...personIssue(input.owner_user_id, input.owner_name, 'owner'),
    ...actionDateIssues(before.date, input, ''),
    ...(await unknownUserIssues(db, [{ id: input.owner_user_id, column: 'owner_user_id' }])),
  ]);
  return db.transaction().execute(async (trx) => {
    await insertActions(trx, [actionRow(id, await nextActionSort(trx, id), input)]);
    const after = await getDqaById(trx, programId, programCode, id);
    await recordAudit(trx, { userId: actor.userId, action: 'update', entity: 'dqa', entityId: id, programId, before, after });
    return after;
  });
}

/**
 * Changes an action of a DQA: its status (dated today unless a date is given), text, owner or
 * due date (officers); audited.
 */
export async function changeDqaAction(
  db: Kysely<Database>,
  actor: Actor,
  programCode: string,
  id: number,
  actionId: number,
  change: DqaActionChange,
): Promise<DqaView> {
  const { before, programId } = await editable(db, actor, programCode, id);
  const action = await findAction(db, id, actionId);
  if (!action) throw notFound(`DQA ${id} has no action ${actionId}`);
  const ownerUser = change.owner_user_id === undefined ? action.owner_user_id : change.owner_user_id;
  const ownerName = change.owner_name === undefined ? action.owner_name : change.owner_name;
  const statusChanged = change.status !== undefined && change.status !== action.status;
  const statusDate = change.status_date !== undefined ? change.status_date : statusChanged ? todayIso() : action.status_date;
  fail([
    ...personIssue(ownerUser, ownerName, 'owner'),
    ...actionDateIssues(before.date, { due_date: change.due_date, status_date: change.status_date }, ''),
    ...(await unknownUserIssues(db, [{ id: change.owner_user_id, column: 'owner_user_id' }])),
  ]);
  return db.transaction().execute(async (trx) => {
    await updateAction(trx, actionId, {
      text: change.text ?? action.text,
      owner_user_id: ownerUser,
      owner_name: ownerName,
      due_date: change.due_date ?? action.due_date,
      status: change.status ?? action.status,
      status_date: statusDate,
    });
    await updateDqa(trx, id, { updated_at: new Date().toISOString() });
    const after = await getDqaById(trx, programId, programCode, id);
    await recordAudit(trx, { userId: actor.userId, action: 'update', entity: 'dqa', entityId: id, programId, before, after });
    return after;
  });
}

/**
 * Entering and keeping up data quality assessments: officers and administrators (the routes'
 * `manage_framework`) record a DQA, change it, add actions and set their status, or delete one
 * entered in error; each change is audited with the DQA before and after. Nothing is stored
 * when any check fails.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError, type IssueDetail } from '../../core/errors.js';
import { DQA_STANDARDS } from '../../core/dqa.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { actionDateIssues, contentIssues, personIssue, unknownUserIssues } from './dqa-checks.js';
import { actionRow, insertWholeDqa, todayIso } from './dqa-store.js';
import type { DqaView } from './dqa-view.js';
import { getDqaById, namedIndicator, readable, readableDqa } from './dqa-read.service.js';
import { findAction, insertActions, nextActionSort, saveStandards, updateAction, updateDqa, deleteDqa as deleteDqaRows } from './dqa.repo.js';
import type { DqaActionChange, DqaActionInput, DqaChange, DqaInput } from './dqa.schema.js';

const fail = (issues: IssueDetail[]) => {
  if (issues.length) throw validationError(`${issues.map((i) => `${i.column}: ${i.reason}`).join('; ')}; nothing was stored`, issues);
};

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

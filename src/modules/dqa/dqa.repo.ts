/** Queries of data quality assessments: the `dqa` rows, their ratings and their actions. */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DqaActionTable, DqaStandardTable, DqaTable } from '../../db/schema-dqa.js';

const DQA_COLUMNS = [
  'd.id',
  'd.program_id',
  'd.indicator_id',
  'i.code as indicator',
  'd.date',
  'd.assessor_user_id',
  'd.assessor_name',
  'u.name as assessor_user_name',
  'd.language',
  'd.limitations',
  'd.created_at',
  'd.updated_at',
] as const;

function dqaQuery(db: Kysely<Database>) {
  return db
    .selectFrom('dqa as d')
    .innerJoin('indicator as i', 'i.id', 'd.indicator_id')
    .leftJoin('app_user as u', 'u.id', 'd.assessor_user_id')
    .select(DQA_COLUMNS);
}

export type DqaHead = Awaited<ReturnType<typeof findDqaHead>> & object;

/** One DQA of a program, with its indicator's code and its assessor's user name. */
export async function findDqaHead(db: Kysely<Database>, programId: number, id: number) {
  return dqaQuery(db).where('d.program_id', '=', programId).where('d.id', '=', id).executeTakeFirst();
}

/** The DQAs of some indicators, newest first. */
export async function listDqaHeads(db: Kysely<Database>, indicatorIds: readonly number[]) {
  if (!indicatorIds.length) return [];
  return dqaQuery(db)
    .where('d.indicator_id', 'in', [...indicatorIds])
    .orderBy('i.sort')
    .orderBy('i.code')
    .orderBy('d.date', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/** The id (and program) of an indicator's latest DQA (by date, then by entry), if it has one. */
export async function latestDqa(db: Kysely<Database>, indicatorId: number) {
  return db
    .selectFrom('dqa')
    .select(['id', 'program_id'])
    .where('indicator_id', '=', indicatorId)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The id, indicator and date of every DQA of a program (a few per indicator at most). */
export async function dqaDates(db: Kysely<Database>, programId: number) {
  return db.selectFrom('dqa').select(['id', 'indicator_id', 'date']).where('program_id', '=', programId).execute();
}

/** The DQA of an indicator on a date (the key a program folder's `dqa.json` matches on). */
export async function findDqaIdOn(db: Kysely<Database>, indicatorId: number, date: string): Promise<number | undefined> {
  const r = await db.selectFrom('dqa').select('id').where('indicator_id', '=', indicatorId).where('date', '=', date).orderBy('id').limit(1).executeTakeFirst();
  return r?.id;
}

/** The ratings of some DQAs. */
export async function standardsOf(db: Kysely<Database>, dqaIds: readonly number[]) {
  if (!dqaIds.length) return [];
  return db
    .selectFrom('dqa_standard')
    .selectAll()
    .where('dqa_id', 'in', [...dqaIds])
    .execute();
}

/** The actions of some DQAs, in the order agreed, with their owners' user names. */
export async function actionsOf(db: Kysely<Database>, dqaIds: readonly number[]) {
  if (!dqaIds.length) return [];
  return db
    .selectFrom('dqa_action as a')
    .leftJoin('app_user as u', 'u.id', 'a.owner_user_id')
    .select(['a.id', 'a.dqa_id', 'a.sort', 'a.text', 'a.owner_user_id', 'a.owner_name', 'u.name as owner_user_name', 'a.due_date', 'a.status', 'a.status_date'])
    .where('a.dqa_id', 'in', [...dqaIds])
    .orderBy('a.dqa_id')
    .orderBy('a.sort')
    .orderBy('a.id')
    .execute();
}

/** One action of a DQA. */
export async function findAction(db: Kysely<Database>, dqaId: number, actionId: number) {
  return db.selectFrom('dqa_action').selectAll().where('dqa_id', '=', dqaId).where('id', '=', actionId).executeTakeFirst();
}

export async function insertDqa(db: Kysely<Database>, row: Insertable<DqaTable>): Promise<number> {
  const r = await db.insertInto('dqa').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDqa(db: Kysely<Database>, id: number, change: Updateable<DqaTable>): Promise<void> {
  await db.updateTable('dqa').set(change).where('id', '=', id).execute();
}

/** Deletes a DQA; its ratings and actions go with it. */
export async function deleteDqa(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('dqa_action').where('dqa_id', '=', id).execute();
  await db.deleteFrom('dqa_standard').where('dqa_id', '=', id).execute();
  await db.deleteFrom('dqa').where('id', '=', id).execute();
}

/** Sets the ratings given (the others are kept). */
export async function saveStandards(db: Kysely<Database>, rows: readonly DqaStandardTable[]): Promise<void> {
  for (const row of rows) {
    await db.deleteFrom('dqa_standard').where('dqa_id', '=', row.dqa_id).where('standard', '=', row.standard).execute();
  }
  if (rows.length)
    await db
      .insertInto('dqa_standard')
      .values([...rows])
      .execute();
}

/** Adds actions to a DQA. */
export async function insertActions(db: Kysely<Database>, rows: ReadonlyArray<Insertable<DqaActionTable>>): Promise<void> {
  if (rows.length)
    await db
      .insertInto('dqa_action')
      .values([...rows])
      .execute();
}

/** Removes every action of a DQA (a folder load replacing them with the file's). */
export async function deleteActions(db: Kysely<Database>, dqaId: number): Promise<void> {
  await db.deleteFrom('dqa_action').where('dqa_id', '=', dqaId).execute();
}

/** The next place in a DQA's list of actions. */
export async function nextActionSort(db: Kysely<Database>, dqaId: number): Promise<number> {
  const r = await db
    .selectFrom('dqa_action')
    .select((eb) => eb.fn.max('sort').as('sort'))
    .where('dqa_id', '=', dqaId)
    .executeTakeFirst();
  return (r?.sort ?? -1) + 1;
}

export async function updateAction(db: Kysely<Database>, actionId: number, change: Updateable<DqaActionTable>): Promise<void> {
  await db.updateTable('dqa_action').set(change).where('id', '=', actionId).execute();
}

/** Which of these user ids exist. */
export async function existingUserIds(db: Kysely<Database>, ids: readonly number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Writing one whole DQA (head, five ratings, actions) from checked input: the one path the API's
 * create and the program folder's `dqa.json` share.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DQA_STANDARDS } from '../../core/dqa.js';
import { deleteActions, insertActions, insertDqa, saveStandards, updateDqa } from './dqa.repo.js';
import type { DqaActionInput, DqaInput } from './dqa.schema.js';

/** Today as `YYYY-MM-DD` (UTC). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A whole assessment, checked; the indicator already resolved to its id. */
export type DqaContent = Omit<DqaInput, 'indicator'>;

/** The stored row of an action (a status given without its date is dated today). */
export function actionRow(dqaId: number, sort: number, a: DqaActionInput) {
  const status = a.status ?? 'open';
  return {
    dqa_id: dqaId,
    sort,
    text: a.text,
    owner_user_id: a.owner_user_id ?? null,
    owner_name: a.owner_name ?? null,
    due_date: a.due_date,
    status,
    status_date: a.status_date ?? (a.status && status !== 'open' ? todayIso() : null),
  };
}

function headRow(c: DqaContent) {
  return {
    date: c.date,
    assessor_user_id: c.assessor_user_id ?? null,
    assessor_name: c.assessor_name ?? null,
    language: c.language ?? null,
    limitations: c.limitations || null,
  };
}

async function writeParts(trx: Kysely<Database>, dqaId: number, c: DqaContent): Promise<void> {
  await saveStandards(
    trx,
    DQA_STANDARDS.map((standard) => ({ dqa_id: dqaId, standard, rating: c.standards[standard].rating, notes: c.standards[standard].notes || null })),
  );
  await insertActions(
    trx,
    (c.actions ?? []).map((a, i) => actionRow(dqaId, i, a)),
  );
}

/** Inserts a new DQA; returns its id. */
export async function insertWholeDqa(trx: Kysely<Database>, programId: number, indicatorId: number, c: DqaContent): Promise<number> {
  const now = new Date().toISOString();
  const id = await insertDqa(trx, { program_id: programId, indicator_id: indicatorId, ...headRow(c), created_at: now, updated_at: now });
  await writeParts(trx, id, c);
  return id;
}

/** Replaces a DQA's content (its head, ratings and actions) with `c`. */
export async function replaceWholeDqa(trx: Kysely<Database>, dqaId: number, c: DqaContent): Promise<void> {
  await updateDqa(trx, dqaId, { ...headRow(c), updated_at: new Date().toISOString() });
  await deleteActions(trx, dqaId);
  await writeParts(trx, dqaId, c);
}

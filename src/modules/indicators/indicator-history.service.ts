/**
 * An indicator's change history: every change of a reference field or of the definition
 * (unit, aggregation, disaggregations, sources, formula), who made it, when and why. The one
 * place history rows are written, always with an audit event in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FieldChange } from '../../core/reference-sheet.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertChanges, listChanges } from './indicator-reference.repo.js';

/** One entry of the history, oldest first. */
export type IndicatorChange = Awaited<ReturnType<typeof listChanges>>[number];

/** Everything that changed in the indicator's reference sheet or definition, oldest first. */
export async function indicatorHistory(db: Kysely<Database>, indicatorId: number): Promise<IndicatorChange[]> {
  return listChanges(db, indicatorId);
}

/** Who made a change: a user (id and name) or what the system ran. */
export interface ChangeAuthor {
  userId: number | null;
  by: string;
}

/** The reason a program-folder load gives for what it changes. */
export const FOLDER_LOAD_REASON = 'program folder loaded';

/**
 * Appends `changes` of one indicator to its history and to the audit trail (one `indicator`
 * event with the fields before and after and the reason), inside the caller's transaction.
 */
export async function recordIndicatorChanges(
  trx: Kysely<Database>,
  indicator: { id: number; code: string; programId: number },
  changes: readonly FieldChange[],
  author: ChangeAuthor,
  reason: string,
  at = new Date().toISOString(),
): Promise<void> {
  if (changes.length === 0) return;
  await insertChanges(
    trx,
    changes.map((c) => ({ indicator_id: indicator.id, at, user_id: author.userId, by: author.by, field: c.field, before: c.before, after: c.after, reason })),
  );
  await recordAudit(trx, {
    userId: author.userId,
    action: 'update',
    entity: 'indicator',
    entityId: indicator.id,
    programId: indicator.programId,
    before: { code: indicator.code, ...Object.fromEntries(changes.map((c) => [c.field, c.before])) },
    after: {
      code: indicator.code,
      ...Object.fromEntries(changes.map((c) => [c.field, c.after])),
      reason,
      ...(author.userId === null ? { by: author.by } : {}),
    },
  });
}

/** When the sheet was last updated: its latest change, or when its reference was first stored. */
export function lastUpdated(history: readonly Pick<IndicatorChange, 'at'>[], referenceStoredAt: string | undefined): string | null {
  const dates = [...history.map((h) => h.at), ...(referenceStoredAt ? [referenceStoredAt] : [])];
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

/**
 * The tracking table's own reads and writes: the baselines and targets of a program's
 * indicators at one place (all indicators in one round trip), and the deviation explanations
 * stored per indicator × fiscal year.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { TargetRow } from '../analytics/analytics.repo.js';
import type { TrackingExplanation } from '../../db/schema-tracking.js';

type Db = Kysely<Database>;

/** Baselines and targets of these indicators at one place, not disaggregated, every source. */
export async function findPlaceTargets(db: Db, indicatorIds: readonly number[], placeId: number): Promise<TargetRow[]> {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('target')
    .selectAll()
    .where('indicator_id', 'in', [...indicatorIds])
    .where('place_id', '=', placeId)
    .where('disagg', '=', '')
    .orderBy('start_date')
    .execute();
}

/** The explanations of these indicators for one fiscal year, by indicator id. */
export async function findExplanations(db: Db, indicatorIds: readonly number[], fiscalYear: string): Promise<Map<number, TrackingExplanation>> {
  if (indicatorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tracking_explanation')
    .selectAll()
    .where('indicator_id', 'in', [...indicatorIds])
    .where('fiscal_year', '=', fiscalYear)
    .execute();
  return new Map(rows.map((r) => [r.indicator_id, r]));
}

/** Writes (or, with null text, removes) one indicator's explanation for a fiscal year. */
export async function saveExplanation(db: Db, indicatorId: number, fiscalYear: string, text: string | null, userId: number | null): Promise<void> {
  await db.deleteFrom('tracking_explanation').where('indicator_id', '=', indicatorId).where('fiscal_year', '=', fiscalYear).execute();
  if (text === null) return;
  await db
    .insertInto('tracking_explanation')
    .values({ indicator_id: indicatorId, fiscal_year: fiscalYear, text, updated_at: new Date().toISOString(), updated_by: userId })
    .execute();
}

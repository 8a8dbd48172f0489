/**
 * Deviation explanations: the short text an officer writes for an indicator in a fiscal year
 * (required where the actual misses the target by more than 10 %). Officers and
 * administrators write them; every change is in the audit trail with the text before and after.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import { findExplanations, saveExplanation } from './tracking.repo.js';
import { EXPLANATION_MAX } from './tracking-table.js';
import { parseFiscalYear, trackingCatalog } from './tracking-table.service.js';

export interface ExplanationChange {
  indicator: string;
  fiscal_year: string;
  /** The text now stored; null when it was cleared. */
  text: string | null;
}

/**
 * Sets (or, with an empty text, clears) the explanation of `indicator` for fiscal year
 * `fiscalYearId` of `program`. Refuses text over 2,000 characters, an unknown indicator or a
 * period that is not one of the program's fiscal years, naming the field.
 */
export async function setExplanation(
  db: Kysely<Database>,
  actor: Actor,
  program: string,
  fiscalYearId: string,
  indicator: string,
  text: string,
): Promise<ExplanationChange> {
  requirePermission(actor, 'manage_framework');
  const catalog = await trackingCatalog(db, program);
  const { year } = parseFiscalYear(fiscalYearId, catalog.program.fiscal_year_start_month);
  const ind = catalog.indicators.get(indicator);
  if (!ind || !mayReadIndicator(await indicatorSensitivities(db, catalog), indicator, actor.clearance)) {
    const reason = `program ${catalog.program.code} has no indicator "${indicator}" you may read`;
    throw validationError(reason, [{ column: 'indicator', value: indicator, reason }]);
  }
  const trimmed = text.trim();
  if (trimmed.length > EXPLANATION_MAX) {
    const reason = `at most ${EXPLANATION_MAX} characters (got ${trimmed.length})`;
    throw validationError(`the explanation is too long: ${reason}`, [{ column: 'text', reason }]);
  }
  const stored = trimmed === '' ? null : trimmed;
  return db.transaction().execute(async (trx) => {
    const before = (await findExplanations(trx, [ind.id], year.id)).get(ind.id)?.text ?? null;
    await saveExplanation(trx, ind.id, year.id, stored, actor.userId);
    await recordAudit(trx, {
      userId: actor.userId,
      action: stored === null ? 'delete' : before === null ? 'create' : 'update',
      entity: 'tracking_explanation',
      entityId: `${ind.code}/${year.id}`,
      programId: catalog.program.id,
      before: before === null ? null : { indicator: ind.code, fiscal_year: year.id, text: before },
      after: stored === null ? null : { indicator: ind.code, fiscal_year: year.id, text: stored },
    });
    return { indicator: ind.code, fiscal_year: year.id, text: stored };
  });
}

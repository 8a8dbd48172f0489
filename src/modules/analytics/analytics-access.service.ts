/** Which indicators' aggregates a caller may read, by the indicators' sensitivity. */
import type { Db } from '../../db/database.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { notFound } from '../../core/errors.js';
import { withinClearance } from '../auth/policy.js';
import { findIndicatorSensitivities } from './analytics-access.repo.js';

/** Throws not_found (existence is not disclosed) for an indicator above `ceiling`. */
export async function assertReadableIndicators(db: Db, program: string, codes: readonly string[], ceiling: Clearance): Promise<void> {
  const found = await findIndicatorSensitivities(db, program, codes);
  for (const code of codes) {
    const sensitivity = found.get(code);
    if (!sensitivity || !withinClearance(sensitivity, ceiling)) throw notFound(`program ${program} has no indicator "${code}" you may read`);
  }
}

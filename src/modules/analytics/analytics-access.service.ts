/** Which indicators' aggregates a caller may read, by the indicators' effective sensitivity. */
import type { Db } from '../../db/database.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { notFound } from '../../core/errors.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';

/**
 * Throws not_found (existence is not disclosed) for an indicator above `ceiling`: a formula or
 * roll-up indicator counts as sensitive as the most sensitive data it is computed from.
 */
export async function assertReadableIndicators(db: Db, program: string, codes: readonly string[], ceiling: Clearance): Promise<void> {
  if (codes.length === 0) return;
  const catalog = await loadCatalog(db, program, []);
  const sensitivities = await indicatorSensitivities(db, catalog);
  for (const code of codes) {
    if (!mayReadIndicator(sensitivities, code, ceiling)) throw notFound(`program ${program} has no indicator "${code}" you may read`);
  }
}

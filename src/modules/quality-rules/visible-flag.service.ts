/**
 * A warning on a value as one reader may reach it: whoever may read the value (its row and its
 * indicator, by the indicator's effective sensitivity) reaches its flags; anyone else gets
 * "not found", the same answer as for a flag that is not there. A flag raised by a rule over data
 * more sensitive than the value's indicator (a relation) carries that level too: the reader must
 * be cleared for it as well (docs/security.md, "Validation rules over sensitive data").
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { notFound } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { seesRow } from '../access/visible-data.repo.js';
import { findProgramCode, loadCatalog } from '../catalog/catalog.repo.js';
import { indicatorSensitivities } from '../catalog/indicator-sensitivity.service.js';
import { moreSensitive, withinClearance } from '../../core/sensitivity.js';
import { findFlagWithValue } from './quality-rules.repo.js';

/** The flag with its value's organisation, status, period, program, and how sensitive it is to read (indicator and rule). */
export async function visibleFlag(db: Kysely<Database>, actor: Actor, id: number) {
  const flag = await findFlagWithValue(db, id);
  const scope = dataScope(actor);
  if (!flag || !seesRow(scope, flag)) throw notFound(`no flag ${id}`);
  const catalog = await loadCatalog(db, await findProgramCode(db, flag.program_id), []);
  const effective: Clearance | undefined = (await indicatorSensitivities(db, catalog)).get(flag.indicator);
  if (!effective || !withinClearance(effective, scope.maxSensitivity) || !withinClearance(flag.sensitivity, scope.maxSensitivity))
    throw notFound(`no flag ${id}`);
  return { ...flag, effective: moreSensitive(effective, flag.sensitivity) };
}

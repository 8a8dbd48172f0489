import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict } from '../../core/errors.js';
import { loadCatalog } from '../programs/catalog.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { insertOrganisation } from './organisations.repo.js';

export interface NewOrganisation {
  code: string;
  name_en: string;
  name_es: string;
  kind: string;
  country_code?: string | null | undefined;
  iati_ref?: string | null | undefined;
}

/** Adds an organisation to a program (administrators); audited. */
export async function addOrganisation(db: Kysely<Database>, programCode: string, input: NewOrganisation, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode);
  if (catalog.organisations.has(input.code)) throw conflict(`organisation ${input.code} already exists`);
  return db.transaction().execute(async (trx) => {
    const o = await insertOrganisation(trx, { programId: catalog.program.id, code: input.code, name_en: input.name_en, name_es: input.name_es, kind: input.kind, country_code: input.country_code ?? null, iati_ref: input.iati_ref ?? null });
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'organisation', entityId: o.id, programId: catalog.program.id, after: o });
    return o;
  });
}

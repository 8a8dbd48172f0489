import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, notFound } from '../../core/errors.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { recordAudit } from '../audit/audit.repo.js';
import { findOrganisation, insertOrganisation, updateOrganisation } from './organisations.repo.js';

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
    const o = await insertOrganisation(trx, {
      programId: catalog.program.id,
      code: input.code,
      name_en: input.name_en,
      name_es: input.name_es,
      kind: input.kind,
      country_code: input.country_code ?? null,
      iati_ref: input.iati_ref ?? null,
    });
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'organisation', entityId: o.id, programId: catalog.program.id, after: o });
    return o;
  });
}

export interface OrganisationChange {
  name_en?: string | undefined;
  name_es?: string | undefined;
  kind?: string | undefined;
  country_code?: string | null | undefined;
  iati_ref?: string | null | undefined;
}

/** Changes an organisation's names, kind, country or IATI reference (administrators); audited. The code never changes: data refers to it. */
export async function changeOrganisation(db: Kysely<Database>, programCode: string, code: string, change: OrganisationChange, actorId: number | null) {
  const catalog = await loadCatalog(db, programCode);
  const before = await findOrganisation(db, catalog.program.id, code);
  if (!before) throw notFound(`no organisation "${code}"`);
  return db.transaction().execute(async (trx) => {
    const after = await updateOrganisation(trx, before.id, {
      name_en: change.name_en ?? before.name_en,
      name_es: change.name_es ?? before.name_es,
      kind: change.kind ?? before.kind,
      country_code: change.country_code === undefined ? before.country_code : change.country_code,
      iati_ref: change.iati_ref === undefined ? before.iati_ref : change.iati_ref,
    });
    await recordAudit(trx, { userId: actorId, action: 'update', entity: 'organisation', entityId: before.id, programId: catalog.program.id, before, after });
    return after;
  });
}

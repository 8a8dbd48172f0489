import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

const COLUMNS = ['id', 'code', 'name_en', 'name_es', 'kind', 'country_code', 'iati_ref'] as const;

export async function listOrganisations(db: Kysely<Database>, programId: number) {
  return db.selectFrom('organisation').select(COLUMNS).where('program_id', '=', programId).orderBy('code').execute();
}

export async function insertOrganisation(
  db: Kysely<Database>,
  o: { programId: number; code: string; name_en: string; name_es: string; kind: string; country_code: string | null; iati_ref: string | null },
) {
  return db
    .insertInto('organisation')
    .values({ program_id: o.programId, code: o.code, name_en: o.name_en, name_es: o.name_es, kind: o.kind, country_code: o.country_code, iati_ref: o.iati_ref })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findOrganisation(db: Kysely<Database>, programId: number, code: string) {
  return db.selectFrom('organisation').select(COLUMNS).where('program_id', '=', programId).where('code', '=', code).executeTakeFirst();
}

export async function updateOrganisation(
  db: Kysely<Database>,
  id: number,
  o: { name_en: string; name_es: string; kind: string; country_code: string | null; iati_ref: string | null },
) {
  return db.updateTable('organisation').set(o).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
}

import type { Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { Database, TargetTable } from '../../db/schema.js';
import { keyEquals } from '../../db/fact-key.js';

export async function listTargets(db: Kysely<Database>, indicatorIds: readonly number[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .selectFrom('target as t')
    .innerJoin('place as p', 'p.id', 't.place_id')
    .select(['t.id', 't.indicator_id', 'p.code as place', 't.period', 't.source', 't.disagg', 't.kind', 't.value', 't.provenance', 't.note'])
    .where('t.indicator_id', 'in', indicatorIds)
    .orderBy('t.period')
    .execute();
}

/** A baseline or target as stored. */
export type TargetRow = Insertable<TargetTable>;

export async function findTarget(db: Kysely<Database>, k: Pick<TargetRow, 'indicator_id' | 'place_id' | 'period' | 'source' | 'disagg' | 'kind'>) {
  return db.selectFrom('target').selectAll().where(keyEquals(k)).where('kind', '=', k.kind).executeTakeFirst();
}

export async function upsertTarget(db: Kysely<Database>, t: TargetRow) {
  return db
    .insertInto('target')
    .values(t)
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'place_id', 'period', 'source', 'disagg', 'kind']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        provenance: eb.ref('excluded.provenance'),
        note: eb.ref('excluded.note'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The program's disaggregation dimensions with their options (in their order), named in both languages. */
export async function listDimensions(db: Kysely<Database>, programId: number) {
  const rows = await db
    .selectFrom('dimension as d')
    .leftJoin('dimension_option as o', 'o.dimension_id', 'd.id')
    .select(['d.id', 'd.code', 'd.name_en', 'd.name_es', 'o.code as option_code', 'o.name_en as option_name_en', 'o.name_es as option_name_es'])
    .where('d.program_id', '=', programId)
    .orderBy('d.code')
    .orderBy('o.sort')
    .orderBy('o.code')
    .execute();
  const byId = new Map<number, { code: string; name_en: string; name_es: string; options: { code: string; name_en: string; name_es: string }[] }>();
  for (const r of rows) {
    let d = byId.get(r.id);
    if (!d) byId.set(r.id, (d = { code: r.code, name_en: r.name_en, name_es: r.name_es, options: [] }));
    if (r.option_code !== null) d.options.push({ code: r.option_code, name_en: r.option_name_en ?? r.option_code, name_es: r.option_name_es ?? r.option_code });
  }
  return [...byId.values()];
}

/**
 * The coarse fact level: the facts of record-fed indicators (origin `records`) summed per
 * indicator × source × department (the place-level-2 ancestor, or the place itself above that)
 * × period × disaggregation. The same deltas keep it in the same transaction as the leaf facts
 * (facts.repo.ts), and analytics read it instead of the leaf facts when a query groups and
 * filters no finer (analytics.service.ts): a few thousand rows instead of hundreds of thousands.
 *
 * `a_n`, `a_derived` and `a_illustrative` are n, n_derived and n_illustrative summed over the
 * leaf facts that hold approved contributions (n_approved > 0), which is what an approved-only
 * query reads at leaf level.
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  await db.schema
    .createTable('fact_coarse')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    // The leaf facts' p2, or their p1 for facts of level-1 places (whose p2 is null).
    .addColumn('place_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('disagg', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('p1', 'integer')
    .addColumn('p2', 'integer')
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('value_approved', 'double precision', (c) => c.notNull())
    .addColumn('n_approved', 'integer', (c) => c.notNull())
    .addColumn('n_derived', 'integer', (c) => c.notNull())
    .addColumn('n_illustrative', 'integer', (c) => c.notNull())
    .addColumn('a_n', 'integer', (c) => c.notNull())
    .addColumn('a_derived', 'integer', (c) => c.notNull())
    .addColumn('a_illustrative', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_coarse_pk', ['indicator_id', 'source', 'place_id', 'period', 'disagg'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();

  // Databases that already hold records get their coarse level from the leaf facts.
  const approved = (col: string) => sql.raw(`sum(case when f.n_approved > 0 then f.${col} else 0 end)`);
  await sql`
    insert into fact_coarse (indicator_id, source, place_id, period, disagg, start_date, end_date, p1, p2,
      value, n, value_approved, n_approved, n_derived, n_illustrative, a_n, a_derived, a_illustrative)
    select f.indicator_id, f.source, coalesce(f.p2, f.p1, f.place_id), f.period, f.disagg, min(f.start_date), min(f.end_date),
      max(f.p1), max(f.p2), sum(f.value), sum(f.n), sum(f.value_approved), sum(f.n_approved), sum(f.n_derived), sum(f.n_illustrative),
      ${approved('n')}, ${approved('n_derived')}, ${approved('n_illustrative')}
    from fact f inner join indicator i on i.id = f.indicator_id
    where i.origin = 'records'
    group by f.indicator_id, f.source, coalesce(f.p2, f.p1, f.place_id), f.period, f.disagg
  `.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('fact_coarse').ifExists().execute();
}

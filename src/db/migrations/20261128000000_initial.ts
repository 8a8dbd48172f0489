/**
 * The first schema: places, organisations, programs, framework, indicators, targets, data
 * values and the live fact table. Shipped migrations are never edited; add a new file instead.
 */
import { sql, type Kysely, type CreateTableBuilder } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  const table = (name: string): CreateTableBuilder<string, 'id'> =>
    db.schema.createTable(name).addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().notNull());

  await table('program')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('fiscal_year_start_month', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('place')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('place.id'))
    .addColumn('p1', 'integer')
    .addColumn('p2', 'integer')
    .addColumn('p3', 'integer')
    .addColumn('p4', 'integer')
    .addColumn('p5', 'integer')
    .addColumn('p6', 'integer')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('alt_codes', 'text')
    .addColumn('boundary', 'text')
    .addUniqueConstraint('place_program_code', ['program_id', 'code'])
    .execute();
  await db.schema.createIndex('place_parent').on('place').column('parent_id').execute();

  for (const name of ['zone', 'source', 'dimension']) {
    await table(name)
      .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_es', 'text', (c) => c.notNull())
      .$call((t) => (name === 'source' ? t.addColumn('url', 'text') : t))
      .addUniqueConstraint(`${name}_program_code`, ['program_id', 'code'])
      .execute();
  }

  await db.schema
    .createTable('zone_place')
    .addColumn('zone_id', 'integer', (c) => c.notNull().references('zone.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('place.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('zone_place_pk', ['zone_id', 'place_id'])
    .execute();

  await table('organisation')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text')
    .addColumn('iati_ref', 'text')
    .addUniqueConstraint('organisation_program_code', ['program_id', 'code'])
    .execute();

  await table('dimension_option')
    .addColumn('dimension_id', 'integer', (c) => c.notNull().references('dimension.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('dimension_option_code', ['dimension_id', 'code'])
    .execute();

  await table('framework_node')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('framework_node.id'))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text')
    .addColumn('description_es', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('framework_node_program_code', ['program_id', 'code'])
    .execute();

  await table('indicator')
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('component_id', 'integer', (c) => c.references('framework_node.id'))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_es', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text')
    .addColumn('description_es', 'text')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('agg_time', 'text', (c) => c.notNull())
    .addColumn('agg_place', 'text', (c) => c.notNull())
    .addColumn('sensitivity', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('formula', 'text')
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('indicator_program_code', ['program_id', 'code'])
    .execute();

  await db.schema
    .createTable('indicator_source')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('indicator_source_pk', ['indicator_id', 'source_id'])
    .execute();
  await db.schema
    .createTable('indicator_dimension')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('dimension_id', 'integer', (c) => c.notNull().references('dimension.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('indicator_dimension_pk', ['indicator_id', 'dimension_id'])
    .execute();

  await table('target')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('place.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disagg', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('target_key', ['indicator_id', 'place_id', 'period', 'source', 'disagg', 'kind'])
    .execute();

  await table('data_value')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('place.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('disagg', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('sourced'))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('data_value_key', ['indicator_id', 'place_id', 'period', 'disagg', 'source'])
    .execute();
  await db.schema.createIndex('data_value_org_status').on('data_value').columns(['organisation_id', 'status']).execute();

  // Clustered on its key in SQLite (WITHOUT ROWID): all facts of one indicator sit together,
  // so an analytics query reads one contiguous range.
  await db.schema
    .createTable('fact')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('place_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('disagg', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('p1', 'integer')
    .addColumn('p2', 'integer')
    .addColumn('p3', 'integer')
    .addColumn('p4', 'integer')
    .addColumn('p5', 'integer')
    .addColumn('p6', 'integer')
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('value_approved', 'double precision', (c) => c.notNull())
    .addColumn('n_approved', 'integer', (c) => c.notNull())
    .addColumn('n_derived', 'integer', (c) => c.notNull())
    .addColumn('n_illustrative', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fact_pk', ['indicator_id', 'source', 'place_id', 'period', 'disagg'])
    .$call((t) => (pg ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'fact',
    'data_value',
    'target',
    'indicator_dimension',
    'indicator_source',
    'indicator',
    'framework_node',
    'dimension_option',
    'organisation',
    'zone_place',
    'dimension',
    'source',
    'zone',
    'place',
    'program',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

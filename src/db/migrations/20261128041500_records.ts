/**
 * Records: a program's own record types (JSON definitions; built-in types ship with the code
 * and are not stored) and the records themselves, their fields as JSON text with values
 * already normalised (quantities in canonical units). Their roll-ups live in the fact table.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  await db.schema
    .createTable('record_type')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_type_program_code', ['program_id', 'code'])
    .execute();

  await db.schema
    .createTable('record')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('type_code', 'text', (c) => c.notNull())
    // The submitter's own key: re-importing a file updates the records it names instead of duplicating them.
    .addColumn('ref', 'text')
    .addColumn('place_id', 'integer', (c) => c.notNull().references('place.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('sourced'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_ref', ['program_id', 'type_code', 'ref'])
    .execute();
  // Lists are by type and date range; kept to one secondary index so bulk loads stay fast.
  await db.schema.createIndex('record_type_date').on('record').columns(['program_id', 'type_code', 'date']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('record').ifExists().execute();
  await db.schema.dropTable('record_type').ifExists().execute();
}

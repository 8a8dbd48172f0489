/**
 * Report definitions: a program's fact sheets and progress reports, as the JSON its folder
 * holds (`reports/<code>.json`), stored so that reports render from the database alone.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = engineOf(db) === 'postgres';
  await db.schema
    .createTable('report_definition')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    // A digest of the definition, recorded in every report made from it.
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_definition_program_code', ['program_id', 'code'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('report_definition').ifExists().execute();
}

/**
 * Issue 16, validation rules and outliers:
 * - `quality_rule`: a program's validation rules (src/core/quality-rules.ts), one row each,
 *   the definition kept as JSON text beside its code, kind and severity;
 * - `value_flag`: the warnings a stored value raised when it was written (a warning rule
 *   broken, or an outlier), with what was expected; an officer acknowledges each with a comment
 *   before approving. A value's flags are recomputed whenever the value changes.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('quality_rule')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    // range | whole | relation | outlier
    .addColumn('kind', 'text', (c) => c.notNull())
    // error | warning
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('quality_rule_program_code', ['program_id', 'code'])
    .execute();
  await db.schema
    .createTable('value_flag')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('value_id', 'integer', (c) => c.notNull().references('data_value.id').onDelete('cascade'))
    .addColumn('rule_code', 'text', (c) => c.notNull())
    // range | whole | relation | outlier
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    // JSON: a number, or {"low", "high"} for an outlier
    .addColumn('expected', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('value_flag_value').on('value_flag').column('value_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('value_flag').ifExists().execute();
  await db.schema.dropTable('quality_rule').ifExists().execute();
}

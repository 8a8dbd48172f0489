/**
 * Failed sign-ins, kept in the database rather than in process memory, so that the lockout
 * holds when several server processes (`vigia serve --workers N`) share the database.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('sign_in_failure')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    // `email:<address>` or `client:<address>`
    .addColumn('key', 'text', (c) => c.notNull())
    // Milliseconds since the epoch: Date.now() does not fit a 32-bit integer.
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_failure_key_at').on('sign_in_failure').columns(['key', 'at_ms']).execute();
  await db.schema.createIndex('sign_in_failure_at').on('sign_in_failure').column('at_ms').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('sign_in_failure').ifExists().execute();
}

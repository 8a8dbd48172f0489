/**
 * Issue 12, sign-in and clearance hardening:
 * - `sign_in_failure.pending`: an attempt is written down (pending) before its password is
 *   hashed, so that attempts made at the same moment count against each other, and the number
 *   in flight per e-mail and per address can be capped.
 * - `clearance_grant`: restricted clearance needs a second administrator (two-person rule); the
 *   request waits here until another administrator approves or refuses it.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .alterTable('sign_in_failure')
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('clearance_grant')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('clearance', 'text', (c) => c.notNull())
    // pending, approved or rejected
    .addColumn('status', 'text', (c) => c.notNull())
    // null when asked on the server itself (the CLI)
    .addColumn('requested_by', 'integer')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('clearance_grant_status').on('clearance_grant').columns(['status', 'user_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('clearance_grant').ifExists().execute();
  await db.schema.alterTable('sign_in_failure').dropColumn('pending').execute();
}

/**
 * Issue 14, accounts people expect:
 * - `app_user.must_change_password`: 1 while the user holds a one-time password (generated at
 *   creation or by an administrator's reset); the API then allows only sign-out, "me" and the
 *   password change until the user picks their own.
 * - `app_user.language`: the user's language (`en`/`es`), null until chosen; the web app and
 *   e-mails use it.
 * - `password_reset`: the single-use links of "forgot password", stored as hashes, expiring.
 */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .alterTable('app_user')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('app_user').addColumn('language', 'text').execute();
  await db.schema
    .createTable('password_reset')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    // SHA-256 of the link's token; the token itself is only in the e-mail
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('password_reset').ifExists().execute();
  await db.schema.alterTable('app_user').dropColumn('language').execute();
  await db.schema.alterTable('app_user').dropColumn('must_change_password').execute();
}

/** Accounts, sessions, API tokens and the append-only audit trail. */
import type { Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('app_user')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('clearance', 'text', (c) => c.notNull().defaultTo('official'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_token')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema
    .createTable('audit_event')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('program_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema.createIndex('audit_event_entity').on('audit_event').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_event_user_at').on('audit_event').columns(['user_id', 'at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['audit_event', 'api_token', 'session', 'app_user']) await db.schema.dropTable(t).ifExists().execute();
}

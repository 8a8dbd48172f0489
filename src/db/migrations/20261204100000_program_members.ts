/**
 * Issue 17, programs as tenants: `program_member` gives a user a role in one program (analyst,
 * partner with its organisation, officer, program administrator) and optionally a lower
 * clearance there. `app_user.role = 'admin'` stays the system administrator (everything,
 * everywhere) and needs no membership. Existing users keep the access they had: every other user
 * becomes a member of every existing program with their role; a partner is a partner in its
 * organisation's program and an analyst (read approved data) in the others, which is what it could
 * do there before (docs/security.md, "Roles are per program").
 */
import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const id = engineOf(db) === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('program_member')
    .addColumn('id', id, (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('program_id', 'integer', (c) => c.notNull().references('program.id').onDelete('cascade'))
    // analyst, partner, officer, admin (the program's administrator)
    .addColumn('role', 'text', (c) => c.notNull())
    // A partner's organisation, of this program
    .addColumn('organisation_id', 'integer', (c) => c.references('organisation.id').onDelete('restrict'))
    // null: the account's clearance; otherwise the lower of the two applies in this program
    .addColumn('clearance', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('program_member_user_program', ['user_id', 'program_id'])
    .execute();
  await db.schema.createIndex('program_member_program').on('program_member').columns(['program_id', 'user_id']).execute();
  const now = new Date().toISOString();
  await sql`
    insert into program_member (user_id, program_id, role, organisation_id, clearance, created_at)
    select u.id, p.id,
      case when u.role <> 'partner' then u.role when o.program_id = p.id then 'partner' else 'analyst' end,
      case when u.role = 'partner' and o.program_id = p.id then u.organisation_id else null end,
      null, ${now}
    from app_user u
    cross join program p
    left join organisation o on o.id = u.organisation_id
    where u.role <> 'admin'`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('program_member').ifExists().execute();
}

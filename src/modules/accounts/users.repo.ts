import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, Role, User } from '../../db/schema-accounts.js';
import type { Language } from '../../core/languages.js';

/** A user as shown to anyone: never the password hash. */
export type PublicUser = Omit<User, 'password_hash'>;

const PUBLIC_COLUMNS = ['id', 'email', 'name', 'role', 'organisation_id', 'clearance', 'active', 'created_at', 'must_change_password', 'language'] as const;

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<User | undefined> {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<PublicUser | undefined> {
  return db.selectFrom('app_user').select(PUBLIC_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Kysely<Database>): Promise<PublicUser[]> {
  return db.selectFrom('app_user').select(PUBLIC_COLUMNS).orderBy('email').execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  organisationId: number | null;
  clearance: Clearance;
  /** True for a one-time password (generated): the user must change it at first sign-in. */
  mustChangePassword: boolean;
}

export async function insertUser(db: Kysely<Database>, u: NewUser): Promise<PublicUser> {
  return db
    .insertInto('app_user')
    .values({
      email: u.email.toLowerCase(),
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role,
      organisation_id: u.organisationId,
      clearance: u.clearance,
      active: 1,
      created_at: new Date().toISOString(),
      must_change_password: u.mustChangePassword ? 1 : 0,
    })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Sets the password hash; `oneTime` marks it as a one-time password (an administrator's reset)
 * that the user must change, false clears the mark (the user chose it).
 */
export async function updatePasswordHash(db: Kysely<Database>, id: number, passwordHash: string, oneTime = false): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: oneTime ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function updateUserLanguage(db: Kysely<Database>, id: number, language: Language | null): Promise<PublicUser> {
  return db.updateTable('app_user').set({ language }).where('id', '=', id).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

/** An organisation by code: of `programId` when given, else the first with that code. */
export async function findOrganisationId(db: Kysely<Database>, code: string, programId?: number): Promise<number | undefined> {
  let q = db.selectFrom('organisation').select('id').where('code', '=', code);
  if (programId !== undefined) q = q.where('program_id', '=', programId);
  const r = await q.orderBy('id').executeTakeFirst();
  return r?.id;
}

export async function updateUserAccess(
  db: Kysely<Database>,
  id: number,
  a: { role: Role; clearance: Clearance; active: number; organisation_id: number | null },
): Promise<PublicUser> {
  return db.updateTable('app_user').set(a).where('id', '=', id).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

export async function updateUserName(db: Kysely<Database>, id: number, name: string): Promise<PublicUser> {
  return db.updateTable('app_user').set({ name }).where('id', '=', id).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
}

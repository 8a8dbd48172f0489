/** Managing accounts. Passwords are hashed here and never leave this module in clear. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, Role } from '../../db/schema-accounts.js';
import { conflict, notFound, validationError, type IssueDetail } from '../../core/errors.js';
import { ROLES } from '../../core/roles.js';
import { SENSITIVITIES } from '../../core/sensitivity.js';
import { LANGUAGES, isLanguage, type Language } from '../../core/languages.js';
import { generatePassword, hashPassword, passwordProblem } from './password.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { Actor } from '../access/actor.js';
import { endCredentials } from './end-credentials.js';
import { memberProgramsOf, setAccountMemberships } from './account-memberships.repo.js';
import { findProgram } from '../catalog/catalog.repo.js';
import type { ClearanceGrant } from '../../db/schema-accounts.js';
import { clearanceChangeMode, requestClearance } from './clearance-grants.service.js';
import {
  countUsers,
  findOrganisationId,
  findUserByEmail,
  findUserById,
  insertUser,
  updatePasswordHash,
  updateUserAccess,
  updateUserLanguage,
  updateUserName,
  type PublicUser,
} from './users.repo.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: string;
  /** Organisation code; partners must belong to one. */
  organisation?: string | undefined;
  clearance?: string | undefined;
  /** When absent a random password is generated and returned once. */
  password?: string | undefined;
  /**
   * A program code: the user becomes a member of that program only (its organisation must be
   * of that program). When absent, a member of every existing program with the role (a partner:
   * partner in its organisation's program, analyst in the others), as existing users were.
   */
  program?: string | undefined;
}

/**
 * Creates a user; returns the user and the password when it was generated. `by` is the
 * administrator (null: the server itself, the CLI). Restricted clearance asked by an
 * administrator starts as official with a pending grant for a second administrator.
 */
export async function createUser(
  db: Kysely<Database>,
  input: CreateUserInput,
  by: Actor | null,
): Promise<{ user: PublicUser; generatedPassword?: string; pendingGrant?: ClearanceGrant }> {
  const actorId = by?.userId ?? null;
  const issues: IssueDetail[] = [];
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) issues.push({ column: 'email', value: input.email, reason: 'not an email address' });
  if (!input.name.trim()) issues.push({ column: 'name', reason: 'a name is required' });
  if (!ROLES.includes(input.role as Role)) issues.push({ column: 'role', value: input.role, reason: `must be one of ${ROLES.join(', ')}` });
  const clearance = (input.clearance ?? (input.role === 'partner' ? 'official' : 'official')) as Clearance;
  if (!SENSITIVITIES.includes(clearance)) issues.push({ column: 'clearance', value: input.clearance, reason: `must be one of ${SENSITIVITIES.join(', ')}` });
  const problem = input.password !== undefined ? passwordProblem(input.password) : null;
  if (problem) issues.push({ column: 'password', reason: problem });
  let organisationId: number | null = null;
  const program = input.program === undefined ? null : await findProgram(db, input.program).catch(() => null);
  if (input.program !== undefined && !program) issues.push({ column: 'program', value: input.program, reason: 'unknown program code' });
  if (input.organisation) {
    organisationId = (await findOrganisationId(db, input.organisation, program?.id)) ?? null;
    if (organisationId === null) issues.push({ column: 'organisation', value: input.organisation, reason: 'unknown organisation code' });
  } else if (input.role === 'partner') {
    issues.push({ column: 'organisation', reason: 'a partner user must belong to an organisation' });
  }
  if (issues.length) throw validationError('the user cannot be created', issues);
  const twoPerson = clearanceChangeMode(by, 'official', clearance) === 'two_person';
  if (await findUserByEmail(db, email)) throw conflict(`a user with email ${email} already exists`);

  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const { user, pendingGrant } = await db.transaction().execute(async (trx) => {
    const u = await insertUser(trx, {
      email,
      name: input.name.trim(),
      passwordHash,
      role: input.role as Role,
      organisationId,
      clearance: twoPerson ? 'official' : clearance,
      // A generated password is a one-time password: its user must choose their own.
      mustChangePassword: input.password === undefined,
    });
    await recordAudit(trx, { userId: actorId, action: 'create', entity: 'user', entityId: u.id, after: u });
    await setAccountMemberships(trx, u, program ? [program.id] : null);
    return { user: u, pendingGrant: twoPerson ? await requestClearance(trx, u.id, clearance, actorId) : undefined };
  });
  return { user, ...(input.password === undefined ? { generatedPassword: password } : {}), ...(pendingGrant ? { pendingGrant } : {}) };
}

/**
 * Sets a new random one-time password (returned once) that the user must change at their next
 * sign-in, and ends the user's sessions, API tokens and "forgot password" links.
 */
export async function resetPassword(db: Kysely<Database>, email: string, actorId: number | null): Promise<string> {
  const user = await findUserByEmail(db, email);
  if (!user) throw notFound(`no user with email ${email}`);
  return resetPasswordById(db, user.id, actorId);
}

export async function resetPasswordById(db: Kysely<Database>, id: number, actorId: number | null): Promise<string> {
  const user = await findUserById(db, id);
  if (!user) throw notFound(`no user ${id}`);
  const password = generatePassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, hash, true);
    const ended = await endCredentials(trx, user.id);
    await recordAudit(trx, {
      userId: actorId,
      action: 'reset_password',
      entity: 'user',
      entityId: user.id,
      after: { credentials_ended: ended, must_change_password: true },
    });
  });
  return password;
}

export interface UserChange {
  /** The display name; the other fields are permissions. */
  name?: string | undefined;
  role?: string | undefined;
  clearance?: string | undefined;
  active?: boolean | undefined;
  organisation?: string | null | undefined;
}

/**
 * Changes a user's display name and what they may do: one audit event records the permissions
 * before and after, another the name (each only when given). A change of role, clearance,
 * organisation or status ends the user's sessions and API tokens. A clearance above `by`'s own
 * is refused; restricted clearance becomes a pending grant (`pendingGrant`) for a second
 * administrator, while the rest of the change applies at once.
 */
export async function changeUser(
  db: Kysely<Database>,
  id: number,
  change: UserChange,
  by: Actor | null,
): Promise<{ user: PublicUser; pendingGrant?: ClearanceGrant }> {
  const actorId = by?.userId ?? null;
  const before = await findUserById(db, id);
  if (!before) throw notFound(`no user ${id}`);
  const issues: IssueDetail[] = [];
  const name = change.name?.trim();
  if (change.name !== undefined && !name) issues.push({ column: 'name', reason: 'a name is required' });
  if (change.role !== undefined && !ROLES.includes(change.role as Role))
    issues.push({ column: 'role', value: change.role, reason: `must be one of ${ROLES.join(', ')}` });
  if (change.clearance !== undefined && !SENSITIVITIES.includes(change.clearance as Clearance))
    issues.push({ column: 'clearance', value: change.clearance, reason: `must be one of ${SENSITIVITIES.join(', ')}` });
  let organisationId = before.organisation_id;
  if (change.organisation !== undefined) {
    organisationId = change.organisation === null ? null : ((await findOrganisationId(db, change.organisation)) ?? null);
    if (change.organisation !== null && organisationId === null)
      issues.push({ column: 'organisation', value: change.organisation, reason: 'unknown organisation code' });
  }
  const role = (change.role ?? before.role) as Role;
  if (role === 'partner' && organisationId === null) issues.push({ column: 'organisation', reason: 'a partner user must belong to an organisation' });
  if (issues.length) throw validationError('the user cannot be changed', issues);
  const wanted = (change.clearance ?? before.clearance) as Clearance;
  const twoPerson = clearanceChangeMode(by, before.clearance, wanted) === 'two_person';
  const clearance = twoPerson ? before.clearance : wanted;
  const permissions = change.role !== undefined || change.clearance !== undefined || change.active !== undefined || change.organisation !== undefined;
  return db.transaction().execute(async (trx) => {
    const renamed = name ? await rename(trx, before, name, actorId) : before;
    const pendingGrant = twoPerson ? await requestClearance(trx, id, wanted, actorId) : undefined;
    if (!permissions) return { user: renamed };
    const active = change.active === undefined ? before.active : change.active ? 1 : 0;
    const changed = role !== before.role || clearance !== before.clearance || active !== before.active || organisationId !== before.organisation_id;
    if (!changed) return { user: renamed, ...(pendingGrant ? { pendingGrant } : {}) };
    const after = await updateUserAccess(trx, id, { role, clearance, active, organisation_id: organisationId });
    // The account's role applies in every program the user is a member of (the members API sets one program's).
    if (role !== before.role || organisationId !== before.organisation_id) await setAccountMemberships(trx, after, await memberProgramsOf(trx, id));
    const ended = await endCredentials(trx, id);
    await recordAudit(trx, {
      userId: actorId,
      action: 'change_permissions',
      entity: 'user',
      entityId: id,
      before: renamed,
      after: { ...after, credentials_ended: ended },
    });
    return { user: after, ...(pendingGrant ? { pendingGrant } : {}) };
  });
}

/** Sets a user's display name inside `trx`; audited with the name before and after. */
async function rename(trx: Kysely<Database>, user: PublicUser, name: string, actorId: number | null): Promise<PublicUser> {
  if (name === user.name) return user;
  const after = await updateUserName(trx, user.id, name);
  await recordAudit(trx, { userId: actorId, action: 'rename', entity: 'user', entityId: user.id, before: { name: user.name }, after: { name } });
  return after;
}

/**
 * A signed-in user changes their own display name and language (nothing else); each change is
 * audited with its value before and after.
 */
export async function changeOwnAccount(
  db: Kysely<Database>,
  userId: number,
  change: { name?: string | undefined; language?: Language | undefined },
): Promise<PublicUser> {
  const user = await findUserById(db, userId);
  if (!user) throw notFound(`no user ${userId}`);
  const trimmed = change.name?.trim();
  if (change.name !== undefined && !trimmed) throw validationError('the name cannot be changed', [{ column: 'name', reason: 'a name is required' }]);
  if (change.language !== undefined && !isLanguage(change.language))
    throw validationError('the language cannot be changed', [{ column: 'language', value: change.language, reason: `must be one of ${LANGUAGES.join(', ')}` }]);
  return db.transaction().execute(async (trx) => {
    const renamed = trimmed ? await rename(trx, user, trimmed, userId) : user;
    if (change.language === undefined || change.language === user.language) return renamed;
    const after = await updateUserLanguage(trx, userId, change.language);
    await recordAudit(trx, {
      userId,
      action: 'set_language',
      entity: 'user',
      entityId: userId,
      before: { language: user.language },
      after: { language: after.language },
    });
    return after;
  });
}

/** The address of the administrator created on a new database. */
export const FIRST_ADMIN_EMAIL = 'admin@vigia.local';

/**
 * On a database with no user yet, creates an administrator with a random password and returns
 * it (to be shown once); otherwise returns null.
 */
export async function ensureAdministrator(db: Kysely<Database>): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  const r = await createUser(db, { email: FIRST_ADMIN_EMAIL, name: 'Administrator', role: 'admin', clearance: 'restricted' }, null);
  return r.generatedPassword ?? null;
}

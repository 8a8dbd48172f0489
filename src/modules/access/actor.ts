/**
 * Who is asking: the signed-in user reduced to what authorization needs, or the public.
 *
 * Roles are per program (program_member): the account-wide actor carries the user's memberships,
 * and `actorIn` gives the actor *in one program* — the membership's role, organisation and
 * clearance, or what the public may do when the user is not a member. `app_user.role = 'admin'`
 * is the system administrator: the same actor in every program. The guard (src/http/guard.ts)
 * scopes the actor to the program of the route; services that reach a program through an
 * object's id scope it to the object's program.
 */
import { withinClearance } from '../../core/sensitivity.js';
import type { Clearance, Role, User } from '../../db/schema-accounts.js';

/** A user's role, organisation and clearance in one program. */
export interface Membership {
  programId: number;
  programCode: string;
  role: Role;
  organisationId: number | null;
  /** null: the account's clearance; otherwise the lower of the two applies. */
  clearance: Clearance | null;
}

export interface Actor {
  userId: number | null;
  role: Role | 'public';
  organisationId: number | null;
  clearance: Clearance;
  /**
   * The user's memberships (the auth middleware loads them for every signed-in request).
   * Undefined for an actor made without them (the system, tests of the policy): its role then
   * applies in every program, as before memberships existed.
   */
  memberships?: readonly Membership[] | undefined;
  /** The program this actor was scoped to by `actorIn`; undefined for the account-wide actor. */
  programId?: number | undefined;
  /** The account-wide actor a scoped one was made from. */
  account?: Actor | undefined;
}

export const PUBLIC_ACTOR: Actor = Object.freeze({ userId: null, role: 'public', organisationId: null, clearance: 'public' });

/** The columns of a user (a stored row, or the accounts module's `PublicUser`) an actor is made of. */
export type ActorSource = Pick<User, 'id' | 'role' | 'organisation_id' | 'clearance'>;

const RANK: Record<Role, number> = { analyst: 0, partner: 1, officer: 2, admin: 2 };
/** A program administrator is an officer outside its program's routes: never the system administrator. */
const accountRole = (r: Role): Role => (r === 'admin' ? 'officer' : r);

/**
 * The account-wide actor. With memberships, its role (checked by routes that name no program,
 * whose services then scope to each object's program or list member programs only) is the
 * strongest it holds in any program (a program administrator's counts as an officer's) — an
 * analyst's when it holds none; a system administrator stays one.
 */
export function actorOf(user: ActorSource | null | undefined, memberships?: readonly Membership[]): Actor {
  if (!user) return PUBLIC_ACTOR;
  const actor: Actor = { userId: user.id, role: user.role, organisationId: user.organisation_id, clearance: user.clearance };
  if (!memberships) return actor;
  const role = user.role === 'admin' ? 'admin' : memberships.reduce<Role>((best, m) => (RANK[m.role] > RANK[best] ? accountRole(m.role) : best), 'analyst');
  return { ...actor, role, memberships };
}

/** True for the system administrator (every program, every permission). */
export function isSystemAdmin(actor: Actor): boolean {
  return (actor.account ?? actor).role === 'admin';
}

/** The membership an actor holds in a program (by id or by code), if any. */
export function membershipIn(actor: Actor, program: { id: number } | { code: string }): Membership | undefined {
  return (actor.account ?? actor).memberships?.find((m) => ('id' in program ? m.programId === program.id : m.programCode === program.code));
}

/**
 * The actor in one program: the system administrator and an actor without loaded memberships
 * stay as they are; a member gets the membership's role, organisation and the lower of the two
 * clearances; anyone else is what the public is there (keeping the user id, so a refusal is a
 * 403, not "sign in first").
 */
export function actorIn(scoped: Actor, program: { id: number } | { code: string }): Actor {
  const actor = scoped.account ?? scoped;
  const m = membershipIn(actor, program);
  const programId = m?.programId ?? ('id' in program ? program.id : -1);
  if (actor.role === 'public' || actor.role === 'admin' || actor.memberships === undefined) return { ...actor, programId, account: actor };
  if (!m) return { userId: actor.userId, role: 'public', organisationId: null, clearance: 'public', programId, account: actor };
  const clearance = m.clearance && withinClearance(m.clearance, actor.clearance) ? m.clearance : actor.clearance;
  return { userId: actor.userId, role: m.role, organisationId: m.organisationId, clearance, programId, account: actor };
}

/** The ids of programs where the actor is a member (null: every program — the system administrator or an unscoped actor). */
export function memberProgramIds(scoped: Actor): number[] | null {
  const actor = scoped.account ?? scoped;
  if (actor.role === 'admin' || (actor.role !== 'public' && actor.memberships === undefined)) return null;
  return (actor.memberships ?? []).map((m) => m.programId);
}

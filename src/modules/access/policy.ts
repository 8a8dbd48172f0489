/**
 * Authorization, in one place. Routes declare the permission they need; services ask
 * `dataScope` what an actor may see of the data. Nothing else decides who may do what.
 *
 * | role     | may |
 * |----------|-----|
 * | public   | read approved aggregates of public indicators, program metadata |
 * | analyst  | + read approved data up to "official" |
 * | partner  | + write and submit its own organisation's data; read its own drafts |
 * | officer  | + read all data of the program, approve/return/unlock, manage the framework and targets, read the audit trail |
 * | admin    | everything, incl. users, organisations and places |
 *
 * Restricted fields and indicators additionally need the user's clearance to be "restricted".
 * Roles are per program (actor.ts `actorIn`): the checks here take an actor already scoped to
 * the program of what is asked; a signed-in user who is not a member acts there as the public.
 */
import { VigiaError } from '../../core/errors.js';
import { withinClearance } from '../../core/sensitivity.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { actorIn, memberProgramIds, type Actor } from './actor.js';

export type Permission =
  'read_public' | 'read_data' | 'write_data' | 'approve' | 'manage_framework' | 'manage_program' | 'manage_users' | 'read_audit' | 'own_account';

const GRANTS: Record<Actor['role'], readonly Permission[]> = {
  public: ['read_public'],
  analyst: ['read_public', 'read_data', 'own_account'],
  partner: ['read_public', 'read_data', 'write_data', 'own_account'],
  officer: ['read_public', 'read_data', 'write_data', 'approve', 'manage_framework', 'read_audit', 'own_account'],
  admin: ['read_public', 'read_data', 'write_data', 'approve', 'manage_framework', 'manage_program', 'manage_users', 'read_audit', 'own_account'],
};

export function can(actor: Actor, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission);
}

/**
 * Throws unauthorized for the public (sign in first) and forbidden for a signed-in user (also
 * one who is not a member of the program: there they are what the public is).
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  if (actor.role === 'public' && actor.userId === null) throw new VigiaError('unauthorized', 'sign in first');
  if (actor.role === 'public') throw new VigiaError('forbidden', `not a member of this program (needs ${permission})`);
  throw new VigiaError('forbidden', `a ${actor.role} may not do this (needs ${permission})`);
}

/**
 * The actor in the program of an object reached by its id (a submission, a value's flag): an
 * actor who may not read that program's data gets `missing()` (as if the object were not there:
 * a non-member learns nothing of another program's objects); then the permission is checked.
 */
export function actorForObject(actor: Actor, programId: number, permission: Permission, missing: () => VigiaError): Actor {
  const scoped = actorIn(actor, { id: programId });
  if (!can(scoped, 'read_data')) throw missing();
  requirePermission(scoped, permission);
  return scoped;
}

/** The programs where the actor holds `permission`, for lists that name no program; null: every program. */
export function programsWhere(actor: Actor, permission: Permission): number[] | null {
  return memberProgramIds(actor)?.filter((id) => can(actorIn(actor, { id }), permission)) ?? null;
}

/** True when data of `sensitivity` is within what the actor may read. */
export function mayReadSensitivity(actor: Actor, sensitivity: Clearance): boolean {
  return withinClearance(sensitivity, dataScope(actor).maxSensitivity);
}

/** What part of the data an actor sees. */
export interface DataScope {
  /** Only approved data (the public, analysts, and partners for other organisations' data). */
  approvedOnly: boolean;
  /** An organisation whose unapproved data the actor also sees (a partner's own). */
  ownOrganisationId: number | null;
  /** The most sensitive indicators and fields the actor may read. */
  maxSensitivity: Clearance;
}

export function dataScope(actor: Actor): DataScope {
  const maxSensitivity: Clearance = actor.role === 'public' ? 'public' : actor.clearance;
  switch (actor.role) {
    case 'admin':
    case 'officer':
      return { approvedOnly: false, ownOrganisationId: null, maxSensitivity };
    case 'partner':
      return { approvedOnly: true, ownOrganisationId: actor.organisationId, maxSensitivity };
    default:
      return { approvedOnly: true, ownOrganisationId: null, maxSensitivity };
  }
}

/**
 * May the actor change data that belongs to `organisationId` and is at `status`? Partners:
 * only their own organisation's drafts and returned data; officers: anything not locked by
 * approval (unlock first).
 */
export function mayEditData(actor: Actor, organisationId: number | null, status: string | null): boolean {
  if (!can(actor, 'write_data')) return false;
  if (status === 'approved') return false;
  if (actor.role === 'partner') {
    return organisationId !== null && organisationId === actor.organisationId && (status === null || status === 'draft' || status === 'returned');
  }
  return true;
}

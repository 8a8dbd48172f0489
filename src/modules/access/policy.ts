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
 */
import { VigiaError } from '../../core/errors.js';
import { withinClearance } from '../../core/sensitivity.js';
import type { Clearance } from '../../db/schema-accounts.js';
import type { Actor } from './actor.js';

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

/** Throws unauthorized for the public (sign in first) and forbidden for a signed-in user. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  if (actor.role === 'public') throw new VigiaError('unauthorized', 'sign in first');
  throw new VigiaError('forbidden', `a ${actor.role} may not do this (needs ${permission})`);
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

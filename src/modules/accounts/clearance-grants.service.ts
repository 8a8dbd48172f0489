/**
 * Who may raise a clearance, and the two-person rule for restricted clearance.
 *
 * - No administrator grants a clearance above their own (403): an administrator cleared for
 *   official data cannot make anyone, themselves included, cleared for restricted data.
 * - Restricted clearance takes two people: the first administrator's grant is stored as a
 *   pending request (audited); a *different* administrator, cleared for restricted data, approves
 *   it (audited), and only then does it take effect, ending the user's sessions and tokens.
 *   Neither the requester nor the user concerned may approve it; any administrator may refuse it.
 * - `by: null` is the server itself (the `vigia` CLI, run on the server with the database's
 *   credentials): it sets clearances directly and may approve a pending request as the second
 *   person. That is the bootstrap path: the first administrator is created with restricted
 *   clearance, and a request made when no other restricted administrator exists is approved
 *   with `vigia users approve-clearance --id N` on the server.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, ClearanceGrant, ClearanceGrantStatus } from '../../db/schema-accounts.js';
import { conflict, notFound, VigiaError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { withinClearance } from '../../core/sensitivity.js';
import { recordAudit } from '../audit/audit.repo.js';
import { endCredentials } from './end-credentials.js';
import {
  decideClearanceGrant,
  findClearanceGrant,
  findPendingGrant,
  insertClearanceGrant,
  listClearanceGrants as listGrants,
} from './clearance-grants.repo.js';
import { findUserById, updateUserAccess } from './users.repo.js';

/** Clearances that only take effect once a second administrator approves them. */
const TWO_PERSON: readonly Clearance[] = ['restricted'];

/**
 * How a change of clearance from `before` to `wanted` by `by` takes effect: at once, or as a
 * request for a second administrator. Throws forbidden when `wanted` is above `by`'s own.
 */
export function clearanceChangeMode(by: Actor | null, before: Clearance, wanted: Clearance): 'direct' | 'two_person' {
  if (by === null || wanted === before) return 'direct';
  if (!withinClearance(wanted, by.clearance)) {
    throw new VigiaError('forbidden', `you may not grant a clearance above your own (${by.clearance})`, [
      { column: 'clearance', value: wanted, reason: 'above your own clearance' },
    ]);
  }
  return TWO_PERSON.includes(wanted) && !withinClearance(wanted, before) ? 'two_person' : 'direct';
}

/** Stores (or finds, when one is already waiting) a request to raise the user's clearance; audited. */
export async function requestClearance(trx: Kysely<Database>, userId: number, clearance: Clearance, requestedBy: number | null): Promise<ClearanceGrant> {
  const waiting = await findPendingGrant(trx, userId, clearance);
  if (waiting) return waiting;
  const grant = await insertClearanceGrant(trx, { userId, clearance, requestedBy, requestedAt: new Date().toISOString() });
  await recordAudit(trx, { userId: requestedBy, action: 'request_clearance', entity: 'clearance_grant', entityId: grant.id, after: grant });
  return grant;
}

export async function listClearanceGrants(db: Kysely<Database>, status?: ClearanceGrantStatus): Promise<ClearanceGrant[]> {
  return listGrants(db, status);
}

async function pendingGrant(db: Kysely<Database>, id: number): Promise<ClearanceGrant> {
  const grant = await findClearanceGrant(db, id);
  if (!grant) throw notFound(`no clearance grant ${id}`);
  if (grant.status !== 'pending') throw conflict(`clearance grant ${id} is already ${grant.status}`);
  return grant;
}

/**
 * The second administrator approves a pending grant: the user's clearance is raised, their
 * sessions and tokens end, all audited in one transaction.
 */
export async function approveClearanceGrant(db: Kysely<Database>, id: number, by: Actor | null): Promise<ClearanceGrant> {
  const grant = await pendingGrant(db, id);
  if (by !== null) {
    if (by.userId === grant.requested_by) throw new VigiaError('forbidden', 'two-person rule: another administrator must approve your own request');
    if (by.userId === grant.user_id) throw new VigiaError('forbidden', 'two-person rule: you may not approve a raise of your own clearance');
    if (!withinClearance(grant.clearance, by.clearance)) throw new VigiaError('forbidden', `you may not grant a clearance above your own (${by.clearance})`);
  }
  const actorId = by?.userId ?? null;
  return db.transaction().execute(async (trx) => {
    const decided = await decideClearanceGrant(trx, id, { status: 'approved', decidedBy: actorId, decidedAt: new Date().toISOString() });
    if (!decided) throw conflict(`clearance grant ${id} was decided meanwhile`);
    const before = await findUserById(trx, grant.user_id);
    if (!before) throw notFound(`no user ${grant.user_id}`);
    await recordAudit(trx, { userId: actorId, action: 'approve_clearance', entity: 'clearance_grant', entityId: id, before: grant, after: decided });
    if (before.clearance !== grant.clearance) {
      const after = await updateUserAccess(trx, before.id, {
        role: before.role,
        clearance: grant.clearance,
        active: before.active,
        organisation_id: before.organisation_id,
      });
      const ended = await endCredentials(trx, before.id);
      await recordAudit(trx, {
        userId: actorId,
        action: 'change_permissions',
        entity: 'user',
        entityId: before.id,
        before,
        after: { ...after, credentials_ended: ended },
      });
    }
    return decided;
  });
}

/** Any administrator (the requester too, to withdraw it) refuses a pending grant; audited. */
export async function rejectClearanceGrant(db: Kysely<Database>, id: number, by: Actor | null): Promise<ClearanceGrant> {
  const grant = await pendingGrant(db, id);
  const actorId = by?.userId ?? null;
  return db.transaction().execute(async (trx) => {
    const decided = await decideClearanceGrant(trx, id, { status: 'rejected', decidedBy: actorId, decidedAt: new Date().toISOString() });
    if (!decided) throw conflict(`clearance grant ${id} was decided meanwhile`);
    await recordAudit(trx, { userId: actorId, action: 'reject_clearance', entity: 'clearance_grant', entityId: id, before: grant, after: decided });
    return decided;
  });
}

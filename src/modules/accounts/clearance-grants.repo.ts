/** Requests to raise a user's clearance, waiting for a second administrator (clearance-grants.service.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance, ClearanceGrant, ClearanceGrantStatus } from '../../db/schema-accounts.js';

export async function insertClearanceGrant(
  db: Kysely<Database>,
  g: { userId: number; clearance: Clearance; requestedBy: number | null; requestedAt: string },
): Promise<ClearanceGrant> {
  return db
    .insertInto('clearance_grant')
    .values({
      user_id: g.userId,
      clearance: g.clearance,
      status: 'pending',
      requested_by: g.requestedBy,
      requested_at: g.requestedAt,
      decided_by: null,
      decided_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findClearanceGrant(db: Kysely<Database>, id: number): Promise<ClearanceGrant | undefined> {
  return db.selectFrom('clearance_grant').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's pending request for `clearance`, if there is one. */
export async function findPendingGrant(db: Kysely<Database>, userId: number, clearance: Clearance): Promise<ClearanceGrant | undefined> {
  return db
    .selectFrom('clearance_grant')
    .selectAll()
    .where('user_id', '=', userId)
    .where('clearance', '=', clearance)
    .where('status', '=', 'pending')
    .orderBy('id')
    .executeTakeFirst();
}

/** Grants, newest first; only those of `status` when given. */
export async function listClearanceGrants(db: Kysely<Database>, status?: ClearanceGrantStatus): Promise<ClearanceGrant[]> {
  let q = db.selectFrom('clearance_grant').selectAll().orderBy('id', 'desc');
  if (status) q = q.where('status', '=', status);
  return q.execute();
}

/**
 * Decides a pending grant; returns the decided grant, or undefined when it was no longer pending
 * (decided meanwhile by someone else).
 */
export async function decideClearanceGrant(
  db: Kysely<Database>,
  id: number,
  d: { status: 'approved' | 'rejected'; decidedBy: number | null; decidedAt: string },
): Promise<ClearanceGrant | undefined> {
  return db
    .updateTable('clearance_grant')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: d.decidedAt })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

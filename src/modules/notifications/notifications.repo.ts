/** The in-app inbox: notification rows, each one user's; a user reads and marks only their own. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Notification, NotificationKind } from '../../db/schema-notifications.js';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  programId: number | null;
  submissionId: number | null;
  actorId: number | null;
  params: string;
  at: string;
}

/** Inserts one notification per recipient; returns the new rows in the order given. */
export async function insertNotifications(db: Kysely<Database>, rows: readonly NewNotification[]): Promise<Notification[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        program_id: r.programId,
        submission_id: r.submissionId,
        actor_id: r.actorId,
        params: r.params,
        created_at: r.at,
        read_at: null,
      })),
    )
    .returningAll()
    .execute()
    .then((out) => out.sort((a, b) => a.id - b.id));
}

/** A user's notifications, newest first. */
export async function listNotifications(
  db: Kysely<Database>,
  f: { userId: number; unreadOnly: boolean; limit: number; offset: number },
): Promise<Notification[]> {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', f.userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

export async function countUnread(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks the user's own notification `id` (or all of them) read; returns how many changed. */
export async function markRead(db: Kysely<Database>, userId: number, id: number | 'all', at: string): Promise<number> {
  let q = db.updateTable('notification').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** True when notification `id` is the user's own (read or not). */
export async function ownsNotification(db: Kysely<Database>, userId: number, id: number): Promise<boolean> {
  const row = await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * The e-mail outbox: each message waits here until sent. A process claims a due message
 * (pending → sending) with one conditional update, so two processes never send the same one;
 * a claim left by a process that died is taken again after `STALE_CLAIM_MS`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MailOutboxRow, MailStatus } from '../../db/schema-notifications.js';

/** A claim older than this belongs to a process that died while sending. */
export const STALE_CLAIM_MS = 10 * 60_000;

export async function insertOutbox(
  db: Kysely<Database>,
  rows: readonly { notificationId: number | null; to: string; subject: string; body: string; at: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('mail_outbox')
    .values(
      rows.map((r) => ({
        notification_id: r.notificationId,
        to_address: r.to,
        subject: r.subject,
        body: r.body,
        status: 'pending' as const,
        last_error: null,
        next_attempt_at: r.at,
        claimed_at: null,
        created_at: r.at,
        sent_at: null,
      })),
    )
    .execute();
}

/** Ids of messages due for an attempt at `now` (pending and due, or claimed long ago). */
export async function listDueOutbox(db: Kysely<Database>, now: Date, limit: number): Promise<number[]> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  const rows = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now.toISOString())]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', stale)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims message `id` for this process; returns it, or undefined when another process has it. */
export async function claimOutbox(db: Kysely<Database>, id: number, now: Date): Promise<MailOutboxRow | undefined> {
  const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
  return db
    .updateTable('mail_outbox')
    .set({ status: 'sending', claimed_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now.toISOString())]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', stale)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Records the outcome of one attempt. */
export async function settleOutbox(
  db: Kysely<Database>,
  id: number,
  o: { status: MailStatus; attempts: number; error: string | null; nextAttemptAt: string; sentAt: string | null },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: o.status, attempts: o.attempts, last_error: o.error, next_attempt_at: o.nextAttemptAt, sent_at: o.sentAt, claimed_at: null })
    .where('id', '=', id)
    .execute();
}

/** Messages by status, newest first; `troubled` = failed, or pending after a failed attempt. */
export async function listOutbox(db: Kysely<Database>, f: { status: MailStatus | 'troubled'; limit: number; offset: number }): Promise<MailOutboxRow[]> {
  let q = db.selectFrom('mail_outbox').selectAll();
  q =
    f.status === 'troubled'
      ? q.where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '!=', 'sent'), eb('attempts', '>', 0)])]))
      : q.where('status', '=', f.status);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

/** Puts failed messages back in line for another round of attempts; returns how many. */
export async function requeueFailed(db: Kysely<Database>, now: Date): Promise<number> {
  const r = await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now.toISOString() })
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

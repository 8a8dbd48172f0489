/**
 * Sending the outbox's e-mails, after the changes that queued them have committed: each due
 * message is claimed, sent through the accounts module's mailer and marked sent; a failure is
 * recorded on the message and retried later (1, 5, 15, 60 minutes), and after the last attempt
 * the message stays as `failed`, listed for administrators — never dropped.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MailSettings } from '../accounts/mailer.js';
import { claimOutbox, listDueOutbox, settleOutbox } from './mail-outbox.repo.js';

/** Minutes to wait after the 1st, 2nd, … failed attempt; after the last one the message fails. */
export const RETRY_MINUTES = [1, 5, 15, 60] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;

/** Attempts every message due at `now()`; returns how many were sent and how many failed this round. */
export async function deliverOutbox(db: Kysely<Database>, mail: MailSettings, now: () => Date = () => new Date()): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const id of await listDueOutbox(db, now(), 200)) {
    const m = await claimOutbox(db, id, now());
    if (!m) continue;
    const attempts = m.attempts + 1;
    try {
      await mail.mailer.send({ to: m.to_address, subject: m.subject, text: m.body });
      const at = now().toISOString();
      await settleOutbox(db, id, { status: 'sent', attempts, error: null, nextAttemptAt: at, sentAt: at });
      sent++;
    } catch (e) {
      failed++;
      const wait = RETRY_MINUTES[attempts - 1];
      const next = new Date(now().getTime() + (wait ?? 0) * 60_000).toISOString();
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      await settleOutbox(db, id, { status: wait === undefined ? 'failed' : 'pending', attempts, error, nextAttemptAt: next, sentAt: null });
    }
  }
  return { sent, failed };
}

// One delivery round at a time per database handle in this process: a round started while
// another runs waits for it (other processes are kept apart by the claims).
const rounds = new WeakMap<object, Promise<void>>();

/** Starts a delivery round after the current one (after a request's commit) without waiting for it; errors stay on the messages. */
export function kickDelivery(db: Kysely<Database>, mail: MailSettings | undefined): void {
  if (!mail) return;
  const next = (rounds.get(db) ?? Promise.resolve())
    .then(() => deliverOutbox(db, mail))
    .then(
      () => undefined,
      () => undefined,
    );
  rounds.set(db, next);
}

/** Resolves once the delivery rounds started so far in this process have ended (for tests and shutdown). */
export function deliveryIdle(db: Kysely<Database>): Promise<void> {
  return rounds.get(db) ?? Promise.resolve();
}

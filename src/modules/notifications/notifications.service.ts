/**
 * The inbox and the outbox over the API: a user lists and marks read only their own
 * notifications (another's id is "not found"); administrators see the e-mails that failed or
 * wait for another attempt, and may put the failed ones back in line.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Language } from '../../core/languages.js';
import { notFound, VigiaError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { requirePermission } from '../access/policy.js';
import { readerLanguage } from '../accounts/reader-language.js';
import { countUnread, listNotifications, markRead, ownsNotification } from './notifications.repo.js';
import { listOutbox, requeueFailed } from './mail-outbox.repo.js';
import { noticeSubject, type NoticeParams } from './notification-text.js';
import type { MailStatus } from '../../db/schema-notifications.js';

function userOf(actor: Actor): number {
  requirePermission(actor, 'own_account');
  if (actor.userId === null) throw new VigiaError('unauthorized', 'sign in first');
  return actor.userId;
}

export async function myNotifications(
  db: Kysely<Database>,
  actor: Actor,
  q: { unread?: 'true' | 'false' | undefined; lang?: Language | undefined; limit: number; offset: number },
) {
  const userId = userOf(actor);
  const language = await readerLanguage(db, actor, q.lang);
  const rows = await listNotifications(db, { userId, unreadOnly: q.unread === 'true', limit: q.limit, offset: q.offset });
  return {
    unread: await countUnread(db, userId),
    notifications: rows.map((n) => {
      const params = JSON.parse(n.params) as NoticeParams;
      return {
        id: n.id,
        kind: n.kind,
        program_id: n.program_id,
        submission_id: n.submission_id,
        title: noticeSubject(n.kind, params, language).replace(/^Vigia: /, ''),
        params,
        created_at: n.created_at,
        read_at: n.read_at,
      };
    }),
  };
}

/** Marks one of the actor's notifications, or all of them, read. */
export async function markMineRead(db: Kysely<Database>, actor: Actor, which: { id?: number | undefined; all?: true | undefined }, at = new Date()) {
  const userId = userOf(actor);
  if (which.id !== undefined && !(await ownsNotification(db, userId, which.id))) throw notFound(`no notification ${which.id}`);
  const marked = await markRead(db, userId, which.id ?? 'all', at.toISOString());
  return { marked, unread: await countUnread(db, userId) };
}

export async function outboxMessages(db: Kysely<Database>, actor: Actor, q: { status: MailStatus | 'troubled'; limit: number; offset: number }) {
  requirePermission(actor, 'manage_users');
  const rows = await listOutbox(db, q);
  return rows.map(({ body: _body, claimed_at: _claimed, ...m }) => m);
}

export async function retryFailedMail(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<number> {
  requirePermission(actor, 'manage_users');
  return requeueFailed(db, now);
}

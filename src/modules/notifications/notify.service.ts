/**
 * Telling people what happened. `notify` runs inside the transaction of the change it reports
 * (a submission, a decision, a comment): the inbox rows, and the e-mails when e-mail is on,
 * commit with the change or not at all — no submission without its notice, no notice of a
 * rolled-back one. E-mails wait in the outbox and are sent after the commit (mail-delivery).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NotificationKind } from '../../db/schema-notifications.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { withinClearance } from '../../core/sensitivity.js';
import { insertNotifications } from './notifications.repo.js';
import { insertOutbox } from './mail-outbox.repo.js';
import { claimReminder } from './reminders.repo.js';
import { findNoticeNames, findUserName, listRecipients, type Audience, type Recipient } from './recipients.repo.js';
import { noticeMail, type NoticeParams } from './notification-text.js';

/** How the server tells people: e-mail too (with the web app's URL for links), or the inbox only. */
export interface Notices {
  email?: { publicUrl: string } | undefined;
}

/** One event about an organisation's data of a period in a program. */
export interface NoticeEvent {
  kind: NotificationKind;
  programId: number;
  organisationId: number;
  period: string;
  submissionId?: number | null;
  /** Who caused it: never told of their own act. Null for the system (a due date). */
  actorId: number | null;
  comment?: string | null;
  /** A reminder's due date, YYYY-MM-DD. */
  due?: string | null;
  /** For a comment: which side it is for (the other side from its author). */
  to?: 'officers' | 'clerks';
  /** Only the recipients of exactly this clearance (a message written for what they may read). */
  clearance?: Clearance | undefined;
  /** How sensitive the subject is (a value's indicator): recipients not cleared for it are not told. */
  sensitivity?: Clearance | undefined;
  at: string;
}

/** Who hears of each kind of event. */
function audiencesOf(e: NoticeEvent): Audience[] {
  const clerks: Audience = { clerksOf: e.organisationId };
  const officers: Audience = { officers: true };
  switch (e.kind) {
    case 'submitted':
    case 'warning':
      return [officers];
    case 'approved':
    case 'returned':
    case 'unlocked':
    case 'due_soon':
      return [clerks];
    case 'overdue':
      return [clerks, officers];
    case 'comment':
    case 'flag_comment':
      return [e.to === 'officers' ? officers : clerks];
  }
}

/** Writes the event's notifications (and e-mails, when on) with `trx`; returns the recipients' ids. */
export async function notify(trx: Kysely<Database>, notices: Notices, e: NoticeEvent): Promise<number[]> {
  const seen = new Set<number>();
  const recipients: Recipient[] = [];
  for (const audience of audiencesOf(e)) {
    for (const r of await listRecipients(trx, audience)) {
      if (r.id === e.actorId || seen.has(r.id) || (e.clearance !== undefined && r.clearance !== e.clearance)) continue;
      if (e.sensitivity && !withinClearance(e.sensitivity, r.clearance)) continue;
      seen.add(r.id);
      recipients.push(r);
    }
  }
  if (recipients.length === 0) return [];
  const params: NoticeParams = {
    ...(await findNoticeNames(trx, e.programId, e.organisationId)),
    period: e.period,
    comment: e.comment ?? null,
    by: await findUserName(trx, e.actorId),
    due: e.due ?? null,
  };
  const rows = await insertNotifications(
    trx,
    recipients.map((r) => ({
      userId: r.id,
      kind: e.kind,
      programId: e.programId,
      submissionId: e.submissionId ?? null,
      actorId: e.actorId,
      params: JSON.stringify(params),
      at: e.at,
    })),
  );
  const email = notices.email;
  if (email) {
    await insertOutbox(
      trx,
      recipients.map((r, i) => {
        const mail = noticeMail(e.kind, params, r.language ?? 'en', r.name, email.publicUrl);
        return { notificationId: rows[i]!.id, to: r.email, subject: mail.subject, body: mail.text, at: e.at };
      }),
    );
  }
  return recipients.map((r) => r.id);
}

/**
 * The hook for the reporting calendar: a due date comes near (`due_soon`, to the
 * organisation's clerks) or passed with nothing submitted (`overdue`, to its clerks and the
 * officers). Sent once, whatever the number of processes or restarts: the reminder's key is
 * claimed in the transaction that writes the notifications, and a key already claimed (here or
 * by another process, now or before a restart) sends nothing. Opens its own transaction;
 * returns the ids of the users told (none when it was sent before).
 */
export async function remindOnce(
  db: Kysely<Database>,
  notices: Notices,
  r: { kind: 'due_soon' | 'overdue'; programId: number; organisationId: number; period: string; due: string; at: string },
): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    if (!(await claimReminder(trx, r))) return [];
    return notify(trx, notices, { ...r, actorId: null });
  });
}

/**
 * The hook for validation rules: a warning raised on an organisation's data of a period
 * (`message` names the rule, the value and the limit) tells the officers of `clearance` (the
 * message is written for what they may read). Call it with the transaction that stores the
 * flagged value.
 */
export async function notifyWarning(
  trx: Kysely<Database>,
  notices: Notices,
  w: {
    programId: number;
    organisationId: number;
    period: string;
    submissionId?: number | null;
    actorId: number | null;
    message: string;
    clearance: Clearance;
    at: string;
  },
): Promise<number[]> {
  return notify(trx, notices, { kind: 'warning', comment: w.message, ...w });
}

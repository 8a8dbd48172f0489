/** Table types of notifications, the e-mail outbox and discussion threads (migrations 20261203160000_notifications, 20261203180000_discussion_threads). */
import type { Generated, Selectable } from 'kysely';

export type NotificationKind = 'submitted' | 'approved' | 'returned' | 'unlocked' | 'comment' | 'flag_comment' | 'warning' | 'due_soon' | 'overdue';

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  program_id: number | null;
  submission_id: number | null;
  actor_id: number | null;
  /** JSON of what the message names: program, organisation, period, comment. */
  params: string;
  created_at: string;
  read_at: string | null;
}

export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<number>;
  notification_id: number | null;
  to_address: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: string;
  claimed_at: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A comment of a thread: on a submission or on a warning on a value (exactly one is set; migration 20261203180000_discussion_threads). */
export interface DiscussionCommentTable {
  id: Generated<number>;
  submission_id: number | null;
  value_flag_id: number | null;
  user_id: number | null;
  body: string;
  created_at: string;
}

/** A due-date reminder that went out: its key is claimed once, in the transaction that notifies. */
export interface ReminderSentTable {
  id: Generated<number>;
  kind: 'due_soon' | 'overdue';
  program_id: number;
  organisation_id: number;
  period: string;
  sent_at: string;
}

export interface NotificationTables {
  reminder_sent: ReminderSentTable;
  notification: NotificationTable;
  mail_outbox: MailOutboxTable;
  discussion_comment: DiscussionCommentTable;
}

export type Notification = Selectable<NotificationTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
export type DiscussionComment = Selectable<DiscussionCommentTable>;

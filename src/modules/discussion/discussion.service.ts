/**
 * Discussion threads between an organisation's partners and the officers, on a submission or
 * on a warning on one of its values (a value flag). Whoever may see the submission, or the
 * value and its flag, reads the thread (anyone else gets "not found", as for the submission or
 * the flag); the organisation's partners and the officers write in it. A comment is audited
 * and notifies the other side; it is never edited (a correction is a new comment).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import { VigiaError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { visibleSubmission } from '../approvals/approvals.service.js';
import { visibleFlag } from '../quality-rules/visible-flag.service.js';
import { notify, type Notices } from '../notifications/notify.service.js';
import { insertComment, listComments, type Thread } from './comments.repo.js';

/** What a thread is about, for authorizing a writer, auditing and notifying. */
interface Topic {
  thread: Thread;
  what: string;
  programId: number;
  organisationId: number | null;
  period: string;
  submissionId: number | null;
  /** Who may read the subject: recipients cleared below it are not told. */
  sensitivity?: Clearance;
}

export async function submissionThread(db: Kysely<Database>, actor: Actor, submissionId: number) {
  await visibleSubmission(db, actor, submissionId);
  return listComments(db, { submissionId });
}

export async function flagThread(db: Kysely<Database>, actor: Actor, flagId: number) {
  await visibleFlag(db, actor, flagId);
  return listComments(db, { flagId });
}

export async function commentOnSubmission(db: Kysely<Database>, actor: Actor, submissionId: number, body: string, notices: Notices = {}, now = new Date()) {
  const s = await visibleSubmission(db, actor, submissionId);
  return addComment(db, actor, body, notices, now, {
    thread: { submissionId },
    what: 'submission',
    programId: s.program_id,
    organisationId: s.organisation_id,
    period: s.period,
    submissionId,
  });
}

export async function commentOnFlag(db: Kysely<Database>, actor: Actor, flagId: number, body: string, notices: Notices = {}, now = new Date()) {
  const f = await visibleFlag(db, actor, flagId);
  return addComment(db, actor, body, notices, now, {
    thread: { flagId },
    what: 'value',
    programId: f.program_id,
    organisationId: f.organisation_id,
    period: f.period,
    submissionId: null,
    sensitivity: f.effective,
  });
}

async function addComment(db: Kysely<Database>, actor: Actor, body: string, notices: Notices, now: Date, topic: Topic) {
  const clerk = actor.role === 'partner' && topic.organisationId !== null && actor.organisationId === topic.organisationId;
  if (!clerk && !can(actor, 'approve')) throw new VigiaError('forbidden', `only the ${topic.what}'s organisation and the officers take part in its discussion`);
  const at = now.toISOString();
  const submission = 'submissionId' in topic.thread;
  const id = await db.transaction().execute(async (trx) => {
    const c = await insertComment(trx, topic.thread, { userId: actor.userId, body, at });
    const entity = submission ? 'submission_comment' : 'value_flag_comment';
    await recordAudit(trx, { userId: actor.userId, action: 'comment', entity, entityId: c.id, programId: topic.programId, after: c });
    if (topic.organisationId !== null)
      await notify(trx, notices, {
        kind: submission ? 'comment' : 'flag_comment',
        programId: topic.programId,
        organisationId: topic.organisationId,
        period: topic.period,
        submissionId: topic.submissionId,
        actorId: actor.userId,
        comment: body,
        to: clerk ? 'officers' : 'clerks',
        sensitivity: topic.sensitivity,
        at,
      });
    return c.id;
  });
  return (await listComments(db, topic.thread)).find((c) => c.id === id)!;
}

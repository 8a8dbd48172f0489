/**
 * The discussion of a submission between its organisation's partners and the officers. Whoever
 * may see the submission reads its thread (a partner only its own organisation's: others get
 * "not found", as for the submission); its organisation's partners and the officers write in
 * it. A comment is audited and notifies the other side; it is never edited (a correction is a
 * new comment).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { VigiaError } from '../../core/errors.js';
import type { Actor } from '../access/actor.js';
import { can } from '../access/policy.js';
import { recordAudit } from '../audit/audit.repo.js';
import { visibleSubmission, visibleSubmissionAs } from '../approvals/approvals.service.js';
import { notify, type Notices } from '../notifications/notify.service.js';
import { insertComment, listComments } from './comments.repo.js';

export async function submissionThread(db: Kysely<Database>, actor: Actor, submissionId: number) {
  await visibleSubmission(db, actor, submissionId);
  return listComments(db, submissionId);
}

export async function commentOnSubmission(db: Kysely<Database>, account: Actor, submissionId: number, body: string, notices: Notices = {}, now = new Date()) {
  const { submission: s, actor } = await visibleSubmissionAs(db, account, submissionId);
  const clerk = actor.role === 'partner' && actor.organisationId === s.organisation_id;
  if (!clerk && !can(actor, 'approve')) throw new VigiaError('forbidden', "only the submission's organisation and the officers take part in its discussion");
  const at = now.toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const c = await insertComment(trx, { submissionId, userId: actor.userId, body, at });
    await recordAudit(trx, { userId: actor.userId, action: 'comment', entity: 'submission_comment', entityId: c.id, programId: s.program_id, after: c });
    await notify(trx, notices, {
      kind: 'comment',
      programId: s.program_id,
      organisationId: s.organisation_id,
      period: s.period,
      submissionId,
      actorId: actor.userId,
      comment: body,
      to: clerk ? 'officers' : 'clerks',
      at,
    });
    return c.id;
  });
  return (await listComments(db, submissionId)).find((c) => c.id === id)!;
}

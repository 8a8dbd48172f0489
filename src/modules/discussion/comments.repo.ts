/** A submission's discussion thread: comments are only ever added, never changed or removed. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { SubmissionComment } from '../../db/schema-notifications.js';

export async function insertComment(
  db: Kysely<Database>,
  c: { submissionId: number; userId: number | null; body: string; at: string },
): Promise<SubmissionComment> {
  return db
    .insertInto('submission_comment')
    .values({ submission_id: c.submissionId, user_id: c.userId, body: c.body, created_at: c.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The thread, oldest first, with each author's name, role and organisation code. */
export async function listComments(db: Kysely<Database>, submissionId: number) {
  return db
    .selectFrom('submission_comment as c')
    .leftJoin('app_user as u', 'u.id', 'c.user_id')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['c.id', 'c.submission_id', 'c.user_id', 'c.body', 'c.created_at', 'u.name as author', 'u.role as author_role', 'o.code as author_organisation'])
    .where('c.submission_id', '=', submissionId)
    .orderBy('c.id')
    .execute();
}

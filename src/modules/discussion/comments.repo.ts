/**
 * Discussion threads, on a submission or on a warning on a value: comments are only ever added,
 * never changed or removed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DiscussionComment } from '../../db/schema-notifications.js';

/** What a thread belongs to. */
export type Thread = { submissionId: number } | { flagId: number };

const owner = (thread: Thread) =>
  'submissionId' in thread ? ({ column: 'submission_id', id: thread.submissionId } as const) : ({ column: 'value_flag_id', id: thread.flagId } as const);

export async function insertComment(db: Kysely<Database>, thread: Thread, c: { userId: number | null; body: string; at: string }): Promise<DiscussionComment> {
  const o = owner(thread);
  return db
    .insertInto('discussion_comment')
    .values({
      submission_id: o.column === 'submission_id' ? o.id : null,
      value_flag_id: o.column === 'value_flag_id' ? o.id : null,
      user_id: c.userId,
      body: c.body,
      created_at: c.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The thread, oldest first, with each author's name, role and organisation code. */
export async function listComments(db: Kysely<Database>, thread: Thread) {
  const o = owner(thread);
  return db
    .selectFrom('discussion_comment as c')
    .leftJoin('app_user as u', 'u.id', 'c.user_id')
    .leftJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'c.id',
      'c.submission_id',
      'c.value_flag_id',
      'c.user_id',
      'c.body',
      'c.created_at',
      'u.name as author',
      'u.role as author_role',
      'o.code as author_organisation',
    ])
    .where(`c.${o.column}`, '=', o.id)
    .orderBy('c.id')
    .execute();
}

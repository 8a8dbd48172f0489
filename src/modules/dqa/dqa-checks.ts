/**
 * The rules a DQA obeys beyond its shape, shared by the API and the program folder's
 * `dqa.json`: someone assessed it and someone owns each action; dates of actions and of their
 * status are not before the assessment; the users named exist. Each problem names its field.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { IssueDetail } from '../../core/errors.js';
import { existingUserIds } from './dqa.repo.js';
import type { DqaInput } from './dqa.schema.js';

export interface ActionDates {
  due_date?: string | undefined;
  status_date?: string | null | undefined;
}

/** Problems of an action's dates against the assessment's date; `at` prefixes the field names. */
export function actionDateIssues(date: string, a: ActionDates, at: string): IssueDetail[] {
  const issues: IssueDetail[] = [];
  if (a.due_date !== undefined && a.due_date < date)
    issues.push({ column: `${at}due_date`, value: a.due_date, reason: `must not be before the assessment's date (${date})` });
  if (a.status_date && a.status_date < date)
    issues.push({ column: `${at}status_date`, value: a.status_date, reason: `must not be before the assessment's date (${date})` });
  return issues;
}

/** A problem when neither a user nor a name is given for a person the DQA must name. */
export function personIssue(userId: number | null | undefined, name: string | null | undefined, field: string): IssueDetail[] {
  return userId == null && !name ? [{ column: `${field}_name`, reason: `give ${field}_user_id or ${field}_name: someone must be named` }] : [];
}

/** Problems for user ids (with their field names) that are not users of this Vigia. */
export async function unknownUserIssues(db: Kysely<Database>, named: ReadonlyArray<{ id: number | null | undefined; column: string }>): Promise<IssueDetail[]> {
  const ids = named.flatMap((n) => (n.id == null ? [] : [n.id]));
  const known = await existingUserIds(db, ids);
  return named.flatMap((n) => (n.id == null || known.has(n.id) ? [] : [{ column: n.column, value: n.id, reason: 'no such user' }]));
}

/** Problems of a whole assessment's people and dates (before anything is written). */
export async function contentIssues(db: Kysely<Database>, c: Omit<DqaInput, 'indicator'>, at = ''): Promise<IssueDetail[]> {
  const actions = c.actions ?? [];
  const issues: IssueDetail[] = [
    ...personIssue(c.assessor_user_id, c.assessor_name, `${at}assessor`),
    ...actions.flatMap((a, i) => [
      ...personIssue(a.owner_user_id, a.owner_name, `${at}actions[${i}].owner`),
      ...actionDateIssues(c.date, a, `${at}actions[${i}].`),
    ]),
  ];
  issues.push(
    ...(await unknownUserIssues(db, [
      { id: c.assessor_user_id, column: `${at}assessor_user_id` },
      ...actions.map((a, i) => ({ id: a.owner_user_id, column: `${at}actions[${i}].owner_user_id` })),
    ])),
  );
  return issues;
}

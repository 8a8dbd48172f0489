/**
 * The approval workflow. A partner submits its organisation's data for a period; a program
 * officer approves it (which locks it), returns it with a comment, or unlocks approved data.
 * Each step changes the data's status, refreshes its fact rows (approved-only analytics change
 * at once) and leaves one audit event, in one transaction — with the notifications of the
 * step (to the officers on a submission, and of its open warnings; to the organisation's clerks
 * on a decision), so a step and its notices commit together.
 */
import type { Kysely } from 'kysely';
import type { Database, ValueStatus } from '../../db/schema.js';
import type { Submission, SubmissionStatus } from '../../db/schema-accounts.js';
import type { NotificationKind } from '../../db/schema-notifications.js';
import { VigiaError, conflict, notFound, validationError } from '../../core/errors.js';
import { parsePeriod } from '../../core/periods.js';
import { systemClock, type Clock } from '../../core/clock.js';
import { SENSITIVITIES, withinClearance } from '../../core/sensitivity.js';
import type { Actor } from '../access/actor.js';
import { dataScope, requirePermission } from '../access/policy.js';
import { valueScopeOf } from '../catalog/indicator-sensitivity.service.js';
import { recordAudit } from '../audit/audit.repo.js';
import { replaceFactsFromValues } from '../analytics/facts.repo.js';
import { bumpDataVersion, listCoveredValues, updateStatusInPeriod } from '../values/values.repo.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { findOrganisationId } from '../accounts/users.repo.js';
import { moveRecordsStatus } from '../records/records-status.service.js';
import { openFlagsCovered } from '../quality-rules/quality-rules.repo.js';
import { flagReaderOf, withFlags } from '../quality-rules/value-flags.js';
import { notify, notifyWarning, type Notices } from '../notifications/notify.service.js';
import { decideSubmission, findSubmission, findVisibleSubmission, insertSubmission, listSubmissionSummaries } from './approvals.repo.js';

/**
 * Moves data of one organisation in one period between statuses; returns the ids of the values
 * and records moved, which the step's one audit event lists (a summary, not an event per item).
 */
async function moveData(
  trx: Kysely<Database>,
  m: { programId: number; organisationId: number; start: string; end: string; from: ValueStatus[]; to: ValueStatus },
): Promise<{ items: number; values: number[]; records: number[] }> {
  const at = new Date().toISOString();
  const values = await updateStatusInPeriod(trx, { ...m, at });
  for (let i = 0; i < values.length; i += 5_000) await replaceFactsFromValues(trx, values.slice(i, i + 5_000));
  const records = await moveRecordsStatus(trx, m);
  const items = values.length + records.length;
  if (items) await bumpDataVersion(trx, m.programId);
  return { items, values, records };
}

/** Submits an organisation's drafts (and returned data) of a period for review. */
export async function submit(
  db: Kysely<Database>,
  actor: Actor,
  programCode: string,
  input: { period: string; organisation?: string | undefined },
  clock: Clock = systemClock,
  notices: Notices = {},
): Promise<Submission> {
  requirePermission(actor, 'write_data');
  const program = await findProgram(db, programCode);
  const period = parsePeriod(input.period);
  let organisationId: number | null;
  if (actor.role === 'partner') organisationId = actor.organisationId;
  else {
    if (!input.organisation) throw validationError('name the organisation whose data you submit', [{ column: 'organisation', reason: 'required' }]);
    organisationId = (await findOrganisationId(db, input.organisation)) ?? null;
    if (organisationId === null) throw notFound(`no organisation "${input.organisation}"`);
  }
  if (organisationId === null) throw new VigiaError('forbidden', 'your account belongs to no organisation');
  const orgId = organisationId;
  return db.transaction().execute(async (trx) => {
    const moved = await moveData(trx, {
      programId: program.id,
      organisationId: orgId,
      start: period.start,
      end: period.end,
      from: ['draft', 'returned'],
      to: 'submitted',
    });
    if (moved.items === 0) throw validationError(`nothing to submit for ${period.id}: no draft or returned data of this organisation`);
    const s = await insertSubmission(trx, {
      programId: program.id,
      organisationId: orgId,
      period: period.id,
      start: period.start,
      end: period.end,
      userId: actor.userId,
      // On the injected clock: when a report was submitted decides whether it was on time.
      at: clock().toISOString(),
    });
    await recordAudit(trx, { userId: actor.userId, action: 'submit', entity: 'submission', entityId: s.id, programId: program.id, after: { ...s, ...moved } });
    await notify(trx, notices, {
      kind: 'submitted',
      programId: program.id,
      organisationId: orgId,
      period: s.period,
      submissionId: s.id,
      actorId: actor.userId,
      at: s.submitted_at,
    });
    await noticeOpenWarnings(trx, notices, s, actor.userId);
    return s;
  });
}

/** Most warning messages one notice lists (the rest are counted). */
const WARNINGS_LISTED = 10;

/**
 * A submission whose values carry unacknowledged warnings (rules, outliers) tells the officers, in
 * one notice listing them; each officer is told only of the warnings its clearance reads (a
 * warning of a rule over restricted data reaches only officers cleared for it; none at all when
 * it would list nothing).
 */
async function noticeOpenWarnings(trx: Kysely<Database>, notices: Notices, s: Submission, actorId: number | null): Promise<void> {
  const open = await openFlagsCovered(trx, { programId: s.program_id, organisationId: s.organisation_id, start: s.start_date, end: s.end_date });
  for (const clearance of SENSITIVITIES) {
    const readable = open.filter((f) => withinClearance(f.sensitivity, clearance));
    if (readable.length === 0) continue;
    const more = readable.length - WARNINGS_LISTED;
    const message = [...readable.slice(0, WARNINGS_LISTED).map((f) => f.message), ...(more > 0 ? [`(+${more})`] : [])].join('\n');
    await notifyWarning(trx, notices, {
      programId: s.program_id,
      organisationId: s.organisation_id,
      period: s.period,
      submissionId: s.id,
      actorId,
      message,
      clearance,
      at: s.submitted_at,
    });
  }
}

type Decision = 'approve' | 'return' | 'unlock';
const RULES: Record<Decision, { from: SubmissionStatus; to: SubmissionStatus; dataFrom: ValueStatus[]; dataTo: ValueStatus; notice: NotificationKind }> = {
  approve: { from: 'submitted', to: 'approved', dataFrom: ['submitted'], dataTo: 'approved', notice: 'approved' },
  return: { from: 'submitted', to: 'returned', dataFrom: ['submitted'], dataTo: 'returned', notice: 'returned' },
  unlock: { from: 'approved', to: 'returned', dataFrom: ['approved'], dataTo: 'returned', notice: 'unlocked' },
};

/**
 * An approval waits until every warning on the submission's values that the approver may read is
 * acknowledged (409 listing them). A warning of a rule over data above the approver's clearance
 * neither blocks nor is named: it stays open for the officers cleared for it (quality report).
 */
async function refuseOpenWarnings(trx: Kysely<Database>, s: Submission, actor: Actor): Promise<void> {
  const open = await openFlagsCovered(trx, {
    programId: s.program_id,
    organisationId: s.organisation_id,
    start: s.start_date,
    end: s.end_date,
    ceiling: dataScope(actor).maxSensitivity,
  });
  if (open.length === 0) return;
  throw conflict(
    `${open.length} warning(s) on this submission's values are not acknowledged; acknowledge each with a comment before approving`,
    open.map((f) => ({ column: 'flag', value: f.id, rule: f.rule_code, reason: f.message })),
  );
}

/** A program officer's decision on a submission; `version` guards against deciding twice. */
export async function decide(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  decision: Decision,
  input: { version: number; comment?: string | undefined },
  notices: Notices = {},
): Promise<Submission> {
  requirePermission(actor, 'approve');
  const current = await findSubmission(db, id);
  if (!current) throw notFound(`no submission ${id}`);
  const rule = RULES[decision];
  if (current.status !== rule.from)
    throw conflict(`submission ${id} is ${current.status}; only a ${rule.from} one can be ${decision === 'return' ? 'returned' : `${decision}d`}`);
  if (decision !== 'approve' && !input.comment?.trim()) throw validationError('say why, in a comment', [{ column: 'comment', reason: 'required' }]);
  return db.transaction().execute(async (trx) => {
    if (decision === 'approve') await refuseOpenWarnings(trx, current, actor);
    const after = await decideSubmission(trx, {
      id,
      version: input.version,
      status: rule.to,
      comment: input.comment?.trim() || null,
      userId: actor.userId,
      at: new Date().toISOString(),
    });
    if (!after)
      throw conflict(`submission ${id} was changed by someone else (now at version ${current.version})`, [
        { column: 'version', value: current.version, reason: 'stale version' },
      ]);
    const moved = await moveData(trx, {
      programId: current.program_id,
      organisationId: current.organisation_id,
      start: current.start_date,
      end: current.end_date,
      from: rule.dataFrom,
      to: rule.dataTo,
    });
    await recordAudit(trx, {
      userId: actor.userId,
      action: decision,
      entity: 'submission',
      entityId: id,
      programId: current.program_id,
      before: current,
      after: { ...after, ...moved },
    });
    await notify(trx, notices, {
      kind: rule.notice,
      programId: current.program_id,
      organisationId: current.organisation_id,
      period: current.period,
      submissionId: id,
      actorId: actor.userId,
      comment: after.comment,
      at: after.decided_at ?? new Date().toISOString(),
    });
    return after;
  });
}

/**
 * Submissions a user may see, as the data they cover (`dataScope`): officers all, analysts the
 * approved ones, a partner its own organisation's (its page lists only those).
 */
export async function visibleSubmissions(
  db: Kysely<Database>,
  actor: Actor,
  programCode: string,
  f: { status?: SubmissionStatus | undefined; limit: number; offset: number },
) {
  requirePermission(actor, 'read_data');
  const program = await findProgram(db, programCode);
  const own = actor.role === 'partner' ? (actor.organisationId ?? -1) : undefined;
  return listSubmissionSummaries(db, {
    programId: program.id,
    scope: await valueScopeOf(db, program.id, dataScope(actor)),
    ...(own !== undefined ? { organisationId: own } : {}),
    ...(f.status ? { status: f.status } : {}),
    limit: f.limit,
    offset: f.offset,
  });
}

export async function visibleSubmission(db: Kysely<Database>, actor: Actor, id: number): Promise<Submission> {
  requirePermission(actor, 'read_data');
  const s = await findVisibleSubmission(db, id, dataScope(actor));
  if (!s || (actor.role === 'partner' && s.organisation_id !== actor.organisationId)) throw notFound(`no submission ${id}`);
  return s;
}

/** Most values one submission's detail lists. */
export const SUBMISSION_VALUES_LIMIT = 1_000;

/** The values a submission covers (its organisation's, within its period) that the reader may see. */
export async function submissionValues(db: Kysely<Database>, actor: Actor, id: number) {
  const s = await visibleSubmission(db, actor, id);
  const covered = { programId: s.program_id, organisationId: s.organisation_id, start: s.start_date, end: s.end_date };
  const values = await listCoveredValues(db, covered, await valueScopeOf(db, s.program_id, dataScope(actor)), SUBMISSION_VALUES_LIMIT + 1);
  return {
    values: await withFlags(db, values.slice(0, SUBMISSION_VALUES_LIMIT), flagReaderOf(actor)),
    truncated: values.length > SUBMISSION_VALUES_LIMIT,
  };
}

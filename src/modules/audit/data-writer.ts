/**
 * Who writes data values and records, and the one place their audit events are written. Every
 * write path of values and records names its writer (a signed-in user, or the system: the CLI, a
 * folder load, a roll-up rebuild) and hands its changes to `auditDataChanges` inside the
 * transaction of the change, so a path cannot store data without leaving its events.
 *
 * A user's writes (single, batch, API imports of every format) leave one event per changed value
 * or record, with the whole row before and after. The system's bulk writes (a million rows from a
 * folder or `vigia import`) leave one summary event per write step, listing the ids it inserted,
 * updated and deleted: per-row events would double the size of such a load.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { recordAudits, type AuditInput } from './audit.repo.js';

/** A write by the system, not by a signed-in user: what ran (`cli import csv`, `folder load`). */
export interface SystemWriter {
  system: string;
  /** The file written from, when there is one. */
  file?: string | undefined;
}

/** A signed-in user (held to the policy, audited item by item) or the system (full clearance, audited in summary). */
export type Writer = Actor | SystemWriter;

/** True for a signed-in user's write. */
export function isActor(w: Writer): w is Actor {
  return !('system' in w);
}

/** The system writer of a service called without a user (scripts, tests). */
export const DIRECT_WRITE: SystemWriter = Object.freeze({ system: 'direct' });

/** One changed value or record: its id and, for a user's write, the rows before and after. */
export interface DataChange {
  id: number;
  action: 'create' | 'update' | 'delete';
  before?: unknown;
  after?: unknown;
}

/** The entities written through this module. */
export type DataEntity = 'data_value' | 'record';

/**
 * Appends the audit events of `changes`, inside the caller's transaction: one per change for a
 * user, one summary (ids by action) for the system. Nothing is written when nothing changed.
 */
export async function auditDataChanges(
  trx: Kysely<Database>,
  writer: Writer,
  programId: number,
  entity: DataEntity,
  changes: readonly DataChange[],
): Promise<void> {
  if (changes.length === 0) return;
  if (isActor(writer)) {
    await recordAudits(
      trx,
      changes.map((c): AuditInput => ({
        userId: writer.userId,
        action: c.action,
        entity,
        entityId: c.id,
        programId,
        before: c.before,
        after: c.after,
      })),
    );
    return;
  }
  const ids = (action: DataChange['action']) => changes.filter((c) => c.action === action).map((c) => c.id);
  await recordAudits(trx, [
    {
      userId: null,
      action: 'bulk_write',
      entity,
      programId,
      after: { by: writer.system, ...(writer.file ? { file: writer.file } : {}), created: ids('create'), updated: ids('update'), deleted: ids('delete') },
    },
  ]);
}

/** A summary event of the system's (a folder load, a roll-up rebuild) for what has no row ids. */
export async function auditSystemEvent(
  trx: Kysely<Database>,
  writer: Writer,
  programId: number,
  action: string,
  entity: string,
  after: Record<string, unknown>,
): Promise<void> {
  await recordAudits(trx, [
    {
      userId: isActor(writer) ? writer.userId : null,
      action,
      entity,
      programId,
      after: { by: isActor(writer) ? 'user' : writer.system, ...(!isActor(writer) && writer.file ? { file: writer.file } : {}), ...after },
    },
  ]);
}

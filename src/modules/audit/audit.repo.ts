/** The append-only audit trail: this module inserts and reads; nothing updates or deletes. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditEvent } from '../../db/schema-accounts.js';

export interface AuditInput {
  userId: number | null;
  action: string;
  entity: string;
  entityId?: string | number | null;
  programId?: number | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends one event; call it inside the transaction of the change it describes. */
export async function recordAudit(db: Kysely<Database>, e: AuditInput): Promise<void> {
  await recordAudits(db, [e]);
}

/** Appends many events in multi-row inserts; call it inside the transaction of the changes. */
export async function recordAudits(db: Kysely<Database>, events: readonly AuditInput[]): Promise<void> {
  const at = new Date().toISOString();
  // 8 columns × 500 rows stays under either engine's limit of bound parameters.
  for (let i = 0; i < events.length; i += 500) {
    await db
      .insertInto('audit_event')
      .values(
        events.slice(i, i + 500).map((e) => ({
          at,
          user_id: e.userId,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
          program_id: e.programId ?? null,
          before: json(e.before),
          after: json(e.after),
        })),
      )
      .execute();
  }
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  userId?: number;
  since?: string;
  until?: string;
  /** Only events of these programs (a reader's member programs); every event when absent. */
  programIds?: readonly number[];
  limit: number;
  offset: number;
}

export async function listAudit(db: Kysely<Database>, f: AuditFilter): Promise<AuditEvent[]> {
  let q = db.selectFrom('audit_event').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.programIds) q = f.programIds.length ? q.where('program_id', 'in', f.programIds) : q.where(sql<boolean>`1 = 0`);
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.until) q = q.where('at', '<=', f.until);
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}

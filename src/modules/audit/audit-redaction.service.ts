/**
 * The audit trail keeps whole rows, restricted data included. Readers without restricted
 * clearance get events with that data withheld: a record's fields (its type may mark any of
 * them restricted) and the values and targets of indicators above their clearance (by effective
 * sensitivity: a formula indicator over a restricted one is restricted).
 */
import type { Db } from '../../db/database.js';
import type { AuditEvent, Clearance } from '../../db/schema-accounts.js';
import { unreadableIndicatorIds } from '../catalog/indicator-sensitivity.service.js';

export const WITHHELD = '(withheld: needs restricted clearance)';

type Row = Record<string, unknown> | null;

export interface ReadableEvent extends Omit<AuditEvent, 'before' | 'after'> {
  before: unknown;
  after: unknown;
}

const parse = (s: string | null): Row => (s === null ? null : (JSON.parse(s) as Row));

/** Parses events' before/after and withholds what `clearance` may not read. */
export async function readableEvents(db: Db, events: AuditEvent[], clearance: Clearance): Promise<ReadableEvent[]> {
  const restricted = await unreadableIndicatorIds(db, clearance);
  const redact = (entity: string, row: Row): Row => {
    if (!row || clearance === 'restricted') return row;
    if (entity === 'record' && 'data' in row) return { ...row, data: WITHHELD };
    if ((entity === 'data_value' || entity === 'target') && restricted.has(Number(row.indicator_id))) return { ...row, value: WITHHELD, note: WITHHELD };
    return row;
  };
  return events.map((e) => ({ ...e, before: redact(e.entity, parse(e.before)), after: redact(e.entity, parse(e.after)) }));
}

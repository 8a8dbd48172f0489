/** The flags of stored values as the API shows them: on each value, and on its submission. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ValueFlagRow } from '../../db/schema-quality.js';
import { flagsOfValues } from './quality-rules.repo.js';

export interface ValueFlagView {
  id: number;
  value_id: number;
  rule: string;
  kind: string;
  value: number | null;
  expected: unknown;
  message: string;
  acknowledged: boolean;
  acknowledged_at: string | null;
  comment: string | null;
}

/** A flag as shown; without `reveal`, a relation's limit (computed from other values) is left out. */
export const flagView = (f: ValueFlagRow, reveal = true): ValueFlagView => ({
  id: f.id,
  value_id: f.value_id,
  rule: f.rule_code,
  kind: f.kind,
  value: f.kind === 'relation' && !reveal ? null : f.value,
  expected: f.kind === 'relation' && !reveal ? null : (JSON.parse(f.expected) as unknown),
  message: f.message,
  acknowledged: f.acknowledged_at !== null,
  acknowledged_at: f.acknowledged_at,
  comment: f.comment,
});

/**
 * Adds `flags` to each value row (rows the caller has already been allowed to read); `reveal`
 * as for flagView: false for a partner.
 */
export async function withFlags<T extends { id: number }>(
  db: Kysely<Database>,
  rows: readonly T[],
  reveal = true,
): Promise<Array<T & { flags: ValueFlagView[] }>> {
  const byValue = new Map<number, ValueFlagView[]>();
  for (let i = 0; i < rows.length; i += 5_000) {
    for (const f of await flagsOfValues(
      db,
      rows.slice(i, i + 5_000).map((r) => r.id),
    )) {
      const list = byValue.get(f.value_id) ?? [];
      list.push(flagView(f, reveal));
      byValue.set(f.value_id, list);
    }
  }
  return rows.map((r) => ({ ...r, flags: byValue.get(r.id) ?? [] }));
}

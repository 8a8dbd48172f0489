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
  value: number;
  expected: unknown;
  message: string;
  acknowledged: boolean;
  acknowledged_at: string | null;
  comment: string | null;
}

export const flagView = (f: ValueFlagRow): ValueFlagView => ({
  id: f.id,
  value_id: f.value_id,
  rule: f.rule_code,
  kind: f.kind,
  value: f.value,
  expected: JSON.parse(f.expected) as unknown,
  message: f.message,
  acknowledged: f.acknowledged_at !== null,
  acknowledged_at: f.acknowledged_at,
  comment: f.comment,
});

/** Adds `flags` to each value row (rows the caller has already been allowed to read). */
export async function withFlags<T extends { id: number }>(db: Kysely<Database>, rows: readonly T[]): Promise<Array<T & { flags: ValueFlagView[] }>> {
  const byValue = new Map<number, ValueFlagView[]>();
  for (let i = 0; i < rows.length; i += 5_000) {
    for (const f of await flagsOfValues(
      db,
      rows.slice(i, i + 5_000).map((r) => r.id),
    )) {
      const list = byValue.get(f.value_id) ?? [];
      list.push(flagView(f));
      byValue.set(f.value_id, list);
    }
  }
  return rows.map((r) => ({ ...r, flags: byValue.get(r.id) ?? [] }));
}

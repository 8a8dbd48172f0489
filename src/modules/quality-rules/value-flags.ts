/**
 * The flags of stored values as the API shows them: on each value, and on its submission. Who
 * sees a flag is decided here once for every surface: a reader sees the flags of rules that read
 * nothing above its clearance (value_flag.sensitivity), and a relation's figures unless it is a
 * partner (they sum other organisations' values, which a partner reads only once approved).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clearance } from '../../db/schema-accounts.js';
import type { ValueFlagRow } from '../../db/schema-quality.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { flagsOfValues } from './quality-rules.repo.js';

/** What one reader may see of flags. */
export interface FlagReader {
  /** Flags of rules up to this sensitivity. */
  ceiling: Clearance;
  /** A relation's figures (value and limit). */
  reveal: boolean;
}

/** The reader an actor is; without one (the CLI, the system), everything. */
export const flagReaderOf = (actor: Actor | undefined): FlagReader =>
  actor ? { ceiling: dataScope(actor).maxSensitivity, reveal: actor.role !== 'partner' } : { ceiling: 'restricted', reveal: true };

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

/** Adds `flags` to each value row (rows the caller has already been allowed to read): those `reader` may see. */
export async function withFlags<T extends { id: number }>(
  db: Kysely<Database>,
  rows: readonly T[],
  reader: FlagReader,
): Promise<Array<T & { flags: ValueFlagView[] }>> {
  const byValue = new Map<number, ValueFlagView[]>();
  for (let i = 0; i < rows.length; i += 5_000) {
    for (const f of await flagsOfValues(
      db,
      rows.slice(i, i + 5_000).map((r) => r.id),
      reader.ceiling,
    )) {
      const list = byValue.get(f.value_id) ?? [];
      list.push(flagView(f, reader.reveal));
      byValue.set(f.value_id, list);
    }
  }
  return rows.map((r) => ({ ...r, flags: byValue.get(r.id) ?? [] }));
}

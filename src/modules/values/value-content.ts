/**
 * Whether writing a resolved row would change its stored value: the same test the upsert makes
 * in SQL (values.repo's content columns, less the ones the writer's format cannot carry), for
 * single writes and for knowing a signed-in writer's unchanged rows before asking the policy.
 */
import type { DataValue, NewDataValue } from '../../db/schema.js';
import type { KeptColumn } from './values.repo.js';

/** True when storing `row` over `current` would leave it as it is. */
export function sameContent(row: NewDataValue, current: DataValue, kept: readonly KeptColumn[] = []): boolean {
  return (
    Number(current.value) === Number(row.value) &&
    (current.note ?? null) === (row.note ?? null) &&
    (current.organisation_id ?? null) === (row.organisation_id ?? null) &&
    (kept.includes('status') || current.status === row.status) &&
    (kept.includes('provenance') || current.provenance === (row.provenance ?? 'sourced'))
  );
}

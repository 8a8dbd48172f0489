/**
 * Records in the fact table: a record's contributions become signed fact deltas (added when it is
 * written, subtracted when it is changed or deleted), and a program's roll-up facts can be
 * rebuilt from its records when its indicators or record types change.
 */
import type { Kysely } from 'kysely';
import type { Database, Provenance, ValueStatus } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import type { Contribution } from '../../core/record-types/rollups.js';
import type { RecordData } from '../../core/record-types/validate.js';
import { recordContributions } from '../../core/record-types/rollups.js';
import { addFactDeltasBatch, deleteFactsOfIndicators, type FactDelta } from '../analytics/facts.repo.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { recordsAfter } from './records.repo.js';
import { auditSystemEvent, type Writer } from '../audit/data-writer.js';
import type { RecordTypes } from '../catalog/record-types.service.js';
import { checkRolledUpCells } from '../quality-rules/quality-check.service.js';

/**
 * Adds records' fact deltas and checks the cells they change against the program's validation
 * rules (a roll-up that breaks an error rule refuses the whole write): every write of records
 * moves its facts through here. `writer`: whose write it is (what it may be told of a rule).
 */
export async function applyRecordDeltas(trx: Kysely<Database>, catalog: Catalog, deltas: readonly FactDelta[], writer: Writer): Promise<void> {
  await addFactDeltasBatch(trx, [...deltas]);
  await checkRolledUpCells(trx, catalog, deltas, writer);
}

/** What a record adds to (sign 1) or takes from (sign -1) the fact table. */
export function toFactDeltas(
  contributions: readonly Contribution[],
  record: { place_id: number; status: ValueStatus; provenance: Provenance },
  sign: 1 | -1,
): FactDelta[] {
  const approved = record.status === 'approved';
  return contributions.map((c) => ({
    indicator_id: c.indicatorId,
    source: c.source,
    place_id: record.place_id,
    period: c.period.id,
    disagg: c.disagg,
    start_date: c.period.start,
    end_date: c.period.end,
    value: sign * c.value,
    n: sign,
    value_approved: approved ? sign * c.value : 0,
    n_approved: approved ? sign : 0,
    n_derived: record.provenance === 'derived' ? sign : 0,
    n_illustrative: record.provenance === 'illustrative' ? sign : 0,
  }));
}

/** The contributions of a stored record (its data is already normalised). */
export function storedContributions(types: RecordTypes, row: { id: number; type_code: string; data: string }): Contribution[] {
  const type = types.get(row.type_code);
  // A record whose type is gone (a program type removed from its folder) adds nothing.
  if (!type) return [];
  const { contributions, issues } = recordContributions(type.plan, JSON.parse(row.data) as RecordData);
  if (issues.length) {
    throw validationError(
      `record ${row.id} (${row.type_code}) no longer fits the program's indicators`,
      issues.map((d) => ({ ...d, row: row.id })),
    );
  }
  return contributions;
}

const PAGE = 20_000;

/**
 * Recomputes every roll-up fact of the program from its records, inside the caller's
 * transaction: the facts of all `records` indicators are dropped and summed again. Leaves one
 * audit event (`rebuild` of `record_facts`) naming the indicators and how many records were read.
 */
export async function rebuildRecordFacts(trx: Kysely<Database>, catalog: Catalog, types: RecordTypes, writer: Writer): Promise<void> {
  const indicatorIds = [...catalog.indicators.values()].filter((i) => i.origin === 'records').map((i) => i.id);
  await deleteFactsOfIndicators(trx, indicatorIds);
  let records = 0;
  for (let after = 0; ;) {
    const rows = await recordsAfter(trx, catalog.program.id, after, PAGE);
    if (rows.length === 0) break;
    records += rows.length;
    const deltas: FactDelta[] = [];
    for (const row of rows) deltas.push(...toFactDeltas(storedContributions(types, row), row, 1));
    await addFactDeltasBatch(trx, deltas);
    after = rows[rows.length - 1]!.id;
  }
  await auditSystemEvent(trx, writer, catalog.program.id, 'rebuild', 'record_facts', { indicators: indicatorIds, records });
}

/**
 * Moves records through the approval workflow with their organisation's submission: the status
 * changes, and so does the approved part of every fact they contribute to.
 */
import type { Kysely } from 'kysely';
import type { Database, ValueStatus } from '../../db/schema.js';
import { addFactDeltasBatch } from '../analytics/facts.repo.js';
import { findProgramCode, loadCatalog } from '../catalog/catalog.repo.js';
import { loadRecordTypes } from '../catalog/record-types.service.js';
import { storedContributions, toFactDeltas } from './record-facts.service.js';
import { findRecordsInPeriod, setRecordStatus } from './records.repo.js';

export interface RecordStatusMove {
  programId: number;
  organisationId: number;
  start: string;
  end: string;
  from: ValueStatus[];
  to: ValueStatus;
}

/** Returns the ids of the records moved (the caller's audit event lists them). */
export async function moveRecordsStatus(trx: Kysely<Database>, m: RecordStatusMove): Promise<number[]> {
  const rows = await findRecordsInPeriod(trx, { programId: m.programId, organisationId: m.organisationId, start: m.start, end: m.end, statuses: m.from });
  if (rows.length === 0) return [];
  const catalog = await loadCatalog(trx, await findProgramCode(trx, m.programId));
  const types = await loadRecordTypes(trx, catalog);
  const deltas = rows.flatMap((r) => {
    const contributions = storedContributions(types, r);
    return [...toFactDeltas(contributions, r, -1), ...toFactDeltas(contributions, { ...r, status: m.to }, 1)];
  });
  await setRecordStatus(
    trx,
    rows.map((r) => r.id),
    m.to,
    new Date().toISOString(),
  );
  await addFactDeltasBatch(trx, deltas);
  return rows.map((r) => r.id);
}

/**
 * Storing a program's own record types (from its folder): checked against the program's
 * indicators, written, and the program's roll-up facts rebuilt when a definition changed. The
 * reading side (which types a program has) is the catalog's (modules/catalog/record-types.service.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError, type IssueDetail } from '../../core/errors.js';
import type { RecordTypeDefinition } from '../../core/record-types/definition.schema.js';
import type { Writer } from '../audit/data-writer.js';
import type { Catalog } from '../catalog/catalog.repo.js';
import { findRecordTypeRows, upsertRecordTypeRow } from '../catalog/record-types.repo.js';
import { loadRecordTypes, typeInUse } from '../catalog/record-types.service.js';
import { rebuildRecordFacts } from './record-facts.service.js';

/**
 * Stores a program's own record types, inside the caller's transaction. Each is checked against
 * the program's indicators first (all-or-nothing; `fileOf` names where each came from). When
 * any definition changed, the roll-up facts of the program are rebuilt, so totals follow the
 * new definitions. Returns how many definitions were new or changed.
 */
export async function saveRecordTypes(
  trx: Kysely<Database>,
  catalog: Catalog,
  definitions: readonly RecordTypeDefinition[],
  fileOf: (code: string) => string,
  writer: Writer,
): Promise<number> {
  const problems: IssueDetail[] = [];
  for (const def of definitions) {
    for (const p of typeInUse(def, catalog, false).problems) problems.push({ file: fileOf(def.code), ...p });
  }
  if (problems.length) throw validationError(`${problems.length} problem(s) in the record types; nothing was saved`, problems);
  const stored = new Map((await findRecordTypeRows(trx, catalog.program.id)).map((r) => [r.code, r.definition]));
  const now = new Date().toISOString();
  let changed = 0;
  for (const def of definitions) {
    const text = JSON.stringify(def);
    if (stored.get(def.code) === text) continue;
    await upsertRecordTypeRow(trx, catalog.program.id, def.code, text, now);
    changed++;
  }
  if (changed) await rebuildRecordFacts(trx, catalog, await loadRecordTypes(trx, catalog), writer);
  return changed;
}

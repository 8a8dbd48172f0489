/**
 * The step of a program load that keeps reference sheets and their history: the `reference`
 * objects of indicators.json stored (the fields and languages a file gives replace the stored
 * ones; fields it leaves out keep what officers entered), and every change a load makes to an
 * indicator that already existed — to its reference or its definition — recorded in the
 * indicator's history with the reason "program folder loaded".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { applyReferencePatch, definitionChanges, referenceChanges, type DefinitionSnapshot } from '../../core/reference-sheet.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { listDefinitions, listReferences, saveReference } from '../indicators/indicator-reference.repo.js';
import { checkResponsibleUser } from '../indicators/indicator-reference.service.js';
import { FOLDER_LOAD_REASON, recordIndicatorChanges } from '../indicators/indicator-history.service.js';
import type { ProgramFolder } from './program-folder.types.js';
import { FOLDER_FILES } from './program-folder.schema.js';

/** The indicators' definitions as they stand before a load writes them: take this first, hand it to writeReferencesAndHistory after. */
export const definitionsBeforeLoad = (trx: Kysely<Database>, programId: number): Promise<Map<string, DefinitionSnapshot & { id: number }>> =>
  listDefinitions(trx, programId);

/** Stores the folder's reference sheets and records what the load changed; returns how many fields changed. */
export async function writeReferencesAndHistory(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  programId: number,
  before: ReadonlyMap<string, DefinitionSnapshot & { id: number }>,
): Promise<number> {
  const after = await listDefinitions(trx, programId);
  const items = folder.indicators?.items ?? [];
  const stored = await listReferences(
    trx,
    [...after.values()].map((d) => d.id),
  );
  const author = { userId: null, by: `folder load ${folder.dir}` };
  const at = new Date().toISOString();
  let changed = 0;
  for (const { data, index } of items) {
    const now = after.get(data.code);
    if (!now) continue;
    const old = stored.get(now.id)?.sheet ?? {};
    const sheet = data.reference ? applyReferencePatch(old, data.reference) : old;
    await checkResponsibleUser(trx, sheet, { file: FOLDER_FILES.indicators, column: `[${index}].reference.responsible_person` });
    const referenceChanged = referenceChanges(old, sheet);
    if (referenceChanged.length) await saveReference(trx, now.id, sheet, at);
    const was = before.get(data.code);
    // A new indicator has no history yet: its sheet starts with what the folder gives.
    if (!was) continue;
    const changes = [...referenceChanged, ...definitionChanges(was, now)];
    await recordIndicatorChanges(trx, { id: now.id, code: data.code, programId }, changes, author, FOLDER_LOAD_REASON, at);
    changed += changes.length;
  }
  if (changed) await bumpDataVersion(trx, programId);
  return changed;
}

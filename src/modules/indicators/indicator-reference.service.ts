/**
 * An indicator's reference sheet (PIRS fields) as the API and the later PIRS report read it —
 * the stored reference fields, the definition fields it shows, its completeness, its change
 * history and last-updated date — and its change by officers, each with a required reason.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { notFound, validationError } from '../../core/errors.js';
import {
  applyReferencePatch,
  completenessPercent,
  definitionChanges,
  referenceChanges,
  referenceCompleteness,
  REASON_REQUIRED,
  type Completeness,
  type ReferencePatch,
  type ReferenceSheet,
} from '../../core/reference-sheet.js';
import type { Actor } from '../access/actor.js';
import { dataScope } from '../access/policy.js';
import { loadCatalog, type Catalog, type IndicatorInfo } from '../catalog/catalog.repo.js';
import { indicatorSensitivities, mayReadIndicator } from '../catalog/indicator-sensitivity.service.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { findUserName, listDefinitions, listReferences, saveReference, updateDefinition, type EditableDefinition } from './indicator-reference.repo.js';
import { indicatorHistory, lastUpdated, recordIndicatorChanges, type IndicatorChange } from './indicator-history.service.js';

/** The catalog and the indicators of it the actor may read. */
async function readableIndicators(db: Kysely<Database>, actor: Actor, programCode: string): Promise<{ catalog: Catalog; indicators: IndicatorInfo[] }> {
  const catalog = await loadCatalog(db, programCode, []);
  const sensitivities = await indicatorSensitivities(db, catalog);
  const ceiling = dataScope(actor).maxSensitivity;
  return { catalog, indicators: [...catalog.indicators.values()].filter((i) => mayReadIndicator(sensitivities, i.code, ceiling)) };
}

/** The indicator if the actor may read it; otherwise it does not exist for them. */
async function readableIndicator(db: Kysely<Database>, actor: Actor, programCode: string, code: string) {
  const { catalog, indicators } = await readableIndicators(db, actor, programCode);
  const indicator = indicators.find((i) => i.code === code);
  if (!indicator) throw notFound(`no indicator "${code}"`);
  return { catalog, indicator };
}

export interface ReferenceSheetView {
  indicator: string;
  name: { en: string; es: string };
  unit: string;
  agg_time: string;
  agg_place: string;
  formula: string | null;
  sources: string[];
  disaggregations: string[];
  reference: ReferenceSheet;
  /** The responsible user's name, when the responsible person is a user. */
  responsible_user_name: string | null;
  completeness: Completeness;
  /** ISO date-time of the sheet's last change (or of its first storing); null when never written. */
  last_updated: string | null;
  history: IndicatorChange[];
}

/** The sheet of one indicator, for whoever may read the indicator. */
export async function readReferenceSheet(db: Kysely<Database>, actor: Actor, programCode: string, code: string): Promise<ReferenceSheetView> {
  const { indicator } = await readableIndicator(db, actor, programCode, code);
  // Signed-out readers see what changed and why, not which account changed it.
  const [sheet] = await referenceSheetViews(db, [indicator], { namesAuthors: actor.userId !== null });
  return sheet!;
}

/**
 * The sheets of these indicators (the caller has decided the reader may read them), in their
 * order: for the PIRS book, one read of the stored references for the whole program.
 * `namesAuthors` false leaves out which account made each change and who the responsible user is.
 */
export async function referenceSheetViews(
  db: Kysely<Database>,
  indicators: readonly IndicatorInfo[],
  reader: { namesAuthors: boolean },
): Promise<ReferenceSheetView[]> {
  const stored = await listReferences(
    db,
    indicators.map((i) => i.id),
  );
  return Promise.all(
    indicators.map(async (indicator): Promise<ReferenceSheetView> => {
      const own = stored.get(indicator.id);
      const reference = own?.sheet ?? {};
      const history = await indicatorHistory(db, indicator.id);
      const person = reference.responsible_person;
      return {
        indicator: indicator.code,
        name: { en: indicator.name_en, es: indicator.name_es },
        unit: indicator.unit,
        agg_time: indicator.agg_time,
        agg_place: indicator.agg_place,
        formula: indicator.formula,
        sources: [...indicator.sources],
        disaggregations: [...indicator.dimensions.keys()].sort(),
        reference,
        responsible_user_name: reader.namesAuthors && person && 'user_id' in person ? ((await findUserName(db, person.user_id)) ?? null) : null,
        completeness: referenceCompleteness(reference, indicator),
        last_updated: lastUpdated(history, own?.updated_at),
        history: reader.namesAuthors ? history : history.map((h) => (h.user_id === null ? h : { ...h, user_id: null, by: '' })),
      };
    }),
  );
}

/** Per indicator the actor may read, and for the program as a whole: required PIRS fields filled. */
export async function programReferenceCompleteness(db: Kysely<Database>, actor: Actor, programCode: string) {
  const { indicators } = await readableIndicators(db, actor, programCode);
  const stored = await listReferences(
    db,
    indicators.map((i) => i.id),
  );
  const rows = indicators.map((i) => ({ indicator: i.code, ...referenceCompleteness(stored.get(i.id)?.sheet ?? {}, i) }));
  return { ...completenessPercent(rows), indicators: rows };
}

export interface ReferenceChangeInput {
  /** The reference fields to change (null clears one). */
  reference: ReferencePatch;
  /** The definition fields to change. */
  definition: EditableDefinition;
  reason: string;
}

/** The responsible user must exist; a name is taken as given. `where` locates the field (and its file, for a folder). */
export async function checkResponsibleUser(db: Kysely<Database>, sheet: ReferenceSheet, where: { column: string; file?: string }): Promise<void> {
  const p = sheet.responsible_person;
  if (p && 'user_id' in p && (await findUserName(db, p.user_id)) === undefined) {
    const reason = `no user with id ${p.user_id}`;
    const column = `${where.column}.user_id`;
    throw validationError(`${where.file ? `${where.file}: ` : ''}${column}: ${reason}`, [
      { ...(where.file ? { file: where.file } : {}), column, value: p.user_id, reason },
    ]);
  }
}

/**
 * Changes an indicator's reference and definition fields (officers and administrators; the
 * route checks the permission). The reason is required; fields given with their current value
 * change nothing. Each changed field goes to the history and the audit trail.
 */
export async function changeReference(
  db: Kysely<Database>,
  actor: Actor,
  programCode: string,
  code: string,
  input: ReferenceChangeInput,
): Promise<ReferenceSheetView> {
  const reason = input.reason.trim();
  if (!reason) throw validationError('a reason is required', [{ column: 'reason', reason: REASON_REQUIRED }]);
  const { catalog, indicator } = await readableIndicator(db, actor, programCode, code);
  if (actor.userId === null) throw notFound(`no indicator "${code}"`);
  const author = { userId: actor.userId, by: (await findUserName(db, actor.userId)) ?? `user ${actor.userId}` };
  await db.transaction().execute(async (trx) => {
    const stored = (await listReferences(trx, [indicator.id])).get(indicator.id)?.sheet ?? {};
    const next = applyReferencePatch(stored, input.reference);
    await checkResponsibleUser(trx, next, { column: 'responsible_person' });
    const definitions = await listDefinitions(trx, catalog.program.id);
    const before = definitions.get(indicator.code)!;
    const after = { ...before, ...input.definition };
    const [referenceChanged, definitionChanged] = [referenceChanges(stored, next), definitionChanges(before, after)];
    const changes = [...referenceChanged, ...definitionChanged];
    if (changes.length === 0) return;
    const at = new Date().toISOString();
    if (definitionChanged.length) await updateDefinition(trx, indicator.id, input.definition);
    if (referenceChanged.length) await saveReference(trx, indicator.id, next, at);
    await recordIndicatorChanges(trx, { id: indicator.id, code: indicator.code, programId: catalog.program.id }, changes, author, reason, at);
    // Reports record the data version they were made from; a changed sheet is a new version.
    await bumpDataVersion(trx, catalog.program.id);
  });
  return readReferenceSheet(db, actor, programCode, code);
}

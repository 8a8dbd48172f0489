/**
 * Writes a checked program folder inside the caller's transaction: the program, then each kind
 * of thing in dependency order (ids of what was just written feed the next step), then targets
 * and values resolved against the catalog as it now stands in the database.
 */
import type { Kysely } from 'kysely';
import { validationError, type IssueDetail } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import { MAX_PLACE_LEVEL } from '../../db/schema.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { storeValues } from '../values/values.service.js';
import { findProgram, loadCatalog } from './catalog.repo.js';
import { KeyRegistry, resolveTargetRows, resolveValueRows } from './folder-values.service.js';
import { fillOwnLevelColumn, listPlacesAtLevel, type PlaceAncestors } from './places.repo.js';
import { readValueBatches } from './value-rows.reader.js';
import type { ProgramFolder } from './program-folder.types.js';
import { insertLinks, listIdsByCode, upsertRows, type WriteCounts } from './program-rows.repo.js';
import { loadRecordsFolder } from '../records/records-folder.js';
import { auditSystemEvent, type SystemWriter } from '../audit/data-writer.js';

/** A folder load is the system's write, audited in summary (see data-writer.ts). */
const folderWriter = (dir: string, file?: string): SystemWriter => ({ system: 'folder load', file: file ? `${dir}/${file}` : dir });
import { assertDerivedSensitivity } from '../indicators/indicator-sensitivity.service.js';

/** Kinds of rows a load writes, as counted in its summary. */
export const LOAD_KINDS = [
  'program', 'places', 'zones', 'zone_places', 'organisations', 'sources', 'dimensions', 'dimension_options',
  'framework', 'indicators', 'indicator_sources', 'indicator_dimensions', 'targets', 'values',
] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];
export type LoadCounts = Record<LoadKind, WriteCounts>;

/** Values are stored this many at a time, so that progress can be shown between batches. */
const VALUE_BATCH = 20_000;

/** Called as values are written: how many so far, of how many. */
export type WriteProgress = (done: number, total: number) => void;

/** Something the check should have caught: fail the transaction with the problems listed. */
function failIfAny(issues: IssueDetail[]): void {
  if (issues.length) throw validationError(`${issues.length} problem(s) found while writing; nothing was loaded`, issues);
}

/**
 * Writes `folder` (already checked by checkProgramFolder) in `trx`. `valueCount` is the number
 * of value rows, for progress.
 */
export async function writeProgramFolder(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  valueCount: number,
  onProgress?: WriteProgress,
): Promise<LoadCounts> {
  const p = folder.program;
  if (!p) throw validationError('program.json is missing or invalid');
  const counts = {} as LoadCounts;

  counts.program = await upsertRows(
    trx,
    'program',
    [{ code: p.code, name_en: p.name.en, name_es: p.name.es, country_code: p.country, fiscal_year_start_month: p.fiscal_year_start_month, currency: p.currency, created_at: new Date().toISOString() }],
    ['code'],
    ['name_en', 'name_es', 'country_code', 'fiscal_year_start_month', 'currency'],
  );
  const program_id = (await findProgram(trx, p.code)).id;
  const byCode = ['program_id', 'code'] as const;

  counts.sources = await upsertRows(trx, 'source', folder.sources.map((s) => ({ program_id, code: s.code, name_en: s.name_en, name_es: s.name_es, url: s.url })), byCode, ['name_en', 'name_es', 'url']);
  counts.organisations = await upsertRows(
    trx,
    'organisation',
    folder.organisations.map((o) => ({ program_id, code: o.code, name_en: o.name_en, name_es: o.name_es, kind: o.kind, country_code: o.country_code, iati_ref: o.iati_ref })),
    byCode,
    ['name_en', 'name_es', 'kind', 'country_code', 'iati_ref'],
  );
  counts.zones = await upsertRows(trx, 'zone', folder.zones.map((z) => ({ program_id, code: z.code, name_en: z.name_en, name_es: z.name_es })), byCode, ['name_en', 'name_es']);

  const dimensions = folder.dimensions?.items.map((i) => i.data) ?? [];
  counts.dimensions = await upsertRows(trx, 'dimension', dimensions.map((d) => ({ program_id, code: d.code, name_en: d.name.en, name_es: d.name.es })), byCode, ['name_en', 'name_es']);
  const dimensionIds = await listIdsByCode(trx, 'dimension', program_id);
  counts.dimension_options = await upsertRows(
    trx,
    'dimension_option',
    dimensions.flatMap((d) => d.options.map((o, sort) => ({ dimension_id: dimensionIds.get(d.code) ?? 0, code: o.code, name_en: o.name.en, name_es: o.name.es, sort }))),
    ['dimension_id', 'code'],
    ['name_en', 'name_es', 'sort'],
  );

  const places = await writePlaces(trx, folder, program_id);
  counts.places = places.counts;
  const zoneIds = await listIdsByCode(trx, 'zone', program_id);
  counts.zone_places = await insertLinks(trx, 'zone_place', folder.zonePlaces.map((zp) => ({ zone_id: zoneIds.get(zp.zone) ?? 0, place_id: places.ids.get(zp.place) ?? 0 })));

  // Goals before components: a component's row needs its goal's id.
  const node = (f: ProgramFolder['framework'][number], parent_id: number | null) => ({
    program_id, code: f.code, kind: f.kind ?? 'goal', parent_id, name_en: f.name_en, name_es: f.name_es,
    description_en: f.description_en, description_es: f.description_es, sort: f.sort,
  });
  const nodeColumns = ['kind', 'parent_id', 'name_en', 'name_es', 'description_en', 'description_es', 'sort'] as const;
  const goals = await upsertRows(trx, 'framework_node', folder.framework.filter((f) => f.kind === 'goal').map((f) => node(f, null)), byCode, nodeColumns);
  const goalIds = await listIdsByCode(trx, 'framework_node', program_id);
  const components = await upsertRows(
    trx,
    'framework_node',
    folder.framework.filter((f) => f.kind === 'component').map((f) => node(f, goalIds.get(f.parent ?? '') ?? null)),
    byCode,
    nodeColumns,
  );
  counts.framework = sumCounts(goals, components);
  const nodeIds = await listIdsByCode(trx, 'framework_node', program_id);

  const indicators = folder.indicators?.items ?? [];
  counts.indicators = await upsertRows(
    trx,
    'indicator',
    indicators.map(({ data: i, index }) => ({
      program_id, code: i.code, component_id: nodeIds.get(i.component) ?? null, name_en: i.name.en, name_es: i.name.es,
      description_en: i.description?.en || null, description_es: i.description?.es || null, unit: i.unit, direction: i.direction,
      agg_time: i.agg_time, agg_place: i.agg_place, sensitivity: i.sensitivity, origin: i.origin, formula: i.formula ?? null,
      decimals: i.decimals, sort: index, allow_negative: i.allow_negative ? 1 : 0,
    })),
    byCode,
    ['component_id', 'name_en', 'name_es', 'description_en', 'description_es', 'unit', 'direction', 'agg_time', 'agg_place', 'sensitivity', 'origin', 'formula', 'decimals', 'sort', 'allow_negative'],
  );
  const [indicatorIds, sourceIds] = [await listIdsByCode(trx, 'indicator', program_id), await listIdsByCode(trx, 'source', program_id)];
  const indicatorId = (code: string) => indicatorIds.get(code) ?? 0;
  counts.indicator_sources = await insertLinks(trx, 'indicator_source', indicators.flatMap(({ data: i }) => i.sources.map((s) => ({ indicator_id: indicatorId(i.code), source_id: sourceIds.get(s) ?? 0 }))));
  counts.indicator_dimensions = await insertLinks(trx, 'indicator_dimension', indicators.flatMap(({ data: i }) => i.dimensions.map((d) => ({ indicator_id: indicatorId(i.code), dimension_id: dimensionIds.get(d) ?? 0 }))));

  // Structure written: from here on, codes resolve against the real catalog.
  const catalog = await loadCatalog(trx, p.code);
  const issues: IssueDetail[] = [];
  const targets = resolveTargetRows(catalog, folder.targets, issues);
  failIfAny(issues);
  counts.targets = await upsertRows(trx, 'target', targets, ['indicator_id', 'place_id', 'period', 'source', 'disagg', 'kind'], ['start_date', 'end_date', 'value', 'provenance', 'note']);

  // Values bump the data version themselves when they change; the rest of the program does here.
  const changed = Object.values(counts).some((c) => c.inserted + c.updated > 0);
  if (changed) await bumpDataVersion(trx, program_id);

  counts.values = { inserted: 0, updated: 0, unchanged: 0 };
  const keys = new KeyRegistry();
  const now = new Date().toISOString();
  let done = 0;
  for (const file of folder.valueFiles) {
    for await (const batch of readValueBatches(folder.dir, file, issues, VALUE_BATCH)) {
      const rows = resolveValueRows(catalog, batch.rows, keys, issues, undefined, now);
      failIfAny(issues);
      const r = await storeValues(trx, catalog, rows, folderWriter(folder.dir, file));
      counts.values.inserted += r.inserted;
      counts.values.updated += r.updated;
      counts.values.unchanged += rows.length - r.inserted - r.updated;
      done += rows.length;
      onProgress?.(done, valueCount);
    }
    failIfAny(issues);
  }
  // record-types/ and records/: validated and written here too, so the load stays all-or-nothing.
  await loadRecordsFolder(trx, folder.dir, p.code, folderWriter(folder.dir));
  // Last, when formulas, indicators already stored and record types' roll-ups are all in place:
  // no derived indicator may be declared less sensitive than what it is computed from.
  await assertDerivedSensitivity(trx, p.code);
  const result = Object.fromEntries(LOAD_KINDS.map((k) => [k, counts[k]])) as LoadCounts;
  // The catalog and targets have no per-row events: the load's summary counts them.
  if (LOAD_KINDS.some((k) => result[k].inserted + result[k].updated > 0)) {
    await auditSystemEvent(trx, folderWriter(folder.dir), program_id, 'load', 'program', { counts: result });
  }
  return result;
}

function sumCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

/**
 * Places level by level, parents first: a place's ancestor columns are its parent's plus its
 * own id. Returns the code → id of every place of the program.
 */
async function writePlaces(trx: Kysely<Database>, folder: ProgramFolder, program_id: number): Promise<{ counts: WriteCounts; ids: Map<string, number> }> {
  let counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const ids = new Map<string, number>();
  let parents = new Map<string, PlaceAncestors>();
  for (let level = 1; level <= MAX_PLACE_LEVEL; level++) {
    const rows = folder.places
      .filter((p) => p.level === level)
      .map((p) => {
        const parent = p.parent ? parents.get(p.parent) : undefined;
        const ancestors = [parent?.p1, parent?.p2, parent?.p3, parent?.p4, parent?.p5, parent?.p6].map((v, i) => (i < level - 1 ? (v ?? null) : null));
        const [p1, p2, p3, p4, p5, p6] = ancestors as Array<number | null>;
        return {
          program_id, code: p.code, name: p.name, level, parent_id: parent?.id ?? null,
          p1: p1 ?? null, p2: p2 ?? null, p3: p3 ?? null, p4: p4 ?? null, p5: p5 ?? null, p6: p6 ?? null,
          lat: p.lat, lon: p.lon, alt_codes: p.iso ? JSON.stringify({ iso: p.iso }) : null,
        };
      });
    // The own level column is left out of the comparison: a new row gets it only once inserted.
    const compare = (['name', 'level', 'parent_id', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'lat', 'lon', 'alt_codes'] as const).filter((c) => c !== `p${level}`);
    counts = sumCounts(counts, await upsertRows(trx, 'place', rows, ['program_id', 'code'], compare));
    if (rows.length) await fillOwnLevelColumn(trx, program_id, level);
    const listed = await listPlacesAtLevel(trx, program_id, level);
    for (const p of listed) ids.set(p.code, p.id);
    parents = new Map(listed.map((p) => [p.code, p]));
  }
  return { counts, ids };
}

/**
 * Writes a checked program folder inside the caller's transaction: the program, then each kind
 * of thing in dependency order (ids of what was just written feed the next step), then targets
 * and values resolved against the catalog as it now stands in the database.
 */
import type { Kysely } from 'kysely';
import { validationError, type IssueDetail } from '../../core/errors.js';
import type { Database } from '../../db/schema.js';
import { bumpDataVersion } from '../values/values.repo.js';
import { storeValues } from '../values/values.service.js';
import { loadCatalog, type Catalog } from '../catalog/catalog.repo.js';
import { KeyRegistry, resolveTargetRows, resolveValueRows } from './folder-values.service.js';
import { readValueBatches } from './value-rows.reader.js';
import type { ProgramFolder } from './program-folder.types.js';
import { upsertRows, type WriteCounts } from './program-rows.repo.js';
import { writePlacesAndZonePlaces } from './program-places.writer.js';
import { writeDimensions, writeFramework, writeIndicators, writeNamedRows, writeProgramRow } from './program-structure.writer.js';
import { loadRecordsFolder } from '../records/records-folder.js';
import { loadRulesFile, RULES_FILE } from '../quality-rules/rules-folder.js';
import { auditSystemEvent, type SystemWriter } from '../audit/data-writer.js';
import { definitionsBeforeLoad, writeReferencesAndHistory } from './folder-reference.writer.js';

/** A folder load is the system's write, audited in summary (see data-writer.ts). */
const folderWriter = (dir: string, file?: string): SystemWriter => ({ system: 'folder load', file: file ? `${dir}/${file}` : dir });
import { assertDerivedSensitivity } from '../catalog/indicator-sensitivity.service.js';

/** Kinds of rows a load writes, as counted in its summary. */
export const LOAD_KINDS = [
  'program',
  'places',
  'zones',
  'zone_places',
  'organisations',
  'sources',
  'dimensions',
  'dimension_options',
  'framework',
  'indicators',
  'indicator_sources',
  'indicator_dimensions',
  'targets',
  'values',
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
export async function writeProgramFolder(trx: Kysely<Database>, folder: ProgramFolder, valueCount: number, onProgress?: WriteProgress): Promise<LoadCounts> {
  const p = folder.program;
  if (!p) throw validationError('program.json is missing or invalid');
  const { program_id, counts } = await writeProgramStructure(trx, folder);

  // Structure written: from here on, codes resolve against the real catalog.
  const catalog = await loadCatalog(trx, p.code);
  counts.targets = await writeTargets(trx, folder, catalog);
  // validation-rules.json names indicators and holds the folder's values to its rules: between the two.
  if ((await loadRulesFile(trx, catalog, folder.dir, folderWriter(folder.dir, RULES_FILE))) !== null && !folder.files.includes(RULES_FILE))
    folder.files.push(RULES_FILE);

  // Values bump the data version themselves when they change; the rest of the program does here.
  const changed = Object.values(counts).some((c) => c.inserted + c.updated > 0);
  if (changed) await bumpDataVersion(trx, program_id);
  counts.values = await writeValues(trx, folder, catalog, valueCount, onProgress);

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

/**
 * The structure of a checked folder — the program row, sources, organisations, zones,
 * dimensions, places, framework, indicators with their links and reference sheets — written in
 * dependency order. A load continues with targets and values; a design change over the API
 * (modules/design) writes only this, from a folder of the one thing it changes.
 */
export async function writeProgramStructure(trx: Kysely<Database>, folder: ProgramFolder): Promise<{ program_id: number; counts: LoadCounts }> {
  const p = folder.program;
  if (!p) throw validationError('program.json is missing or invalid');
  const counts = {} as LoadCounts;
  const program = await writeProgramRow(trx, p);
  const program_id = program.program_id;
  counts.program = program.counts;
  Object.assign(counts, await writeNamedRows(trx, folder, program_id));
  const dimensions = await writeDimensions(trx, folder, program_id);
  counts.dimensions = dimensions.dimensions;
  counts.dimension_options = dimensions.dimension_options;
  Object.assign(counts, await writePlacesAndZonePlaces(trx, folder, program_id));
  const framework = await writeFramework(trx, folder, program_id);
  counts.framework = framework.counts;
  const definitions = await definitionsBeforeLoad(trx, program_id);
  Object.assign(counts, await writeIndicators(trx, folder, program_id, { nodes: framework.ids, dimensions: dimensions.ids }));
  await writeReferencesAndHistory(trx, folder, program_id, definitions);
  return { program_id, counts };
}

/** Targets, resolved against the catalog as written. */
async function writeTargets(trx: Kysely<Database>, folder: ProgramFolder, catalog: Catalog): Promise<WriteCounts> {
  const issues: IssueDetail[] = [];
  const targets = resolveTargetRows(catalog, folder.targets, issues);
  failIfAny(issues);
  return upsertRows(
    trx,
    'target',
    targets,
    ['indicator_id', 'place_id', 'period', 'source', 'disagg', 'kind'],
    ['start_date', 'end_date', 'value', 'provenance', 'note'],
  );
}

/** Values, file by file and batch by batch, reporting progress after each batch. */
async function writeValues(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  catalog: Catalog,
  valueCount: number,
  onProgress?: WriteProgress,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const issues: IssueDetail[] = [];
  const keys = new KeyRegistry();
  const now = new Date().toISOString();
  let done = 0;
  for (const file of folder.valueFiles) {
    for await (const batch of readValueBatches(folder.dir, file, issues, VALUE_BATCH)) {
      const rows = resolveValueRows(catalog, batch.rows, keys, issues, undefined, now);
      failIfAny(issues);
      const r = await storeValues(trx, catalog, rows, folderWriter(folder.dir, file));
      counts.inserted += r.inserted;
      counts.updated += r.updated;
      counts.unchanged += rows.length - r.inserted - r.updated;
      done += rows.length;
      onProgress?.(done, valueCount);
    }
    failIfAny(issues);
  }
  return counts;
}

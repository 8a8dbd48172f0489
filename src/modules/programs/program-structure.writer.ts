/**
 * The steps of a program load that write the program's structure, in dependency order: the
 * program row, its sources, organisations and zones, its dimensions and their options, its
 * framework (goals before components) and its indicators with their links. Each step returns
 * its write counts and, where a later step needs them, the code → id of what it wrote.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findProgram } from '../catalog/catalog.repo.js';
import type { ProgramFile } from './program-folder.schema.js';
import type { ProgramFolder } from './program-folder.types.js';
import { indicatorColumns } from './indicator-columns.js';
import { insertLinks, listIdsByCode, setOptionsRetiredByCode, setRetiredByCode, upsertRows, type WriteCounts } from './program-rows.repo.js';

const byCode = ['program_id', 'code'] as const;

/** Adds two write counts. */
export function sumCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

/** The program's own row; returns its id. */
export async function writeProgramRow(trx: Kysely<Database>, p: ProgramFile): Promise<{ counts: WriteCounts; program_id: number }> {
  const counts = await upsertRows(
    trx,
    'program',
    [
      {
        code: p.code,
        name_en: p.name.en,
        name_es: p.name.es,
        country_code: p.country,
        fiscal_year_start_month: p.fiscal_year_start_month,
        currency: p.currency,
        created_at: new Date().toISOString(),
      },
    ],
    ['code'],
    ['name_en', 'name_es', 'country_code', 'fiscal_year_start_month', 'currency'],
  );
  return { counts, program_id: (await findProgram(trx, p.code)).id };
}

/** Sources, organisations and zones: things that only name themselves. */
export async function writeNamedRows(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  program_id: number,
): Promise<{ sources: WriteCounts; organisations: WriteCounts; zones: WriteCounts }> {
  const sources = await upsertRows(
    trx,
    'source',
    folder.sources.map((s) => ({ program_id, code: s.code, name_en: s.name_en, name_es: s.name_es, url: s.url })),
    byCode,
    ['name_en', 'name_es', 'url'],
  );
  const organisations = await upsertRows(
    trx,
    'organisation',
    folder.organisations.map((o) => ({
      program_id,
      code: o.code,
      name_en: o.name_en,
      name_es: o.name_es,
      kind: o.kind,
      country_code: o.country_code,
      iati_ref: o.iati_ref,
    })),
    byCode,
    ['name_en', 'name_es', 'kind', 'country_code', 'iati_ref'],
  );
  const zones = await upsertRows(
    trx,
    'zone',
    folder.zones.map((z) => ({ program_id, code: z.code, name_en: z.name_en, name_es: z.name_es })),
    byCode,
    ['name_en', 'name_es'],
  );
  return { sources, organisations, zones };
}

/** Dimensions, then their options (which need the dimensions' ids); returns the dimensions' ids. */
export async function writeDimensions(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  program_id: number,
): Promise<{ dimensions: WriteCounts; dimension_options: WriteCounts; ids: Map<string, number>; retired: number }> {
  const list = folder.dimensions?.items.map((i) => i.data) ?? [];
  const dimensions = await upsertRows(
    trx,
    'dimension',
    list.map((d) => ({ program_id, code: d.code, name_en: d.name.en, name_es: d.name.es })),
    byCode,
    ['name_en', 'name_es'],
  );
  const ids = await listIdsByCode(trx, 'dimension', program_id);
  const dimension_options = await upsertRows(
    trx,
    'dimension_option',
    list.flatMap((d) => d.options.map((o, sort) => ({ dimension_id: ids.get(d.code) ?? 0, code: o.code, name_en: o.name.en, name_es: o.name.es, sort }))),
    ['dimension_id', 'code'],
    ['name_en', 'name_es', 'sort'],
  );
  const options = list.flatMap((d) => d.options.map((o) => ({ dimension: d.code, ...o })));
  const retired = (await setRetiredByCode(trx, 'dimension', program_id, list)) + (await setOptionsRetiredByCode(trx, ids, options));
  return { dimensions, dimension_options, ids, retired };
}

/** Goals before components (a component's row needs its goal's id); returns every node's id and how many retired flags changed. */
export async function writeFramework(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  program_id: number,
): Promise<{ counts: WriteCounts; ids: Map<string, number>; retired: number }> {
  const node = (f: ProgramFolder['framework'][number], parent_id: number | null) => ({
    program_id,
    code: f.code,
    kind: f.kind ?? 'goal',
    parent_id,
    name_en: f.name_en,
    name_es: f.name_es,
    description_en: f.description_en,
    description_es: f.description_es,
    sort: f.sort,
  });
  const nodeColumns = ['kind', 'parent_id', 'name_en', 'name_es', 'description_en', 'description_es', 'sort'] as const;
  const goals = await upsertRows(
    trx,
    'framework_node',
    folder.framework.filter((f) => f.kind === 'goal').map((f) => node(f, null)),
    byCode,
    nodeColumns,
  );
  const goalIds = await listIdsByCode(trx, 'framework_node', program_id);
  const components = await upsertRows(
    trx,
    'framework_node',
    folder.framework.filter((f) => f.kind === 'component').map((f) => node(f, goalIds.get(f.parent ?? '') ?? null)),
    byCode,
    nodeColumns,
  );
  const retired = await setRetiredByCode(trx, 'framework_node', program_id, folder.framework);
  return { counts: sumCounts(goals, components), ids: await listIdsByCode(trx, 'framework_node', program_id), retired };
}

/** Indicators under their components, then their links to sources and dimensions. */
export async function writeIndicators(
  trx: Kysely<Database>,
  folder: ProgramFolder,
  program_id: number,
  ids: { nodes: Map<string, number>; dimensions: Map<string, number> },
): Promise<{ indicators: WriteCounts; indicator_sources: WriteCounts; indicator_dimensions: WriteCounts; retired: number }> {
  const list = folder.indicators?.items ?? [];
  const indicators = await upsertRows(
    trx,
    'indicator',
    list.map(({ data: i, index }) => ({
      program_id,
      ...indicatorColumns(i, index),
      component_id: ids.nodes.get(i.component) ?? null,
    })),
    byCode,
    [
      'component_id',
      'name_en',
      'name_es',
      'description_en',
      'description_es',
      'unit',
      'direction',
      'agg_time',
      'agg_place',
      'sensitivity',
      'origin',
      'formula',
      'decimals',
      'sort',
      'allow_negative',
    ],
  );
  const retired = await setRetiredByCode(
    trx,
    'indicator',
    program_id,
    list.map(({ data }) => data),
  );
  const [indicatorIds, sourceIds] = [await listIdsByCode(trx, 'indicator', program_id), await listIdsByCode(trx, 'source', program_id)];
  const indicatorId = (code: string) => indicatorIds.get(code) ?? 0;
  const indicator_sources = await insertLinks(
    trx,
    'indicator_source',
    list.flatMap(({ data: i }) => i.sources.map((s) => ({ indicator_id: indicatorId(i.code), source_id: sourceIds.get(s) ?? 0 }))),
  );
  const indicator_dimensions = await insertLinks(
    trx,
    'indicator_dimension',
    list.flatMap(({ data: i }) => i.dimensions.map((d) => ({ indicator_id: indicatorId(i.code), dimension_id: ids.dimensions.get(d) ?? 0 }))),
  );
  return { indicators, indicator_sources, indicator_dimensions, retired };
}

/**
 * Writes indicators.json of a dumped program, in display order, each indicator with its sources,
 * dimensions and reference sheet (the reader: indicators-file.reader.ts; the columns it maps to:
 * indicator-columns.ts). A sheet's responsible person who is a user of this server is written by
 * name: the folder may be loaded where that user does not exist.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { jsonText } from '../../files/csv-table.writer.js';
import { findUserName } from '../indicators/indicator-reference.repo.js';
import type { FolderOut } from './folder-files.writer.js';
import { listIndicatorLinks, listIndicatorRows } from './program-dump.repo.js';
import { FOLDER_FILES, type IndicatorEntry } from './program-folder.schema.js';

type Sheet = NonNullable<IndicatorEntry['reference']>;

/** The stored sheet as the file gives it; undefined when it is empty. */
async function referenceOf(db: Kysely<Database>, stored: string | null): Promise<Sheet | undefined> {
  if (!stored) return undefined;
  const sheet = JSON.parse(stored) as Sheet;
  const person = sheet.responsible_person;
  if (person && 'user_id' in person) sheet.responsible_person = { name: (await findUserName(db, person.user_id)) ?? `user ${person.user_id}` };
  return Object.keys(sheet).length ? sheet : undefined;
}

const groupBy = (rows: ReadonlyArray<{ indicator: string; code: string }>) => {
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.indicator, [...(map.get(r.indicator) ?? []), r.code]);
  return map;
};

export async function writeIndicatorsFile(db: Kysely<Database>, out: FolderOut, programId: number): Promise<void> {
  const [rows, links] = await Promise.all([listIndicatorRows(db, programId), listIndicatorLinks(db, programId)]);
  const sources = groupBy(links.sources);
  const dimensions = groupBy(links.dimensions);
  const entries: IndicatorEntry[] = [];
  for (const i of rows) {
    const description = { ...(i.description_en ? { en: i.description_en } : {}), ...(i.description_es ? { es: i.description_es } : {}) };
    const reference = await referenceOf(db, i.sheet);
    entries.push({
      code: i.code,
      component: i.component ?? '',
      name: { en: i.name_en, es: i.name_es },
      ...(Object.keys(description).length ? { description } : {}),
      unit: i.unit,
      direction: i.direction,
      agg_time: i.agg_time,
      agg_place: i.agg_place,
      sensitivity: i.sensitivity,
      origin: i.origin,
      ...(i.formula ? { formula: i.formula } : {}),
      decimals: i.decimals,
      sources: sources.get(i.code) ?? [],
      dimensions: dimensions.get(i.code) ?? [],
      allow_negative: Number(i.allow_negative) === 1,
      ...(reference ? { reference } : {}),
    });
  }
  await out.write(FOLDER_FILES.indicators, jsonText(entries));
}

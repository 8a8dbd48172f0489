/**
 * An indicator entry of `indicators.json` as the columns of its `indicator` row: written by the
 * load, and taken as the catalog the rest of a load is checked against, from the same mapping.
 */
import type { IndicatorEntry } from './program-folder.schema.js';

/** The columns that come from the entry itself; `sort` is its place in the file. */
export function indicatorColumns(i: IndicatorEntry, sort: number) {
  return {
    code: i.code,
    name_en: i.name.en,
    name_es: i.name.es,
    description_en: i.description?.en || null,
    description_es: i.description?.es || null,
    unit: i.unit,
    direction: i.direction,
    agg_time: i.agg_time,
    agg_place: i.agg_place,
    sensitivity: i.sensitivity,
    origin: i.origin,
    formula: i.formula ?? null,
    decimals: i.decimals,
    sort,
    allow_negative: i.allow_negative ? 1 : 0,
  };
}

/**
 * The catalog a program will have once a folder is loaded, built in memory before anything is
 * written: what the database already holds of the program, plus and overridden by the folder.
 * Things not yet in the database get provisional negative ids. It serves only to check the
 * folder; the load writes first and then resolves values against the real catalog.
 */
import type { Place, Program } from '../../db/schema.js';
import type { Catalog, IndicatorInfo } from '../catalog/catalog.repo.js';
import type { ExistingProgram } from './existing-program.repo.js';
import type { ProgramFolder } from './program-folder.types.js';
import { indicatorColumns } from './indicator-columns.js';

/** Every code a folder may refer to, whether it comes from the folder or the database. */
export interface KnownCodes {
  catalog: Catalog;
  zones: Set<string>;
  sources: Set<string>;
  /** Dimension code → option codes. */
  dimensions: Map<string, Set<string>>;
  /** Framework node code → kind (null when the folder's kind cell was bad). */
  framework: Map<string, 'goal' | 'component' | null>;
}

/** Merges the folder over what exists; see the module comment. */
export function buildKnownCodes(folder: ProgramFolder, existing: ExistingProgram | null): KnownCodes {
  let nextId = -1;
  const provisional = () => nextId--;
  const base = existing?.catalog;
  const p = folder.program;
  const program: Program = {
    id: base?.program.id ?? provisional(),
    code: p?.code ?? base?.program.code ?? '',
    name_en: p?.name.en ?? base?.program.name_en ?? '',
    name_es: p?.name.es ?? base?.program.name_es ?? '',
    country_code: p?.country ?? base?.program.country_code ?? '',
    fiscal_year_start_month: p?.fiscal_year_start_month ?? base?.program.fiscal_year_start_month ?? 1,
    currency: p?.currency ?? base?.program.currency ?? 'USD',
    data_version: base?.program.data_version ?? 0,
    created_at: base?.program.created_at ?? '',
  };

  const places = new Map(base?.places);
  for (const row of folder.places) {
    const old = places.get(row.code);
    const place: Place = {
      id: old?.id ?? provisional(),
      program_id: program.id,
      code: row.code,
      name: row.name,
      level: row.level ?? old?.level ?? 0,
      parent_id: null,
      p1: null,
      p2: null,
      p3: null,
      p4: null,
      p5: null,
      p6: null,
      lat: row.lat,
      lon: row.lon,
      alt_codes: null,
      boundary: old?.boundary ?? null,
    };
    places.set(row.code, place);
  }

  const dimensions = new Map([...(existing?.dimensions ?? [])].map(([d, o]) => [d, new Set(o)]));
  for (const { data } of folder.dimensions?.items ?? []) {
    const options = dimensions.get(data.code) ?? new Set<string>();
    for (const o of data.options) options.add(o.code);
    dimensions.set(data.code, options);
  }

  // A load never removes an indicator's sources or dimensions, so the result is the union.
  const indicators = new Map<string, IndicatorInfo>();
  for (const [code, info] of base?.indicators ?? []) {
    indicators.set(code, { ...info, sources: [...info.sources], dimensions: new Map(info.dimensions) });
  }
  for (const { data, index } of folder.indicators?.items ?? []) {
    const old = indicators.get(data.code);
    indicators.set(data.code, {
      id: old?.id ?? provisional(),
      program_id: program.id,
      ...indicatorColumns(data, index),
      component_id: null,
      retired: old?.retired ?? 0,
      sources: [...new Set([...(old?.sources ?? []), ...data.sources])].sort(),
      dimensions: new Map([...(old?.dimensions.keys() ?? []), ...data.dimensions].map((d) => [d, new Set<string>()])),
    });
  }
  for (const info of indicators.values()) {
    for (const d of info.dimensions.keys()) info.dimensions.set(d, new Set(dimensions.get(d)));
  }

  const organisations = new Map(base?.organisations);
  for (const o of folder.organisations) if (!organisations.has(o.code)) organisations.set(o.code, provisional());

  const framework = new Map<string, 'goal' | 'component' | null>(existing?.framework ?? []);
  for (const f of folder.framework) framework.set(f.code, f.kind);

  return {
    catalog: {
      program,
      indicators,
      indicatorsById: new Map([...indicators.values()].map((i) => [i.id, i])),
      places,
      placesById: new Map([...places.values()].map((pl) => [pl.id, pl])),
      organisations,
    },
    zones: new Set([...(existing?.zones ?? []), ...folder.zones.map((z) => z.code)]),
    sources: new Set([...(existing?.sources ?? []), ...folder.sources.map((s) => s.code)]),
    dimensions,
    framework,
  };
}

/**
 * The program catalog: everything needed to turn codes (indicator, place, source, dimension
 * options) into ids and rules, read once per operation rather than once per value.
 */
import type { Kysely } from 'kysely';
import type { Database, Indicator, Place, Program } from '../../db/schema.js';
import { notFound } from '../../core/errors.js';

export interface IndicatorInfo extends Indicator {
  /** Source codes this indicator accepts; empty means the single default source ''. */
  sources: string[];
  /** Dimension code → allowed option codes (retired options are not allowed: they take no new data). */
  dimensions: Map<string, Set<string>>;
  /** Dimension code → its retired option codes (all of a retired dimension's), kept for messages that name them. */
  retiredOptions?: Map<string, Set<string>>;
}

export interface Catalog {
  program: Program;
  indicators: Map<string, IndicatorInfo>;
  indicatorsById: Map<number, IndicatorInfo>;
  places: Map<string, Place>;
  placesById: Map<number, Place>;
  organisations: Map<string, number>;
}

/** The program with this code, or undefined. */
export async function findProgramByCode(db: Kysely<Database>, code: string): Promise<Program | undefined> {
  return db.selectFrom('program').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The program with this code; not found (404) when there is none. */
export async function findProgram(db: Kysely<Database>, code: string): Promise<Program> {
  const program = await findProgramByCode(db, code);
  if (!program) throw notFound(`no program with code "${code}"`);
  return program;
}

/** True when a program has this code. */
export async function programExists(db: Kysely<Database>, code: string): Promise<boolean> {
  return (await findProgramByCode(db, code)) !== undefined;
}

/** The code of the program with this id. */
export async function findProgramCode(db: Kysely<Database>, programId: number): Promise<string> {
  const r = await db.selectFrom('program').select('code').where('id', '=', programId).executeTakeFirstOrThrow();
  return r.code;
}

/** Every program, by code. */
export async function listPrograms(db: Kysely<Database>) {
  return db
    .selectFrom('program')
    .select(['code', 'name_en', 'name_es', 'country_code', 'fiscal_year_start_month', 'currency', 'data_version'])
    .orderBy('code')
    .execute();
}

/**
 * Reads a program's catalog. With `placeCodes` (a write of a few values) only those places are
 * read: a program may have thousands, and a single write must stay cheap.
 */
export async function loadCatalog(db: Kysely<Database>, programCode: string, placeCodes?: readonly string[]): Promise<Catalog> {
  const program = await findProgram(db, programCode);
  const someOnly = placeCodes !== undefined && placeCodes.length <= 500;
  const [indicators, sources, dims, places, orgs] = await Promise.all([
    db.selectFrom('indicator').selectAll().where('program_id', '=', program.id).orderBy('sort').orderBy('code').execute(),
    db
      .selectFrom('indicator_source as is')
      .innerJoin('source as s', 's.id', 'is.source_id')
      .innerJoin('indicator as i', 'i.id', 'is.indicator_id')
      .select(['is.indicator_id', 's.code'])
      .where('i.program_id', '=', program.id)
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('indicator_dimension as id')
      .innerJoin('dimension as d', 'd.id', 'id.dimension_id')
      .innerJoin('indicator as i', 'i.id', 'id.indicator_id')
      .leftJoin('dimension_option as o', 'o.dimension_id', 'd.id')
      .select(['id.indicator_id', 'd.code as dim', 'o.code as opt', 'd.retired as dim_retired', 'o.retired as opt_retired'])
      .where('i.program_id', '=', program.id)
      .execute(),
    db
      .selectFrom('place')
      .selectAll()
      .where('program_id', '=', program.id)
      .$if(someOnly, (q) => q.where('code', 'in', placeCodes?.length ? [...(placeCodes ?? [])] : ['']))
      .execute(),
    db.selectFrom('organisation').select(['id', 'code']).where('program_id', '=', program.id).execute(),
  ]);
  const byId = new Map<number, IndicatorInfo>();
  for (const i of indicators) byId.set(i.id, { ...i, sources: [], dimensions: new Map() });
  for (const s of sources) byId.get(s.indicator_id)?.sources.push(s.code);
  for (const d of dims) {
    const info = byId.get(d.indicator_id);
    if (!info) continue;
    const set = info.dimensions.get(d.dim) ?? new Set<string>();
    info.dimensions.set(d.dim, set);
    if (!d.opt) continue;
    if (d.dim_retired || d.opt_retired) {
      info.retiredOptions ??= new Map();
      info.retiredOptions.set(d.dim, (info.retiredOptions.get(d.dim) ?? new Set<string>()).add(d.opt));
    } else set.add(d.opt);
  }
  return {
    program,
    indicators: new Map([...byId.values()].map((i) => [i.code, i])),
    indicatorsById: byId,
    places: new Map(places.map((p) => [p.code, p])),
    placesById: new Map(places.map((p) => [p.id, p])),
    organisations: new Map(orgs.map((o) => [o.code, o.id])),
  };
}

/** Looks an indicator up by code, or fails with a message naming the program's codes. */
export function requireIndicator(catalog: Catalog, code: string): IndicatorInfo {
  const i = catalog.indicators.get(code);
  if (!i) throw notFound(`program ${catalog.program.code} has no indicator "${code}"`);
  return i;
}

export function requirePlace(catalog: Catalog, code: string): Place {
  const p = catalog.places.get(code);
  if (!p) throw notFound(`program ${catalog.program.code} has no place "${code}"`);
  return p;
}

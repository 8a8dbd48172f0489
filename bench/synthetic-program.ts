/**
 * A synthetic program big enough to benchmark: one country › 25 departments › 200 provinces ›
 * 2,000 districts (the leaves), 50 summed indicators with one source, and 120 months
 * (2010–2019). Written straight into the database; the values come from a seeded generator so
 * that every run with the same `--values` loads exactly the same data.
 */
import type { Db } from '../src/db/database.js';
import type { NewDataValue, Place, PlaceLevelColumn } from '../src/db/schema.js';
import { makePeriod, type Period } from '../src/core/periods.js';

export const SYNTHETIC_SHAPE = {
  departments: 25,
  provincesPerDepartment: 8,
  districtsPerProvince: 10,
  indicators: 50,
  firstYear: 2010,
  years: 10,
} as const;

/** indicators × districts × months: the most values the program can hold without duplicates. */
export const SYNTHETIC_CAPACITY =
  SYNTHETIC_SHAPE.indicators *
  SYNTHETIC_SHAPE.departments *
  SYNTHETIC_SHAPE.provincesPerDepartment *
  SYNTHETIC_SHAPE.districtsPerProvince *
  SYNTHETIC_SHAPE.years *
  12;

export interface CodeAndId {
  id: number;
  code: string;
}

export interface SyntheticProgram {
  programId: number;
  code: string;
  /** The one source every indicator has; values store it by name. */
  source: string;
  indicators: CodeAndId[];
  departments: CodeAndId[];
  /** Districts, where all values are reported. */
  leaves: CodeAndId[];
  months: Period[];
  /** indicators × leaves × months: the most values the program can hold without duplicates. */
  capacity: number;
}

interface PlaceSpec {
  code: string;
  name: string;
  parentCode: string | null;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The place tree, level by level; codes nest like Peru's UBIGEO (dd, ddpp, ddppdd). */
function placeLevels(country: string): PlaceSpec[][] {
  const s = SYNTHETIC_SHAPE;
  const levels: PlaceSpec[][] = [[{ code: country, name: 'Synthetic country', parentCode: null }], [], [], []];
  for (let d = 1; d <= s.departments; d++) {
    const dep = pad2(d);
    levels[1]!.push({ code: dep, name: `Department ${dep}`, parentCode: country });
    for (let p = 1; p <= s.provincesPerDepartment; p++) {
      const prov = `${dep}${pad2(p)}`;
      levels[2]!.push({ code: prov, name: `Province ${prov}`, parentCode: dep });
      for (let x = 1; x <= s.districtsPerProvince; x++) {
        const dist = `${prov}${pad2(x)}`;
        levels[3]!.push({ code: dist, name: `District ${dist}`, parentCode: prov });
      }
    }
  }
  return levels;
}

type AncestorColumns = Pick<Place, PlaceLevelColumn>;
const NO_ANCESTORS: AncestorColumns = { p1: null, p2: null, p3: null, p4: null, p5: null, p6: null };

/**
 * Inserts the places level by level. A place's ancestors are known when it is inserted (its
 * parent is already there); its own column p<level> is its id, set by one UPDATE per level.
 */
async function insertPlaces(db: Db, programId: number, country: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const ancestors = new Map<string, AncestorColumns>();
  const levels = placeLevels(country);
  for (const [i, specs] of levels.entries()) {
    const level = i + 1;
    // 2,000 rows × 15 columns stays under SQLite's 32,766 bound parameters.
    for (let k = 0; k < specs.length; k += 1_000) {
      const rows = specs.slice(k, k + 1_000).map((p) => {
        return {
          program_id: programId,
          code: p.code,
          name: p.name,
          level,
          parent_id: p.parentCode ? ids.get(p.parentCode)! : null,
          ...(p.parentCode ? ancestors.get(p.parentCode)! : NO_ANCESTORS),
          lat: null,
          lon: null,
          alt_codes: null,
          boundary: null,
        };
      });
      const inserted = await db.insertInto('place').values(rows).returning(['id', 'code']).execute();
      for (const r of inserted) ids.set(r.code, r.id);
    }
    const column = `p${level}` as PlaceLevelColumn;
    await db
      .updateTable('place')
      .set((eb) => ({ [column]: eb.ref('id') }))
      .where('program_id', '=', programId)
      .where('level', '=', level)
      .execute();
    for (const p of specs) {
      const own = { ...(p.parentCode ? ancestors.get(p.parentCode)! : NO_ANCESTORS) };
      own[column] = ids.get(p.code)!;
      ancestors.set(p.code, own);
    }
  }
  return ids;
}

/** Creates the synthetic program (places, source, indicators) in one transaction. */
export async function createSyntheticProgram(db: Db, code = 'BENCH'): Promise<SyntheticProgram> {
  const s = SYNTHETIC_SHAPE;
  return db.transaction().execute(async (trx) => {
    const { id: programId } = await trx
      .insertInto('program')
      .values({
        code,
        name_en: 'Synthetic benchmark program',
        name_es: 'Programa sintético de referencia',
        country_code: 'ZZ',
        fiscal_year_start_month: 10,
        currency: 'USD',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const placeIds = await insertPlaces(trx, programId, 'ZZ');
    const withId = (c: string): CodeAndId => ({ code: c, id: placeIds.get(c)! });
    const levels = placeLevels('ZZ');

    const source = 'SYN';
    const { id: sourceId } = await trx
      .insertInto('source')
      .values({ program_id: programId, code: source, name_en: 'Synthetic source', name_es: 'Fuente sintética', url: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const indicatorRows = Array.from({ length: s.indicators }, (_, i) => {
      const n = pad2(i + 1);
      return {
        program_id: programId,
        code: `IND${n}`,
        component_id: null,
        name_en: `Indicator ${n}`,
        name_es: `Indicador ${n}`,
        description_en: null,
        description_es: null,
        unit: 'count',
        direction: 'up' as const,
        agg_time: 'sum' as const,
        agg_place: 'sum' as const,
        sensitivity: 'public' as const,
        origin: 'reported' as const,
        formula: null,
        decimals: 0,
        sort: i,
      };
    });
    const indicators = await trx.insertInto('indicator').values(indicatorRows).returning(['id', 'code']).execute();
    indicators.sort((a, b) => a.code.localeCompare(b.code));
    await trx
      .insertInto('indicator_source')
      .values(indicators.map((i) => ({ indicator_id: i.id, source_id: sourceId })))
      .execute();

    const months: Period[] = [];
    for (let y = s.firstYear; y < s.firstYear + s.years; y++) {
      for (let m = 1; m <= 12; m++) months.push(makePeriod('month', y, m));
    }
    const leaves = levels[3]!.map((p) => withId(p.code));
    return {
      programId,
      code,
      source,
      months,
      leaves,
      indicators,
      departments: levels[1]!.map((p) => withId(p.code)),
      capacity: indicators.length * leaves.length * months.length,
    };
  });
}

/** mulberry32: a small, fast, seedable generator; statistical quality is ample for spreading data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order values arrive in: `month` (all of one month, then the next, the way monthly reports
 * come in: every batch writes all over the value and fact indexes) or `key` (indicator, place,
 * month: the order of the indexes, as a sorted historical file would be; the friendliest case).
 */
export type LoadOrder = 'month' | 'key';
export const LOAD_ORDERS: readonly LoadOrder[] = ['month', 'key'];

/** The program's cells in the given order, as [indicator, leaf, month] index triples. */
function* cells(program: SyntheticProgram, order: LoadOrder): Generator<[number, number, number]> {
  const [ni, nl, nm] = [program.indicators.length, program.leaves.length, program.months.length];
  if (order === 'month') {
    for (let m = 0; m < nm; m++) for (let i = 0; i < ni; i++) for (let l = 0; l < nl; l++) yield [i, l, m];
  } else {
    for (let i = 0; i < ni; i++) for (let l = 0; l < nl; l++) for (let m = 0; m < nm; m++) yield [i, l, m];
  }
}

/**
 * Yields `count` distinct (indicator, district, month) values, approved and sourced, chosen
 * uniformly at random from the program's capacity (selection sampling, Knuth's Algorithm S:
 * exact count, no duplicates, nothing to remember), in the given order. Values are whole
 * numbers, so sums are exact whatever order they are added in.
 */
export function* syntheticValueRows(program: SyntheticProgram, count: number, order: LoadOrder = 'month', seed = 20240601): Generator<NewDataValue> {
  if (!Number.isInteger(count) || count < 0 || count > program.capacity) {
    throw new RangeError(`the synthetic program holds 0–${program.capacity} values, not ${count}`);
  }
  const random = seededRandom(seed);
  const now = new Date().toISOString();
  let remaining = program.capacity;
  let wanted = count;
  for (const [i, l, m] of cells(program, order)) {
    if (wanted === 0) return;
    if (random() * remaining < wanted) {
      wanted--;
      const month = program.months[m]!;
      yield {
        indicator_id: program.indicators[i]!.id,
        place_id: program.leaves[l]!.id,
        period: month.id,
        start_date: month.start,
        end_date: month.end,
        disagg: '',
        source: program.source,
        value: Math.floor(random() * 1_000),
        organisation_id: null,
        status: 'approved',
        version: 1,
        provenance: 'sourced',
        note: null,
        updated_at: now,
      };
    }
    remaining--;
  }
}

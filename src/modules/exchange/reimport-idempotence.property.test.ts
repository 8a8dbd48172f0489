/**
 * Issue 18, point 2: re-importing an export changes nothing. For random stored data, every
 * format that exports and imports (csv, xlsx, DHIS2 JSON/CSV/XML, ADX) writes the data out and
 * reads it back: no value, version, status, provenance, note or organisation changes, no audit
 * event, the program's data version stays. Then k stored values are made to differ from the file
 * and the same file comes again: exactly k are updated, and a format that cannot carry status or
 * provenance (DHIS2, ADX) leaves the stored ones. Runs on SQLite, and on PostgreSQL with
 * VIGIA_TEST_DATABASE_URL.
 */
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import type { Db } from '../../db/database.js';
import type { Provenance, ValueStatus } from '../../db/schema.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { resolveValues, storeValues, type ValueInput } from '../values/values.service.js';
import { findFormat, formatNames } from './exchange-registry.js';

let t: TestDb;
let programs = 0;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.destroy());

const PLACES = ['R1D1', 'R1D2', 'R2D1', 'R2D2'];
const PERIODS = ['2012', '2013', '2012Q2', '201205'];
/** The value keys the mini program has: indicator, disaggregation, source. */
const SERIES: Array<[string, string, string]> = [
  ['SUM_IND', '', 'A'],
  ['SUM_IND', '', 'B'],
  ['SPLIT_IND', 'kind=x', ''],
  ['SPLIT_IND', 'kind=y', ''],
  ['LATEST_IND', '', ''],
];

/** A DHIS2/ADX mapping naming everything of the mini program by Vigia's own codes. */
const MAPPING = {
  idScheme: 'code',
  dataElements: ['SUM_IND', 'SPLIT_IND', 'LATEST_IND'].map((code) => ({ code, indicator: code })),
  orgUnits: PLACES.map((code) => ({ code, place: code })),
  categoryOptionCombos: [
    { code: 'default', disagg: '' },
    { code: 'KX', disagg: 'kind=x' },
    { code: 'KY', disagg: 'kind=y' },
  ],
  attributeOptionCombos: [
    { code: 'A', source: 'A' },
    { code: 'B', source: 'B' },
    { code: 'ORG', organisation: 'ORG' },
    { code: 'A_ORG', source: 'A', organisation: 'ORG' },
    { code: 'B_ORG', source: 'B', organisation: 'ORG' },
  ],
};

/** Formats that cannot say a value's status or provenance. */
const CANNOT_CARRY_STATUS = new Set(['dhis2-json', 'dhis2-csv', 'dhis2-xml', 'adx']);

const roundTripFormats = formatNames().filter((n) => findFormat(n)?.import && findFormat(n)?.export);

const storedValue = fc.record({
  series: fc.integer({ min: 0, max: SERIES.length - 1 }),
  place: fc.constantFrom(...PLACES),
  period: fc.constantFrom(...PERIODS),
  value: fc.oneof(
    fc.integer({ min: 0, max: 1_000_000 }),
    fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
  ),
  status: fc.constantFrom<ValueStatus>('draft', 'submitted', 'approved', 'returned'),
  provenance: fc.constantFrom<Provenance>('sourced', 'derived', 'illustrative'),
  note: fc.constantFrom(null, 'checked', 'nota: año, niño & <menor>'),
  organisation: fc.constantFrom(null, 'ORG'),
});
type StoredValue = typeof storedValue extends fc.Arbitrary<infer V> ? V : never;
const keyOf = (v: { series: number; place: string; period: string }) => `${v.series}|${v.place}|${v.period}`;
const storedData = fc.uniqueArray(storedValue, { minLength: 1, maxLength: 25, selector: keyOf });

/** A new program holding `data` (written as a folder load would, so its audit is in the past). */
async function programWith(db: Db, data: readonly StoredValue[]): Promise<string> {
  const code = `P${++programs}`;
  const { programId } = await createMiniProgram(db, code);
  await db
    .insertInto('organisation')
    .values({ program_id: programId, code: 'ORG', name_en: 'Org', name_es: 'Org', kind: 'ngo', country_code: null, iati_ref: null })
    .execute();
  const catalog = await loadCatalog(db, code);
  const inputs: ValueInput[] = data.map((d) => {
    const [indicator, disagg, source] = SERIES[d.series]!;
    return {
      indicator,
      place: d.place,
      period: d.period,
      disagg,
      source: source || undefined,
      value: d.value,
      status: d.status,
      provenance: d.provenance,
      note: d.note,
      organisation: d.organisation,
    };
  });
  await db.transaction().execute((trx) => storeValues(trx, catalog, resolveValues(catalog, inputs), { system: 'test' }));
  return code;
}

/** Everything a re-import must not change, per value, in key order. */
async function snapshot(db: Db, code: string) {
  const program = await db.selectFrom('program').select(['id', 'data_version']).where('code', '=', code).executeTakeFirstOrThrow();
  const values = await db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['v.id', 'v.value', 'v.version', 'v.status', 'v.provenance', 'v.note', 'v.organisation_id', 'v.updated_at'])
    .where('i.program_id', '=', program.id)
    .orderBy('v.id')
    .execute();
  const audit = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('program_id', '=', program.id)
    .executeTakeFirstOrThrow();
  return { dataVersion: program.data_version, values: values.map((v) => ({ ...v, value: Number(v.value) })), audit: Number(audit.n) };
}

async function exportTo(db: Db, format: string, program: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await findFormat(format)!.export!(db, out, { program, mapping: MAPPING });
  return Buffer.concat(chunks);
}

const importFrom = (db: Db, format: string, program: string, file: Buffer, dryRun = false) =>
  findFormat(format)!.import!(db, Readable.from([file]), { program, dryRun, mapping: MAPPING, file: `values.${format}` });

describe('re-importing an export', () => {
  it('walks every format that exports and imports', () => {
    expect(roundTripFormats).toEqual(expect.arrayContaining(['csv', 'xlsx', 'dhis2-json', 'dhis2-csv', 'dhis2-xml', 'adx']));
  });

  for (const format of roundTripFormats) {
    it(`${format}: changes nothing; with k values changed, exactly k are updated`, async () => {
      await fc.assert(
        fc.asyncProperty(storedData, fc.nat(), async (data, seed) => {
          const { db } = t;
          const code = await programWith(db, data);
          const before = await snapshot(db, code);
          const file = await exportTo(db, format, code);

          const dry = await importFrom(db, format, code, file, true);
          expect(dry).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: data.length });
          const again = await importFrom(db, format, code, file);
          expect(again).toMatchObject({ errors: [], inserted: 0, updated: 0, unchanged: data.length });
          expect(await snapshot(db, code)).toEqual(before);

          // k stored values now differ from the file, in value and in status and provenance.
          const k = seed % (data.length + 1);
          const changed = new Set(before.values.slice(0, k).map((v) => v.id));
          for (const v of before.values.slice(0, k)) {
            await db
              .updateTable('data_value')
              .set({ value: v.value + 1, version: v.version + 1, status: 'approved', provenance: 'illustrative' })
              .where('id', '=', v.id)
              .execute();
          }
          const dryK = await importFrom(db, format, code, file, true);
          expect(dryK).toMatchObject({ errors: [], inserted: 0, updated: k, unchanged: data.length - k });
          const back = await importFrom(db, format, code, file);
          expect(back).toMatchObject({ errors: [], inserted: 0, updated: k, unchanged: data.length - k });
          // The file's values are back; DHIS2 and ADX, which cannot say status or provenance, left the stored ones.
          const kept = CANNOT_CARRY_STATUS.has(format);
          const after = await snapshot(db, code);
          expect(after.values).toEqual(
            before.values.map((v) =>
              changed.has(v.id)
                ? { ...v, version: v.version + 2, updated_at: expect.any(String), ...(kept ? { status: 'approved', provenance: 'illustrative' } : {}) }
                : v,
            ),
          );
          expect(after.audit).toBe(before.audit + (k > 0 ? 1 : 0));
          expect(after.dataVersion).toBe(before.dataVersion + (k > 0 ? 1 : 0));
        }),
        { numRuns: 6 },
      );
    });
  }
});

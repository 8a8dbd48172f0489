/**
 * The coarse fact level (fact_coarse) against the leaf facts and the records: after any random
 * sequence of creates, imports, updates, deletes, status moves and rebuilds, every coarse row is
 * the sum of the leaf facts under it, and every analytics query answers the same whether it
 * reads the coarse level or the leaf facts — and what the records themselves add up to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsRow } from '../analytics/analytics.service.js';
import type { ValueStatus } from '../../db/schema.js';
import { createRecord, deleteRecord, rebuildRecordRollups, updateRecord } from './records.service.js';
import { importRecords } from './records-import.service.js';
import { moveRecordsStatus } from './records-status.service.js';
import * as factCoarseMigration from '../../db/migrations/20261128100000_fact_coarse.js';

let t: TestDb;
let programId: number;
const orgIds: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestDb();
  ({ programId } = await createMiniProgram(t.db));
  await addRecordIndicators(t.db, programId);
  for (const o of await t.db.selectFrom('organisation').select(['id', 'code']).where('program_id', '=', programId).execute()) orgIds[o.code] = o.id;
  const place = async (code: string) => (await t.db.selectFrom('place').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  // Z1 names a department (the coarse level answers it), Z2 also a district (it does not).
  for (const [code, members] of [
    ['Z1', ['R1']],
    ['Z2', ['R2', 'R1D1']],
  ] as const) {
    const { id } = await t.db
      .insertInto('zone')
      .values({ program_id: programId, code, name_en: code, name_es: code })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of members)
      await t.db
        .insertInto('zone_place')
        .values({ zone_id: id, place_id: await place(m) })
        .execute();
  }
});
afterAll(() => t.destroy());

// XX is the country (level 1: no department above it), R1 and R2 departments, the rest districts.
const PLACES = ['XX', 'R1', 'R1D1', 'R1D2', 'R2D1', 'R2D2'];
const SUBSTANCES = ['cocaine_base', 'cocaine_hcl', 'marijuana', 'acetone', 'kerosene'];
const STATUSES: ValueStatus[] = ['draft', 'submitted', 'approved', 'returned'];
const AGENCIES = ['DIRANDRO', 'CORAH'];

interface Seizure {
  place: string;
  substance: string;
  amount: number;
  unit: string;
  date: string;
  agency: string;
  status: ValueStatus;
  provenance: 'sourced' | 'derived' | 'illustrative';
}

const seizure: fc.Arbitrary<Seizure> = fc.record({
  place: fc.constantFrom(...PLACES),
  substance: fc.constantFrom(...SUBSTANCES),
  amount: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
  unit: fc.constantFrom('kg', 'g', 't', 'lb'),
  date: fc.date({ min: new Date('2010-01-01'), max: new Date('2013-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  agency: fc.constantFrom(...AGENCIES),
  status: fc.constantFrom(...STATUSES),
  provenance: fc.constantFrom('sourced' as const, 'derived' as const, 'illustrative' as const),
});

type Op =
  | { kind: 'create'; s: Seizure }
  | { kind: 'import'; ss: Seizure[] }
  | { kind: 'update'; at: number; s: Seizure }
  | { kind: 'delete'; at: number }
  | { kind: 'status'; agency: string; from: ValueStatus[]; to: ValueStatus }
  | { kind: 'rebuild' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: seizure.map((s) => ({ kind: 'create' as const, s })) },
  { weight: 2, arbitrary: fc.array(seizure, { minLength: 1, maxLength: 5 }).map((ss) => ({ kind: 'import' as const, ss })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), seizure).map(([at, s]) => ({ kind: 'update' as const, at, s })) },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'delete' as const, at })) },
  {
    weight: 1,
    arbitrary: fc
      .record({ agency: fc.constantFrom(...AGENCIES), from: fc.subarray(STATUSES, { minLength: 1 }), to: fc.constantFrom(...STATUSES) })
      .map((m) => ({ kind: 'status' as const, ...m })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'rebuild' as const }) },
);

const toInput = (s: Seizure) => ({
  data: { date: s.date, place: s.place, substance: s.substance, quantity: `${s.amount} ${s.unit}`, agency: s.agency },
  status: s.status,
  provenance: s.provenance,
});

/** Queries that read the coarse level, and some that must not (districts, a zone with a district). */
const QUERIES: Omit<AnalyticsQuery, 'program' | 'approvedOnly'>[] = [
  { indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:2', 'period:year', 'disagg:substance'] },
  { indicators: ['SEIZ_REC_N'], by: ['place-level:1', 'period:fy-oct'] },
  { indicators: ['SEIZ_REC_N', 'SEIZ_REC_MARIJUANA_KG'], by: ['period:quarter'], place: 'R1' },
  { indicators: ['SEIZ_REC_PRECURSOR_T'], by: ['period:month', 'disagg:chemical'], zone: 'Z1' },
  { indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:2'], from: '2011', to: '2012Q2', disagg: { substance: 'cocaine_hcl' } },
  { indicators: ['SEIZ_REC_N'], by: ['source', 'period:fy-jan'], place: 'XX' },
  { indicators: ['SEIZ_REC_N'], by: ['place-level:3', 'period:year'] },
  { indicators: ['SEIZ_REC_COCAINE_KG'], by: ['period:year'], zone: 'Z2' },
  { indicators: ['SEIZ_REC_N'], by: ['period:year'], place: 'R2D1' },
];

/** Rows with values rounded to what float summation order cannot change. */
const comparable = (rows: readonly AnalyticsRow[]) => rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value.toFixed(6)) }));

/** The coarse level recomputed from the leaf facts (integer columns exact, sums rounded). */
async function coarseFromLeaves() {
  const approved = (col: string) => sql.raw(`sum(case when n_approved > 0 then ${col} else 0 end)`);
  const { rows } = await sql<Record<string, unknown>>`
    select indicator_id, source, coalesce(p2, p1, place_id) as place_id, period, disagg, min(start_date) as start_date, min(end_date) as end_date,
      max(p1) as p1, max(p2) as p2, sum(value) as value, sum(n) as n, sum(value_approved) as value_approved, sum(n_approved) as n_approved,
      sum(n_derived) as n_derived, sum(n_illustrative) as n_illustrative,
      ${approved('n')} as a_n, ${approved('n_derived')} as a_derived, ${approved('n_illustrative')} as a_illustrative
    from fact group by indicator_id, source, coalesce(p2, p1, place_id), period, disagg
  `.execute(t.db);
  return normalise(rows);
}

function normalise(rows: readonly Record<string, unknown>[]) {
  return rows
    .map((r) => ({ ...r, value: Number(Number(r.value).toFixed(6)), value_approved: Number(Number(r.value_approved).toFixed(6)) }))
    .map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'period') ? Number(v) : v]),
      ),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function storedCoarse() {
  return normalise(await t.db.selectFrom('fact_coarse').selectAll().execute());
}

async function clearRecords() {
  for (const { id } of await t.db.selectFrom('record').select('id').execute()) await deleteRecord(t.db, 'XX', id);
}

describe(`coarse fact level (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('is read when it answers, and only then', async () => {
    await clearRecords();
    await createRecord(
      t.db,
      'XX',
      'seizure',
      toInput({
        place: 'R1D1',
        substance: 'cocaine_base',
        amount: 10,
        unit: 'kg',
        date: '2012-03-04',
        agency: 'CORAH',
        status: 'approved',
        provenance: 'sourced',
      }),
    );
    // Tamper with the coarse level: a query that reads it shows the change, one that must not does not.
    await t.db.updateTable('fact_coarse').set({ value: 99 }).execute();
    const coarse = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:2'] });
    const leaf = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:2'] }, { coarse: false });
    const district = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:3'] });
    expect(coarse.rows.map((r) => r.value)).toEqual([99]);
    expect(leaf.rows.map((r) => r.value)).toEqual([10]);
    expect(district.rows.map((r) => r.value)).toEqual([10]);
    await rebuildRecordRollups(t.db, 'XX');
    expect(await storedCoarse()).toEqual(await coarseFromLeaves());
    // A database that had records before the coarse level existed gets it from its leaf facts.
    await importRecords(t.db, 'XX', 'seizure', [
      toInput({ place: 'XX', substance: 'acetone', amount: 3, unit: 't', date: '2011-05-06', agency: 'CORAH', status: 'draft', provenance: 'derived' }),
      toInput({
        place: 'R2D2',
        substance: 'cocaine_hcl',
        amount: 7,
        unit: 'lb',
        date: '2013-10-01',
        agency: 'DIRANDRO',
        status: 'approved',
        provenance: 'illustrative',
      }),
    ]);
    const before = await storedCoarse();
    expect(before.length).toBeGreaterThan(3);
    await factCoarseMigration.down(t.db);
    await factCoarseMigration.up(t.db);
    expect(await storedCoarse()).toEqual(before);
    await clearRecords();
    expect(await t.db.selectFrom('fact_coarse').selectAll().execute()).toEqual([]);
  });

  it('always equals the leaf facts and the records, whatever the sequence of writes', async () => {
    let refSeq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        await clearRecords();
        const live = new Map<number, Seizure>();
        const ids = () => [...live.keys()];
        for (const o of ops) {
          if (o.kind === 'create') {
            const r = await createRecord(t.db, 'XX', 'seizure', toInput(o.s));
            live.set(r.id, o.s);
          } else if (o.kind === 'import') {
            const refs = o.ss.map(() => `C-${++refSeq}`);
            await importRecords(
              t.db,
              'XX',
              'seizure',
              o.ss.map((s, i) => ({ ref: refs[i], ...toInput(s) })),
            );
            for (const [i, ref] of refs.entries()) {
              const row = await t.db.selectFrom('record').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
              live.set(row.id, o.ss[i]!);
            }
          } else if (o.kind === 'status') {
            await t.db
              .transaction()
              .execute((trx) =>
                moveRecordsStatus(trx, { programId, organisationId: orgIds[o.agency]!, start: '2010-01-01', end: '2013-12-31', from: o.from, to: o.to }),
              );
            for (const s of live.values()) if (s.agency === o.agency && o.from.includes(s.status)) s.status = o.to;
          } else if (o.kind === 'rebuild') {
            await rebuildRecordRollups(t.db, 'XX');
          } else if (ids().length) {
            const id = ids()[o.at % ids().length]!;
            if (o.kind === 'update') {
              await updateRecord(t.db, 'XX', id, toInput(o.s));
              live.set(id, { ...o.s });
            } else {
              await deleteRecord(t.db, 'XX', id);
              live.delete(id);
            }
          }
        }

        expect(await storedCoarse()).toEqual(await coarseFromLeaves());
        for (const q of QUERIES) {
          for (const approvedOnly of [false, true]) {
            const query = { program: 'XX', ...q, approvedOnly };
            const viaCoarse = await queryAnalytics(t.db, query);
            const viaLeaves = await queryAnalytics(t.db, query, { coarse: false });
            expect(comparable(viaCoarse.rows)).toEqual(comparable(viaLeaves.rows));
          }
        }
        // …and both say what the records say: seizures per department (the country's own
        // records have no department), approved only.
        const want = new Map<string, number>();
        for (const s of live.values()) {
          if (s.status !== 'approved' || s.place === 'XX') continue;
          const dep = s.place.slice(0, 2);
          want.set(dep, (want.get(dep) ?? 0) + 1);
        }
        const got = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_N'], by: ['place-level:2'], approvedOnly: true });
        expect(new Map(got.rows.map((r) => [r.place?.code ?? '', r.value]))).toEqual(want);

        await clearRecords();
        expect(await t.db.selectFrom('fact_coarse').selectAll().execute()).toEqual([]);
      }),
      { numRuns: 20 },
    );
    // Some 2,000 statements and 700 queries: seconds, but over 30 s on PostgreSQL on a busy machine.
  }, 300_000);
});

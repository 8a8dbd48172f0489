import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { queryAnalytics } from '../analytics/analytics.service.js';
import { createRecord, deleteRecord, updateRecord } from './records.service.js';
import { importRecords } from './records-import.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
});
afterAll(() => t.destroy());

const PLACES = ['R1', 'R1D1', 'R1D2', 'R2D1', 'R2D2'];
const REGION: Record<string, string> = { R1: 'R1', R1D1: 'R1', R1D2: 'R1', R2D1: 'R2', R2D2: 'R2' };
const SUBSTANCES = ['cocaine_base', 'cocaine_hcl', 'marijuana', 'acetone', 'kerosene'];
const UNITS: Record<string, number> = { kg: 1, g: 0.001, t: 1000, lb: 0.45359237 };

interface Seizure {
  place: string;
  substance: string;
  amount: number;
  unit: string;
  date: string;
  approved: boolean;
}

const seizure: fc.Arbitrary<Seizure> = fc.record({
  place: fc.constantFrom(...PLACES),
  substance: fc.constantFrom(...SUBSTANCES),
  amount: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
  unit: fc.constantFrom(...Object.keys(UNITS)),
  date: fc.date({ min: new Date('2010-01-01'), max: new Date('2013-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  approved: fc.boolean(),
});
type Op = { kind: 'create'; s: Seizure } | { kind: 'import'; s: Seizure } | { kind: 'update'; at: number; s: Seizure } | { kind: 'delete'; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: seizure.map((s) => ({ kind: 'create' as const, s })) },
  { weight: 2, arbitrary: seizure.map((s) => ({ kind: 'import' as const, s })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), seizure).map(([at, s]) => ({ kind: 'update' as const, at, s })) },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'delete' as const, at })) },
);

const toData = (s: Seizure) => ({ date: s.date, place: s.place, substance: s.substance, quantity: `${s.amount} ${s.unit}` });

/** What the analytics should say, summed straight from the records that remain. */
function expected(records: Map<number, Seizure>, approvedOnly: boolean) {
  const cocaine = new Map<string, number>();
  const precursor = new Map<string, number>();
  let count = 0;
  for (const s of records.values()) {
    if (approvedOnly && !s.approved) continue;
    count++;
    const kg = s.amount * (UNITS[s.unit] ?? NaN);
    const key = `${REGION[s.place]}|${s.date.slice(0, 4)}|${s.substance}`;
    if (s.substance.startsWith('cocaine')) cocaine.set(key, (cocaine.get(key) ?? 0) + kg);
    else if (s.substance !== 'marijuana')
      precursor.set(`${REGION[s.place]}|${s.date.slice(0, 4)}`, (precursor.get(`${REGION[s.place]}|${s.date.slice(0, 4)}`) ?? 0) + kg / 1000);
  }
  return { cocaine, precursor, count };
}

async function actual(approvedOnly: boolean) {
  const q = await queryAnalytics(t.db, {
    program: 'XX',
    indicators: ['SEIZ_REC_COCAINE_KG'],
    by: ['place-level:2', 'period:year', 'disagg:substance'],
    approvedOnly,
  });
  const p = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_PRECURSOR_T'], by: ['place-level:2', 'period:year'], approvedOnly });
  const n = await queryAnalytics(t.db, { program: 'XX', indicators: ['SEIZ_REC_N'], approvedOnly });
  const cocaine = new Map<string, number>();
  for (const r of q.rows) if (r.value) cocaine.set(`${r.place?.code}|${r.period}|${r.disagg?.substance}`, r.value);
  const precursor = new Map<string, number>();
  for (const r of p.rows) if (r.value) precursor.set(`${r.place?.code}|${r.period}`, r.value);
  return { cocaine, precursor, count: n.rows.reduce((s, r) => s + (r.value ?? 0), 0) };
}

function expectClose(a: Map<string, number>, b: Map<string, number>) {
  const nonzero = (m: Map<string, number>) =>
    [...m]
      .filter(([, v]) => Math.abs(v) > 1e-6)
      .map(([k]) => k)
      .sort();
  expect(nonzero(a)).toEqual(nonzero(b));
  for (const [k, v] of a) expect(b.get(k) ?? 0).toBeCloseTo(v, 5);
}

describe(`records property (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('analytics always equals the sum over the records, whatever the sequence of writes', async () => {
    let refSeq = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        // Start clean even after a failed run, so that shrunk counterexamples stand on their own.
        for (const { id } of await t.db.selectFrom('record').select('id').execute()) await deleteRecord(t.db, 'XX', id);
        const live = new Map<number, Seizure>();
        const ids = () => [...live.keys()];
        for (const o of ops) {
          const status = (s: Seizure) => (s.approved ? 'approved' : 'draft') as 'approved' | 'draft';
          if (o.kind === 'create') {
            const r = await createRecord(t.db, 'XX', 'seizure', { data: toData(o.s), status: status(o.s) });
            live.set(r.id, o.s);
          } else if (o.kind === 'import') {
            const ref = `P-${++refSeq}`;
            await importRecords(t.db, 'XX', 'seizure', [{ ref, data: toData(o.s), status: status(o.s) }]);
            const row = await t.db.selectFrom('record').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
            live.set(row.id, o.s);
          } else if (ids().length) {
            const id = ids()[o.at % ids().length]!;
            if (o.kind === 'update') {
              await updateRecord(t.db, 'XX', id, { data: toData(o.s), status: status(o.s) });
              live.set(id, o.s);
            } else {
              await deleteRecord(t.db, 'XX', id);
              live.delete(id);
            }
          }
        }
        for (const approvedOnly of [false, true]) {
          const want = expected(live, approvedOnly);
          const got = await actual(approvedOnly);
          expectClose(want.cocaine, got.cocaine);
          expectClose(want.precursor, got.precursor);
          expect(got.count).toBe(want.count);
        }
        for (const id of live.keys()) await deleteRecord(t.db, 'XX', id);
        // Every contribution taken out again leaves no fact rows at all.
        expect(await t.db.selectFrom('fact').select('n').execute()).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});

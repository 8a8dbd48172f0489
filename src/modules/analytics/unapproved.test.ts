/**
 * Drafts marked (issue 14): every analytics row and compare side says whether its figure
 * includes a contribution not yet approved, through every path (plain, coarse, formula,
 * records, compare); approved-only queries give approved figures with no such flag. Each
 * expectation is counted here by plain SQL over the data values and records, not by the code
 * under test.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addIndicator } from '../../../test/helpers/analytics-fixtures.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { writeValues } from '../values/values.service.js';
import { createRecord } from '../records/records.service.js';
import type { ValueStatus } from '../../db/schema.js';
import { comparePeriods, queryAnalytics, type AnalyticsQuery, type AnalyticsRow } from './analytics.service.js';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
  await addIndicator(t.db, programId, 'TOTAL', { formula: 'SUM_IND[A] + SUM_IND[B]' });
  await writeValues(t.db, 'XX', [
    // 2012: R1 approved in A, a draft in B; R2 approved everywhere.
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2012', value: 10, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D2', period: '2012', value: 20, status: 'approved' },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D2', period: '2012', value: 7, status: 'draft' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2012', value: 30, status: 'approved' },
    { indicator: 'SUM_IND', source: 'B', place: 'R2D1', period: '2012', value: 3, status: 'approved' },
    // 2013: a submitted value in R2 (A), a returned, derived one in R1 (A: the counts path).
    { indicator: 'SUM_IND', source: 'A', place: 'R2D2', period: '201305', value: 40, status: 'submitted' },
    { indicator: 'SUM_IND', source: 'A', place: 'R2D1', period: '2013', value: 4, status: 'approved' },
    { indicator: 'SUM_IND', source: 'A', place: 'R1D1', period: '2013Q2', value: 5, status: 'returned', provenance: 'derived' },
    { indicator: 'SUM_IND', source: 'B', place: 'R1D1', period: '2013', value: 1, status: 'approved' },
    // Latest over time (SQL groups by place and period): one draft month in R1 2012.
    { indicator: 'LATEST_IND', place: 'R1D1', period: '201201', value: 5, status: 'approved' },
    { indicator: 'LATEST_IND', place: 'R1D1', period: '201206', value: 7, status: 'draft' },
    { indicator: 'LATEST_IND', place: 'R2D1', period: '201203', value: 9, status: 'approved' },
  ]);
  const seizure = async (place: string, date: string, kg: number, status: ValueStatus) =>
    createRecord(t.db, 'XX', 'seizure', {
      data: { date, place, substance: 'cocaine_base', quantity: `${kg} kg`, agency: 'CORAH' },
      status,
      provenance: 'sourced',
    });
  await seizure('R1D1', '2012-03-04', 10, 'approved');
  await seizure('R1D2', '2012-07-01', 5, 'draft');
  await seizure('R2D1', '2012-08-01', 2, 'approved');
  await seizure('R2D2', '2013-02-01', 1, 'submitted');
  await seizure('R2D1', '2013-09-09', 4, 'approved');
}, 60_000);
afterAll(() => t.destroy());

const q = async (query: Partial<AnalyticsQuery>, coarse = true): Promise<AnalyticsRow[]> =>
  (await queryAnalytics(t.db, { program: 'XX', indicators: ['SUM_IND'], ...query }, { coarse })).rows;

/** Region|year → whether some value of the indicator (and source) there is not approved, by SQL over data_value. */
async function valueDrafts(indicator: string, source?: string): Promise<Map<string, boolean>> {
  const { rows } = await sql<{ region: number | null; year: string; drafts: number | string }>`
    select p.p2 as region, substr(dv.period, 1, 4) as year, sum(case when dv.status <> 'approved' then 1 else 0 end) as drafts
    from data_value dv join indicator i on i.id = dv.indicator_id join place p on p.id = dv.place_id
    where i.code = ${indicator} ${source === undefined ? sql`` : sql`and dv.source = ${source}`}
    group by p.p2, substr(dv.period, 1, 4)`.execute(t.db);
  return keyed(rows);
}

/** The same over the seizure records. */
async function recordDrafts(): Promise<Map<string, boolean>> {
  const { rows } = await sql<{ region: number | null; year: string; drafts: number | string }>`
    select p.p2 as region, substr(r.date, 1, 4) as year, sum(case when r.status <> 'approved' then 1 else 0 end) as drafts
    from record r join place p on p.id = r.place_id where r.type_code = 'seizure'
    group by p.p2, substr(r.date, 1, 4)`.execute(t.db);
  return keyed(rows);
}

async function keyed(rows: readonly { region: number | null; year: string; drafts: number | string }[]): Promise<Map<string, boolean>> {
  const codes = new Map((await t.db.selectFrom('place').select(['id', 'code']).execute()).map((p) => [p.id, p.code]));
  const out = new Map<string, boolean>();
  for (const r of rows) {
    const key = `${r.region === null ? '' : codes.get(Number(r.region))}|${r.year}`;
    out.set(key, (out.get(key) ?? false) || Number(r.drafts) > 0);
  }
  return out;
}

/** Region|year → unapproved, from the rows under test. */
const flags = (rows: readonly AnalyticsRow[]) => new Map(rows.map((r) => [`${r.place?.code ?? ''}|${r.period ?? ''}`, r.unapproved]));

describe(`unapproved flag (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('values: by region and year, as the stored statuses say', async () => {
    for (const source of ['A', 'B']) {
      const expected = await valueDrafts('SUM_IND', source);
      const rows = await q({ source, by: ['place-level:2', 'period:year'] });
      expect(flags(rows)).toEqual(expected);
    }
    // Some are flagged and some are not: the test tells the two apart.
    const a = [...(await valueDrafts('SUM_IND', 'A')).values()];
    expect(a).toContain(true);
    expect(a).toContain(false);
  });

  it('values: one total for the whole program, and latest-over-time rows', async () => {
    const [all] = await q({ source: 'B' });
    expect(all?.unapproved).toBe(true);
    const [r2only] = await q({ source: 'B', place: 'R2' });
    expect(r2only?.unapproved).toBe(false);
    const latest = await q({ indicators: ['LATEST_IND'], by: ['place-level:2', 'period:year'] });
    expect(flags(latest)).toEqual(await valueDrafts('LATEST_IND'));
  });

  it('records: leaf and coarse levels agree with the records', async () => {
    const expected = await recordDrafts();
    expect([...expected.values()]).toContain(true);
    expect([...expected.values()]).toContain(false);
    const query: Partial<AnalyticsQuery> = { indicators: ['SEIZ_REC_N'], by: ['place-level:2', 'period:year'] };
    const coarse = await q(query);
    const leaf = await q(query, false);
    expect(flags(coarse)).toEqual(expected);
    expect(flags(leaf)).toEqual(expected);
    // Counts: one record each, whatever its status.
    expect(coarse.map((r) => r.value)).toEqual(leaf.map((r) => r.value));
  });

  it('a formula is unapproved where any operand it used is', async () => {
    const a = await valueDrafts('SUM_IND', 'A');
    const b = await valueDrafts('SUM_IND', 'B');
    const rows = await q({ indicators: ['TOTAL'], by: ['place-level:2', 'period:year'] });
    const expected = new Map(rows.map((r) => [`${r.place?.code}|${r.period}`, false]));
    for (const key of expected.keys()) expected.set(key, (a.get(key) ?? false) || (b.get(key) ?? false));
    expect(flags(rows)).toEqual(expected);
    expect([...expected.values()]).toContain(true);
    expect([...expected.values()]).toContain(false);
  });

  it('compare: each side flagged as its period holds drafts', async () => {
    const c = await comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', from: '2012', to: '2013' });
    const drafts = await valueDrafts('SUM_IND', 'A');
    const inYear = (y: string) => [...drafts].some(([k, v]) => k.endsWith(`|${y}`) && v);
    expect([c.from.unapproved, c.to.unapproved]).toEqual([inYear('2012'), inYear('2013')]);
    const records = await comparePeriods(t.db, { program: 'XX', indicator: 'SEIZ_REC_N', from: '2012', to: '2013', place: 'R2' });
    const byRecords = await recordDrafts();
    expect([records.from.unapproved, records.to.unapproved]).toEqual([byRecords.get('R2|2012'), byRecords.get('R2|2013')]);
  });

  it('approved only: approved sums, never flagged, on every path', async () => {
    const { rows: sums } = await sql<{ source: string; year: string; total: number }>`
      select dv.source, substr(dv.period, 1, 4) as year, sum(dv.value) as total from data_value dv join indicator i on i.id = dv.indicator_id
      where i.code = 'SUM_IND' and dv.status = 'approved' group by dv.source, substr(dv.period, 1, 4)`.execute(t.db);
    const rows = await q({ by: ['period:year'], approvedOnly: true });
    expect(rows.map((r) => [r.source, r.period, r.value]).sort()).toEqual(sums.map((s) => [s.source, s.year, Number(s.total)]).sort());
    const { rows: approvedRecords } = await sql<{ n: number | string }>`
      select count(*) as n from record where type_code = 'seizure' and status = 'approved'`.execute(t.db);
    const [seizures] = await q({ indicators: ['SEIZ_REC_N'], approvedOnly: true });
    expect(seizures?.value).toBe(Number(approvedRecords[0]?.n));
    const everything = [
      ...rows,
      seizures!,
      ...(await q({ indicators: ['SEIZ_REC_N'], by: ['place-level:2', 'period:year'], approvedOnly: true })),
      ...(await q({ indicators: ['SEIZ_REC_N'], by: ['place-level:2', 'period:year'], approvedOnly: true }, false)),
      ...(await q({ indicators: ['TOTAL', 'LATEST_IND'], by: ['place-level:2', 'period:year'], approvedOnly: true })),
    ];
    expect(everything.length).toBeGreaterThan(8);
    expect(everything.filter((r) => r.unapproved)).toEqual([]);
    const c = await comparePeriods(t.db, { program: 'XX', indicator: 'SUM_IND', source: 'A', from: '2012', to: '2013', approvedOnly: true });
    expect([c.from.unapproved, c.to.unapproved]).toEqual([false, false]);
  });
});

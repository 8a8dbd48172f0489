/**
 * Coverage on analytics and compare rows (issue 14): one department of eight reports a new
 * year; its row says 1 of 8, the complete year before says 8 of 8. Every count is checked
 * against one made here from the planted rows (and, for the expected side, plain SQL over the
 * data values), not by the code under test.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { loadPartialYearProgram, PLANTED } from '../../../test/helpers/partial-year-program.js';
import { createApp } from '../../server/app.js';
import { comparePeriods, queryAnalytics } from './analytics.service.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadPartialYearProgram(t.db);
}, 60_000);
afterAll(() => t.destroy());

/** Coverage of calendar year `year` counted from the planted rows: places × periods, by hand. */
function counted(year: number, approvedOnly: boolean) {
  const rows = PLANTED.filter((v) => !approvedOnly || v.status === 'approved');
  const inYear = (y: number) => rows.filter((v) => v.period.startsWith(String(y)));
  // Position inside the year: the year itself, or the quarter's suffix.
  const key = (v: { place: string; period: string }) => `${v.place}|${v.period.slice(4)}`;
  const expected = new Set(inYear(year - 1).map(key));
  const now = new Set(inYear(year).map(key));
  const matched = [...now].filter((k) => expected.has(k)).length;
  return { reported: now.size, expected: expected.size, matched };
}

const years = (approvedOnly: boolean, today?: string) =>
  queryAnalytics(t.db, { program: 'PX', indicators: ['ERAD'], by: ['period:year'], from: '2015', to: '2017', approvedOnly }, { today, coverage: true });

describe(`coverage (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the new year: 1 of 8 departments, not complete; the year before complete; none before that', async () => {
    const { rows } = await years(true);
    const byYear = new Map(rows.map((r) => [r.period, r.coverage]));
    const c2017 = counted(2017, true);
    const c2016 = counted(2016, true);
    expect([c2017.reported, c2017.expected, c2016.reported, c2016.expected]).toEqual([1, 8, 8, 8]);
    expect(byYear.get('2017')).toEqual({
      reported: c2017.reported,
      expected: c2017.expected,
      complete: false,
      period_ended: true,
      level: 2,
      counted_period: null,
    });
    expect(byYear.get('2016')).toEqual({
      reported: c2016.reported,
      expected: c2016.expected,
      complete: true,
      period_ended: true,
      level: 2,
      counted_period: null,
    });
    // Nothing was reported for 2014: 2015's coverage is unknown, not invented.
    expect(byYear.get('2015')).toBeNull();
  });

  it('expected counts agree with plain SQL over the data values', async () => {
    const r = await sql<{ n: number | string }>`select count(distinct dv.place_id) as n from data_value dv join indicator i on i.id = dv.indicator_id
      where i.code = 'ERAD' and dv.period = '2016' and dv.status = 'approved'`.execute(t.db);
    const { rows } = await years(true);
    expect(rows.find((x) => x.period === '2017')?.coverage?.expected).toBe(Number(r.rows[0]?.n));
  });

  it('approved-only readers count approved data only; a draft quarter counts for those who see drafts', async () => {
    const all = (await years(false)).rows.find((r) => r.period === '2017')?.coverage;
    const approved = (await years(true)).rows.find((r) => r.period === '2017')?.coverage;
    const byHand = counted(2017, false);
    expect(byHand.reported).toBe(2);
    // The draft is a quarter, not a whole year: the count is of reports, no longer of departments.
    expect(all).toEqual({ reported: byHand.reported, expected: byHand.expected, complete: false, period_ended: true, level: null, counted_period: null });
    expect(approved?.reported).toBe(counted(2017, true).reported);
    expect(all?.reported).not.toBe(approved?.reported);
  });

  it('a year not yet over is not complete, whatever has been reported', async () => {
    const { rows } = await years(true, '2016-12-31');
    expect(rows.find((r) => r.period === '2016')?.coverage).toEqual({
      reported: 8,
      expected: 8,
      complete: false,
      period_ended: false,
      level: 2,
      counted_period: null,
    });
    const later = await years(true, '2017-01-01');
    expect(later.rows.find((r) => r.period === '2016')?.coverage?.complete).toBe(true);
  });

  it('per department, one period named as from and to, and a range that is no one period', async () => {
    const { rows } = await queryAnalytics(
      t.db,
      { program: 'PX', indicators: ['ERAD'], by: ['place-level:2'], from: '2017', to: '2017', approvedOnly: true },
      { coverage: true },
    );
    expect(rows.map((r) => [r.place?.code, r.coverage])).toEqual([
      ['PX-01', { reported: 1, expected: 1, complete: true, period_ended: true, level: 2, counted_period: null }],
    ]);
    const whole = await queryAnalytics(t.db, { program: 'PX', indicators: ['ERAD'], from: '2017', to: '2017', approvedOnly: true }, { coverage: true });
    expect(whole.rows[0]?.coverage).toMatchObject({ reported: 1, expected: 8, complete: false });
    const range = await queryAnalytics(t.db, { program: 'PX', indicators: ['ERAD'], from: '2015', to: '2017', approvedOnly: true }, { coverage: true });
    expect(range.rows[0]?.coverage).toBeNull();
  });

  it('compare carries coverage on both sides', async () => {
    const c = await comparePeriods(t.db, { program: 'PX', indicator: 'ERAD', from: '2016', to: '2017', approvedOnly: true });
    const [c2016, c2017] = [counted(2016, true), counted(2017, true)];
    expect(c.from.coverage).toEqual({ reported: c2016.reported, expected: c2016.expected, complete: true, period_ended: true, level: 2, counted_period: null });
    expect(c.to.coverage).toEqual({ reported: c2017.reported, expected: c2017.expected, complete: false, period_ended: true, level: 2, counted_period: null });
  });

  it('over HTTP, signed out (approved data), on analytics when asked (coverage=true) and always on compare', async () => {
    const client = new TestClient(createApp({ db: t.db, engine: t.engine }));
    const plain = await client.request('GET', '/api/analytics?program=PX&indicator=ERAD&by=period:year&from=2016&to=2017');
    expect((plain.body as { rows: { coverage: unknown }[] }).rows.map((r) => r.coverage)).toEqual([null, null]);
    const a = await client.request('GET', '/api/analytics?program=PX&indicator=ERAD&by=period:year&from=2016&to=2017&coverage=true');
    expect(a.status).toBe(200);
    const rows = (a.body as { rows: { period: string; coverage: unknown }[] }).rows;
    expect(rows.map((r) => [r.period, r.coverage])).toEqual([
      ['2016', { reported: 8, expected: 8, complete: true, period_ended: true, level: 2, counted_period: null }],
      ['2017', { reported: 1, expected: 8, complete: false, period_ended: true, level: 2, counted_period: null }],
    ]);
    const c = await client.request('GET', '/api/compare?program=PX&indicator=ERAD&from=2016&to=2017');
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ from: { coverage: { complete: true } }, to: { coverage: { reported: 1, expected: 8, complete: false } } });
  });
});

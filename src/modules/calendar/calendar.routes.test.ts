/**
 * The reporting cycle over HTTP with a clock the test moves: officers set the calendar
 * (audited; bad input named); expected reports become due, late and missing as days pass; a
 * closed period refuses a partner's writes — single, batch, import — with a 409 saying since
 * when, and accepts them once an officer reopens it; completeness and timeliness equal the
 * counts worked out here from the test's own submissions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app.js';
import { createAccessFixture, type UserKey } from '../../../test/helpers/access-fixture.js';
import { signedInAs } from '../../../test/helpers/access-app.js';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import type { TestClient } from '../../../test/helpers/http-client.js';

let t: TestDb;
let app: App;
/** The day the server thinks it is (noon UTC); tests move it. */
let today = '2015-01-20';
const clock = () => new Date(`${today}T12:00:00Z`);

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine, clock });
}, 60_000);
afterAll(() => t?.destroy());

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

/** ORG_A reports monthly, ORG_B quarterly; periods close some days after the due day. */
const CALENDAR = {
  reports: [
    { organisation: 'ORG_A', indicators: ['SPLIT_IND'], frequency: 'month', due_days: 10, close_days: 30, start: '2015-01-01' },
    { organisation: 'ORG_B', indicators: ['SPLIT_IND'], frequency: 'quarter', due_days: 15, close_days: 45, start: '2015-01-01' },
  ],
};

interface Report {
  organisation: string;
  period: string;
  due_on: string;
  closes_on: string | null;
  closed: boolean;
  submitted_at: string | null;
  status: string;
}
interface CompletenessRow {
  organisation: string;
  period: string;
  expected: number;
  submitted: number;
  on_time: number;
  status: string;
}

const put = (c: TestClient, period: string, value: number, place = 'R1D1') =>
  c.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value, version: 0 });

async function reports(c: TestClient): Promise<Record<string, Report>> {
  const r = await c.get('/api/programs/XX/calendar/reports');
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body as { reports: Report[] }).reports.map((x) => [`${x.organisation} ${x.period}`, x]));
}

/** The submissions the test made: organisation, period submitted, and the day. */
const submitted: Array<{ organisation: string; period: string; day: string }> = [];
async function submit(c: TestClient, organisation: string, period: string): Promise<void> {
  const r = await c.post('/api/programs/XX/submissions', { period });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  submitted.push({ organisation, period, day: today });
}

/** Day `n` days after `date`, worked out independently of the code under test. */
function plusDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

describe('reporting calendar, period locks, completeness and timeliness', () => {
  it('officers set the calendar (audited); partners may not; bad input is refused naming the field', async () => {
    const officer = await as('officer');
    const partner = await as('partnerA');
    expect((await partner.request('PUT', '/api/programs/XX/calendar', CALENDAR)).status).toBe(403);
    const bad = async (entry: Record<string, unknown>, column: string) => {
      const r = await officer.request('PUT', '/api/programs/XX/calendar', { reports: [{ ...CALENDAR.reports[0], ...entry }] });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect((r.body as { details: Array<{ column: string }> }).details.map((d) => d.column)).toContain(column);
    };
    await bad({ due_days: -5 }, 'reports.0.due_days');
    await bad({ frequency: 'fortnight' }, 'reports.0.frequency');
    await bad({ organisation: 'NOBODY' }, 'reports[0].organisation');
    await bad({ indicators: ['NO_SUCH'] }, 'reports[0].indicators[0]');
    await bad({ close_days: 5 }, 'reports[0].close_days');
    expect((await officer.get('/api/programs/XX/calendar')).body).toEqual({ reports: [] });

    const r = await officer.request('PUT', '/api/programs/XX/calendar', CALENDAR);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await partner.get('/api/programs/XX/calendar')).body).toEqual({
      reports: CALENDAR.reports.map((e) => ({ ...e, record_types: [], end: null })),
    });
    const audit = await t.db.selectFrom('audit_event').selectAll().where('entity', '=', 'reporting_calendar').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after ?? '{}')).toMatchObject({ reports: [{ organisation: 'ORG_A' }, { organisation: 'ORG_B' }] });
  });

  it('a report becomes due, then on time, late or missing as the clock moves', async () => {
    const officer = await as('officer');
    const a = await as('partnerA');
    today = '2015-01-20';
    let seen = await reports(officer);
    expect(Object.keys(seen)).toEqual(['ORG_A 201501', 'ORG_B 2015Q1']);
    expect(seen['ORG_A 201501']).toMatchObject({ status: 'not_due', due_on: '2015-02-10', closes_on: '2015-03-02', closed: false });

    today = '2015-02-05';
    expect((await put(a, '201501', 1)).status).toBe(200);
    await submit(a, 'ORG_A', '201501');
    today = '2015-03-15';
    seen = await reports(officer);
    expect(seen['ORG_A 201501']).toMatchObject({ status: 'on_time', submitted_at: '2015-02-05T12:00:00.000Z' });
    // Due on 10 March, nothing submitted: missing.
    expect(seen['ORG_A 201502']).toMatchObject({ status: 'missing', submitted_at: null });
    expect(seen['ORG_A 201503']).toMatchObject({ status: 'not_due' });
    expect((await put(a, '201502', 2)).status).toBe(200);
    await submit(a, 'ORG_A', '201502');
    expect((await reports(officer))['ORG_A 201502']).toMatchObject({ status: 'late' });

    // A partner sees its own organisation's reports only.
    expect(Object.keys(await reports(a)).every((k) => k.startsWith('ORG_A '))).toBe(true);
  });

  it('a closed period refuses a partner’s single, batch and import writes (409, since when) until an officer reopens it', async () => {
    const officer = await as('officer');
    const b = await as('partnerB');
    const a = await as('partnerA');
    // ORG_B's first quarter closed on 15 May (45 days after 31 March).
    today = '2015-05-20';
    expect((await reports(officer))['ORG_B 2015Q1']).toMatchObject({ status: 'missing', closes_on: '2015-05-15', closed: true });
    const single = await put(b, '201503', 7, 'R2D1');
    expect(single.status).toBe(409);
    expect((single.body as { message: string }).message).toContain('since 2015-05-15');
    expect((single.body as { details: Array<{ column: string }> }).details[0]?.column).toBe('period');
    const batch = await b.post('/api/programs/XX/values/batch', {
      values: [{ indicator: 'SPLIT_IND', place: 'R2D1', period: '2015Q1', disagg: 'kind=x', value: 3 }],
    });
    expect(batch.status).toBe(409);
    const csv = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation\nSPLIT_IND,R2D1,201502,kind=x,,4,sourced,,,\n';
    const imported = await b.request('POST', '/api/programs/XX/imports/csv', csv, { 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(409);
    expect(await t.db.selectFrom('data_value').select('id').where('value', 'in', [7, 3, 4]).execute()).toEqual([]);
    // ORG_A's March closed on 30 April; May is open. Officers are not held to locks.
    expect((await put(a, '201503', 5)).status).toBe(409);
    expect((await put(a, '201505', 5)).status).toBe(200);
    expect((await put(officer, '201503', 9, 'R2D2')).status).toBe(200);

    // Reopening needs a comment, a period of the organisation's calendar, and a closed one.
    expect((await b.post('/api/programs/XX/calendar/reopenings', { organisation: 'ORG_B', period: '2015Q1', comment: 'late data' })).status).toBe(403);
    expect((await officer.post('/api/programs/XX/calendar/reopenings', { organisation: 'ORG_B', period: '2015Q1', comment: ' ' })).status).toBe(400);
    expect((await officer.post('/api/programs/XX/calendar/reopenings', { organisation: 'ORG_B', period: '201503', comment: 'x' })).status).toBe(400);
    expect((await officer.post('/api/programs/XX/calendar/reopenings', { organisation: 'ORG_B', period: '2015Q2', comment: 'x' })).status).toBe(409);
    const reopened = await officer.post('/api/programs/XX/calendar/reopenings', {
      organisation: 'ORG_B',
      period: '2015Q1',
      comment: 'The agency’s February figures arrived late',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(201);
    expect((await officer.post('/api/programs/XX/calendar/reopenings', { organisation: 'ORG_B', period: '2015Q1', comment: 'again' })).status).toBe(409);
    const audit = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'reopen').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after ?? '{}')).toMatchObject({
      organisation: 'ORG_B',
      period: '2015Q1',
      comment: 'The agency’s February figures arrived late',
    });
    expect(((await b.get('/api/programs/XX/calendar/reopenings')).body as { reopenings: unknown[] }).reopenings).toHaveLength(1);
    expect(((await a.get('/api/programs/XX/calendar/reopenings')).body as { reopenings: unknown[] }).reopenings).toHaveLength(0);

    expect((await put(b, '201503', 7, 'R2D1')).status).toBe(200);
    expect((await b.request('POST', '/api/programs/XX/imports/csv', csv, { 'content-type': 'text/csv' })).status).toBe(200);
    await submit(b, 'ORG_B', '2015Q1');
    const seen = await reports(officer);
    expect(seen['ORG_B 2015Q1']).toMatchObject({ status: 'late', closed: false });
    // ORG_A's March is still closed: the reopening was for ORG_B.
    expect(seen['ORG_A 201503']).toMatchObject({ closed: true });
  });

  it('completeness and timeliness equal the counts worked out from the test’s submissions', async () => {
    const officer = await as('officer');
    today = '2015-07-20';
    await submit(await as('partnerA'), 'ORG_A', '201505');
    const r = await officer.get('/api/programs/XX/calendar/completeness');
    expect(r.status).toBe(200);
    const body = r.body as {
      completeness: CompletenessRow[];
      program: Array<{ period: string; expected: number; submitted: number; on_time: number; completeness: number | null }>;
    };

    // Independently: every month of ORG_A and quarter of ORG_B started by today; a report is
    // submitted when the test submitted that very period, on time when on or before its due day.
    const monthEnds = ['2015-01-31', '2015-02-28', '2015-03-31', '2015-04-30', '2015-05-31', '2015-06-30', '2015-07-31'];
    const expected = [
      ...monthEnds.map((end, i) => ({ organisation: 'ORG_A', period: `20150${i + 1}`, due: plusDays(end, 10) })),
      ...[
        ['2015Q1', '2015-03-31'],
        ['2015Q2', '2015-06-30'],
        ['2015Q3', '2015-09-30'],
      ].map(([period, end]) => ({ organisation: 'ORG_B', period: period!, due: plusDays(end!, 15) })),
    ];
    const rows = expected.map((e) => {
      const s = submitted.find((x) => x.organisation === e.organisation && x.period === e.period);
      const status = s ? (s.day <= e.due ? 'on_time' : 'late') : today > e.due ? 'missing' : 'not_due';
      return { organisation: e.organisation, period: e.period, expected: 1, submitted: s ? 1 : 0, on_time: status === 'on_time' ? 1 : 0, status };
    });
    const key = (x: { organisation: string; period: string }) => `${x.organisation} ${x.period}`;
    expect([...body.completeness].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(rows.sort((x, y) => key(x).localeCompare(key(y))));
    // Sanity of the scenario itself: each kind of status occurs.
    expect(new Set(rows.map((x) => x.status))).toEqual(new Set(['on_time', 'late', 'missing', 'not_due']));
    // Per program period: the one organisation's counts, and the shares.
    const may = body.program.find((p) => p.period === '201505');
    expect(may).toEqual({ period: '201505', expected: 1, submitted: 1, on_time: 0, completeness: 1, timeliness: 0 });

    // Filtered by period: only the reports whose period lies within it, in time order.
    const q1 = (await officer.get('/api/programs/XX/calendar/completeness?period=2015Q1')).body as { completeness: CompletenessRow[] };
    expect(q1.completeness.map(key)).toEqual(['ORG_A 201501', 'ORG_B 2015Q1', 'ORG_A 201502', 'ORG_A 201503']);
    expect((await officer.get('/api/programs/XX/calendar/completeness?period=nope')).status).toBe(400);
  });
  it('records of a calendar’s record type are locked the same way: a partner may not enter one dated in a closed period', async () => {
    const officer = await as('officer');
    const a = await as('partnerA');
    today = '2015-07-20';
    const seizures = { organisation: 'ORG_A', record_types: ['seizure'], frequency: 'month', due_days: 10, close_days: 30, start: '2015-01-01' };
    expect((await officer.request('PUT', '/api/programs/XX/calendar', { reports: [...CALENDAR.reports, seizures] })).status).toBe(200);
    const seizure = (date: string) => ({ type: 'seizure', data: { date, place: 'R1D1', substance: 'cocaine_base', quantity: { amount: 3, unit: 'kg' } } });
    const closed = await a.post('/api/programs/XX/records', seizure('2015-03-10'));
    expect(closed.status, JSON.stringify(closed.body)).toBe(409);
    expect(closed.body).toMatchObject({ details: [{ column: 'date', reason: 'period 201503 closed since 2015-04-30' }] });
    const open = await a.post('/api/programs/XX/records', seizure('2015-07-05'));
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    // Moving it into a closed month is a write to that month.
    const id = (open.body as { id: number }).id;
    const moved = await a.request('PATCH', `/api/programs/XX/records/${id}`, { data: { date: '2015-02-01' }, version: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(409);
    expect((moved.body as { message: string }).message).toContain('period 201502 is closed for ORG_A since 2015-03-30');
    expect((await officer.post('/api/programs/XX/records', seizure('2015-03-10'))).status).toBe(201);
  });
});

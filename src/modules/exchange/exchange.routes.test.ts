import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS, type UserKey } from '../../../test/helpers/access-fixture.js';
import { createApp, type App } from '../../server/app.js';
import { SYNC_IMPORT_BYTES } from './exchange.routes.js';

const MAX_BODY = 4 * 1024 * 1024;
const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';
let t: TestDb;
let app: App;

beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  app = createApp({ db: t.db, engine: t.engine, maxBodyBytes: MAX_BODY });
}, 60_000);
afterAll(() => t.destroy());

async function as(user: UserKey): Promise<TestClient> {
  const c = new TestClient(app);
  await c.signIn(USERS[user], PASSWORD);
  return c;
}
const upload = (c: TestClient, path: string, body: string) => c.request('POST', path, body, { 'content-type': 'text/csv' });
const values = () =>
  t.db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .select(['i.code', 'v.period', 'v.value', 'v.status', 'v.organisation_id'])
    .orderBy('v.id')
    .execute();

describe('imports over HTTP', () => {
  it('an officer imports a small CSV: 200 with the report; a dry run writes nothing', async () => {
    const officer = await as('officer');
    const csv = `${HEADER}\nSUM_IND,R1D1,2012,,A,10,sourced,,approved,ORG_A\nSECRET_IND,R1D1,2012,,,4,sourced,,approved,\n`;
    const dry = await upload(officer, '/api/programs/XX/imports/csv?dryRun=true', csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'done', dryRun: true, report: { rows: 2, inserted: 2, errors: [] } });
    expect(await values()).toEqual([]);
    const r = await upload(officer, '/api/programs/XX/imports/csv?file=mine.csv', csv);
    expect(r.body).toMatchObject({ status: 'done', file: 'mine.csv', report: { inserted: 2 }, errorsUrl: null });
    expect((await values()).map((v) => v.code)).toEqual(['SUM_IND', 'SECRET_IND']);
    const audit = await t.db.selectFrom('audit_event').select('entity').where('entity', '=', 'data_value').execute();
    expect(audit).toHaveLength(2);
  });

  it('the same file again is no write: approved values pass as unchanged, with no audit event', async () => {
    const officer = await as('officer');
    const csv = `${HEADER}\nSUM_IND,R1D1,2012,,A,10,sourced,,approved,ORG_A\nSECRET_IND,R1D1,2012,,,4,sourced,,approved,\n`;
    const stored = await values();
    const audits = async () => (await t.db.selectFrom('audit_event').select('id').execute()).length;
    const before = await audits();
    const dry = await upload(officer, '/api/programs/XX/imports/csv?dryRun=true', csv);
    expect(dry.body).toMatchObject({ status: 'done', report: { inserted: 0, updated: 0, unchanged: 2, errors: [] } });
    const again = await upload(officer, '/api/programs/XX/imports/csv', csv);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'done', report: { inserted: 0, updated: 0, unchanged: 2, errors: [] } });
    expect(await values()).toEqual(stored);
    expect(await audits()).toBe(before);
    // A changed approved value is still refused: it is locked.
    const changed = await upload(officer, '/api/programs/XX/imports/csv', csv.replace(',10,', ',11,'));
    expect(changed.status).toBe(409);
  });

  it('a rejected file: 422 with the problems, and the same problems as downloadable CSV', async () => {
    const officer = await as('officer');
    const r = await upload(officer, '/api/programs/XX/imports/csv?file=bad.csv', `${HEADER}\nSUM_IND,R1D1,2013,,A,"=1+1",sourced,,,\n`);
    expect(r.status).toBe(422);
    const job = r.body as { id: string; status: string; errorsUrl: string; report: { errors: unknown[] } };
    expect(job).toMatchObject({ status: 'rejected', report: { errors: [{ file: 'bad.csv', row: 2, column: 'value', value: '=1+1' }] } });
    const csv = await officer.get(job.errorsUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(String(csv.body)).toContain(`bad.csv,2,value,'=1+1,not a number`);
    // Jobs are private to whoever started them.
    expect((await (await as('admin')).get(`/api/jobs/${job.id}`)).status).toBe(404);
  });

  it('a partner imports only drafts of its own organisation, and cannot touch approved values', async () => {
    const partner = await as('partnerA');
    const r = await upload(partner, '/api/programs/XX/imports/csv', `${HEADER}\nSUM_IND,R2D2,2012,,A,3,sourced,,approved,ORG_B\n`);
    expect(r.status).toBe(200);
    const orgA = (await t.db.selectFrom('organisation').select('id').where('code', '=', 'ORG_A').executeTakeFirstOrThrow()).id;
    expect((await values()).at(-1)).toMatchObject({ code: 'SUM_IND', status: 'draft', organisation_id: orgA });
    const locked = await upload(partner, '/api/programs/XX/imports/csv', `${HEADER}\nSUM_IND,R1D1,2012,,A,99,sourced,,,\n`);
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ error: 'conflict', details: [expect.objectContaining({ row: 2 })] });
    expect((await values()).find((v) => v.period === '2012' && v.value === 99)).toBeUndefined();
  });

  it('analysts may not import; an oversized upload is refused and changes nothing', async () => {
    expect((await upload(await as('analyst'), '/api/programs/XX/imports/csv', `${HEADER}\n`)).status).toBe(403);
    const before = await values();
    const big = `${HEADER}\n${'SUM_IND,R1D1,2014,,A,1,sourced,,,\n'.repeat(Math.ceil((MAX_BODY + 10) / 34))}`;
    const r = await upload(await as('officer'), '/api/programs/XX/imports/csv', big);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'validation', message: expect.stringMatching(/larger than/) });
    expect(await values()).toEqual(before);
  });

  it('a large file answers 202 with a job that reports progress and then its result', async () => {
    const officer = await as('officer');
    const rows: string[] = [];
    // Day periods, so that the file stays within the years data may be written for (1900–2100).
    for (let y = 1990; rows.length * 40 < SYNC_IMPORT_BYTES * 1.2; y++) {
      for (const p of ['R1D1', 'R1D2', 'R2D1', 'R2D2'])
        for (const m of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'])
          for (let d = 10; d <= 28; d++) rows.push(`SUM_IND,${p},${y}${m}${d},,B,${y % 7}.5,sourced,a note,draft,`);
    }
    const r = await upload(officer, '/api/programs/XX/imports/csv', `${HEADER}\n${rows.join('\n')}\n`);
    expect(r.status).toBe(202);
    const id = (r.body as { id: string }).id;
    let job = (await officer.get(`/api/jobs/${id}`)).body as { status: string; report: { inserted: number } | null };
    for (let i = 0; job.status === 'running' && i < 2_400; i++) {
      await new Promise((res) => setTimeout(res, 100));
      job = (await officer.get(`/api/jobs/${id}`)).body as typeof job;
    }
    expect(job).toMatchObject({ status: 'done', report: { inserted: rows.length } });
  }, 300_000);
});

describe('exports and templates over HTTP', () => {
  it('an analyst exports approved values only, nothing above the clearance', async () => {
    const r = await (await as('analyst')).get('/api/programs/XX/exports/csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="XX-values.csv"');
    const text = String(r.body);
    expect(text).toContain('SUM_IND,R1D1,2012,,A,10,sourced,,approved,ORG_A');
    expect(text).not.toContain('SECRET_IND');
    expect(text).not.toContain('draft');
    const cleared = String((await (await as('cleared')).get('/api/programs/XX/exports/csv')).body);
    expect(cleared).toContain('SECRET_IND');
  });

  it("a partner also exports its own drafts, not another organisation's", async () => {
    const a = String((await (await as('partnerA')).get('/api/programs/XX/exports/csv')).body);
    expect(a).toContain('SUM_IND,R2D2,2012,,A,3,sourced,,draft,ORG_A');
    const b = String((await (await as('partnerB')).get('/api/programs/XX/exports/csv')).body);
    expect(b).not.toContain(',draft,');
  });

  it('exports an analytics result as XLSX; a restricted indicator is not found for an analyst', async () => {
    const analyst = await as('analyst');
    const r = await analyst.request('GET', '/api/programs/XX/exports/xlsx?indicator=SUM_IND&by=source');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect((await analyst.get('/api/programs/XX/exports/csv?indicator=SECRET_IND')).status).toBe(404);
    expect((await analyst.get('/api/programs/XX/exports/nope')).status).toBe(404);
    // Formats that do not apply per-user rules themselves are for officers and administrators only.
    expect((await analyst.get('/api/programs/XX/exports/dhis2-json')).status).toBe(403);
  });

  it('serves templates; the public may not have them', async () => {
    const r = await (await as('analyst')).get('/api/programs/XX/templates/csv');
    expect(r.status).toBe(200);
    // (the client's text decoding drops the byte-order mark)
    expect(String(r.body)).toBe(`${HEADER}\n`);
    const x = await (await as('partnerA')).get('/api/programs/XX/templates/xlsx?type=seizure');
    expect(x.status).toBe(200);
    expect((await new TestClient(app).get('/api/programs/XX/templates/csv')).status).toBe(401);
  });
});

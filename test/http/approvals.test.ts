/**
 * The approval workflow end to end: a partner's values and records of a period move
 * draft › submitted › approved together, and approved-only analytics follow at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp } from '../../src/server/app.js';

let t: TestDb;
let partner: TestClient;
let officer: TestClient;
let anon: TestClient;
beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  const app = createApp({ db: t.db, engine: t.engine });
  partner = new TestClient(app);
  officer = new TestClient(app);
  anon = new TestClient(app);
  await partner.signIn(USERS.partnerA, PASSWORD);
  await officer.signIn(USERS.officer, PASSWORD);
}, 60_000);
afterAll(() => t.destroy());

const total = async (c: TestClient, indicator: string) =>
  ((await c.get(`/api/analytics?program=XX&indicator=${indicator}&from=2014Q1&to=2014Q1`)).body as { rows: Array<{ value: number | null }> }).rows[0]?.value ??
  null;

describe('submit › approve › unlock', () => {
  it('moves values and records together, and approved analytics follow', async () => {
    expect(
      (
        await partner.request('PUT', '/api/programs/XX/values', {
          indicator: 'SPLIT_IND',
          place: 'R1D1',
          period: '201402',
          disagg: 'kind=x',
          value: 7,
          version: 0,
        })
      ).status,
    ).toBe(200);
    const rec = await partner.post('/api/programs/XX/records', {
      type: 'seizure',
      data: { date: '2014-02-10', place: 'R1D2', substance: 'cocaine_base', quantity: { amount: 2.5, unit: 't' } },
    });
    expect(rec.status).toBe(201);
    expect(await total(anon, 'SPLIT_IND')).toBeNull();
    expect(await total(anon, 'SEIZ_REC_COCAINE_KG')).toBeNull();
    expect(await total(officer, 'SEIZ_REC_COCAINE_KG')).toBe(2500);

    const sub = await partner.post('/api/programs/XX/submissions', { period: '2014Q1' });
    expect(sub.status).toBe(201);
    const s = sub.body as { id: number; version: number };
    // submitted data wait for review: the partner cannot change them meanwhile
    expect(
      (
        await partner.request('PUT', '/api/programs/XX/values', {
          indicator: 'SPLIT_IND',
          place: 'R1D1',
          period: '201402',
          disagg: 'kind=x',
          value: 8,
          version: 2,
        })
      ).status,
    ).toBe(409);

    expect((await officer.post(`/api/submissions/${s.id}/approve`, { version: s.version })).status).toBe(200);
    expect(await total(anon, 'SPLIT_IND')).toBe(7);
    expect(await total(anon, 'SEIZ_REC_COCAINE_KG')).toBe(2500);
    const record = (await anon.get(`/api/programs/XX/records/${(rec.body as { id: number }).id}`)).body as { status: string };
    expect(record.status).toBe('approved');
    // approved data are locked, even for officers
    expect(
      (
        await officer.request('PUT', '/api/programs/XX/values', {
          indicator: 'SPLIT_IND',
          place: 'R1D1',
          period: '201402',
          disagg: 'kind=x',
          value: 9,
          version: 3,
        })
      ).status,
    ).toBe(409);

    expect((await officer.post(`/api/submissions/${s.id}/unlock`, { version: s.version + 1, comment: 'recount' })).status).toBe(200);
    expect(await total(anon, 'SPLIT_IND')).toBeNull();
    expect(await total(anon, 'SEIZ_REC_COCAINE_KG')).toBeNull();
    expect(
      (
        await partner.request('PUT', '/api/programs/XX/values', {
          indicator: 'SPLIT_IND',
          place: 'R1D1',
          period: '201402',
          disagg: 'kind=x',
          value: 8,
          version: 4,
        })
      ).status,
    ).toBe(200);
  });

  it('approving twice, or returning without a comment, is refused', async () => {
    await partner.request('PUT', '/api/programs/XX/values', {
      indicator: 'SPLIT_IND',
      place: 'R2D2',
      period: '201405',
      disagg: 'kind=y',
      value: 1,
      version: 0,
    });
    const s = (await partner.post('/api/programs/XX/submissions', { period: '2014Q2' })).body as { id: number; version: number };
    expect((await officer.post(`/api/submissions/${s.id}/return`, { version: s.version })).status).toBe(400);
    expect((await officer.post(`/api/submissions/${s.id}/approve`, { version: s.version })).status).toBe(200);
    expect((await officer.post(`/api/submissions/${s.id}/approve`, { version: s.version + 1 })).status).toBe(409);
    expect((await partner.post('/api/programs/XX/submissions', { period: '2014Q2' })).status).toBe(400);
  });
});

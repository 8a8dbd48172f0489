/** The values batch over HTTP: versions per value, deletions, all or nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { createApp } from '../../server/app.js';

let t: TestDb;
let partner: TestClient;
let officer: TestClient;
beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  const app = createApp({ db: t.db, engine: t.engine });
  partner = new TestClient(app);
  officer = new TestClient(app);
  await partner.signIn(USERS.partnerA, PASSWORD);
  await officer.signIn(USERS.officer, PASSWORD);
}, 60_000);
afterAll(() => t.destroy());

interface Row {
  place: string;
  period: string;
  value: number;
  version: number;
  status: string;
  organisation: string | null;
}
const key = { indicator: 'SUM_IND', source: 'A' };
const BATCH = '/api/programs/XX/values/batch';
async function read(c: TestClient, period: string): Promise<Row[]> {
  const r = await c.get(`/api/programs/XX/values?indicator=SUM_IND&period=${period}`);
  expect(r.status).toBe(200);
  return (r.body as { values: Row[] }).values.filter((v) => (v as Row & { source: string }).source === 'A');
}

describe('POST values/batch with versions', () => {
  it('writes new values at version 0 and updates at the version read', async () => {
    const a = await partner.post(BATCH, {
      values: [
        { ...key, place: 'R1D1', period: '2020', value: 5, version: 0 },
        { ...key, place: 'R1D2', period: '2020', value: 6, version: 0 },
      ],
    });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ inserted: 2, updated: 0, unchanged: 0, deleted: 0 });
    const rows = await read(partner, '2020');
    expect(rows.map((r) => [r.place, r.value, r.version, r.organisation, r.status])).toEqual(
      expect.arrayContaining([
        ['R1D1', 5, 1, 'ORG_A', 'draft'],
        ['R1D2', 6, 1, 'ORG_A', 'draft'],
      ]),
    );
    const b = await partner.post(BATCH, { values: [{ ...key, place: 'R1D1', period: '2020', value: 7, version: 1 }] });
    expect(b.body).toMatchObject({ updated: 1 });
    expect((await read(partner, '2020')).find((r) => r.place === 'R1D1')).toMatchObject({ value: 7, version: 2 });
  });

  it('refuses the whole batch when one value is stale, naming every stale row', async () => {
    await partner.post(BATCH, { values: [{ ...key, place: 'R2D1', period: '2021', value: 1, version: 0 }] });
    // Someone else changes R2D1 first (version 1 → 2).
    expect((await officer.post(BATCH, { values: [{ ...key, place: 'R2D1', period: '2021', value: 2, version: 1, organisation: 'ORG_A' }] })).status).toBe(200);
    const r = await partner.post(BATCH, {
      values: [
        { ...key, place: 'R2D2', period: '2021', value: 9, version: 0 },
        { ...key, place: 'R2D1', period: '2021', value: 3, version: 1 },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: 'conflict', details: [{ row: 1, column: 'version', value: 2 }] });
    expect(JSON.stringify(r.body)).toContain('R2D1 2021');
    // Nothing was saved: R2D2 does not exist, R2D1 keeps the other writer's value.
    const rows = await read(partner, '2021');
    expect(rows.map((x) => [x.place, x.value])).toEqual([['R2D1', 2]]);
  });

  it('a new value someone else created first is a conflict too', async () => {
    await officer.post(BATCH, { values: [{ ...key, place: 'R1D1', period: '2022', value: 1, organisation: 'ORG_A' }] });
    const r = await partner.post(BATCH, { values: [{ ...key, place: 'R1D1', period: '2022', value: 4, version: 0 }] });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ details: [{ row: 0, value: 1 }] });
  });

  it('deletes values in the same transaction, at their version', async () => {
    await partner.post(BATCH, {
      values: [
        { ...key, place: 'R1D1', period: '2023', value: 1, version: 0 },
        { ...key, place: 'R1D2', period: '2023', value: 2, version: 0 },
      ],
    });
    const stale = await partner.post(BATCH, {
      values: [{ ...key, place: 'R1D2', period: '2023', value: 3, version: 1 }],
      delete: [{ ...key, place: 'R1D1', period: '2023', version: 5 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ details: [{ row: 1, value: 1 }] });
    expect((await read(partner, '2023')).map((x) => x.value).sort()).toEqual([1, 2]);
    const ok = await partner.post(BATCH, {
      values: [{ ...key, place: 'R1D2', period: '2023', value: 3, version: 1 }],
      delete: [{ ...key, place: 'R1D1', period: '2023', version: 1 }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ updated: 1, deleted: 1 });
    expect((await read(partner, '2023')).map((x) => [x.place, x.value])).toEqual([['R1D2', 3]]);
    const analytics = await officer.get('/api/analytics?program=XX&indicator=SUM_IND&source=A&by=place&from=2023&to=2023');
    expect(JSON.stringify(analytics.body)).not.toContain('"R1D1"');
  });

  it('refuses an empty batch and writing and deleting the same value, clearly', async () => {
    const empty = await partner.post(BATCH, { values: [] });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('nothing to write');
    const both = await partner.post(BATCH, {
      values: [{ ...key, place: 'R2D2', period: '2024', value: 1, version: 0 }],
      delete: [{ ...key, place: 'R2D2', period: '2024', version: 1 }],
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ error: 'validation', details: [{ row: 1, reason: expect.stringMatching(/duplicate/) }] });
  });

  it('approved values stay locked, even at the right version', async () => {
    await officer.post(BATCH, { values: [{ ...key, place: 'R2D2', period: '2025', value: 8, organisation: 'ORG_A', status: 'approved' }] });
    const r = await partner.post(BATCH, { values: [{ ...key, place: 'R2D2', period: '2025', value: 9, version: 1 }] });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ details: [{ column: 'status', reason: 'locked' }] });
  });
});

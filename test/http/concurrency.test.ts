/** Two clients editing the same value: the second gets 409 with the current version. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { TestClient } from '../helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../helpers/access-fixture.js';
import { createApp } from '../../src/server/app.js';

let t: TestDb;
let first: TestClient;
let second: TestClient;
beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  const app = createApp({ db: t.db, engine: t.engine });
  first = new TestClient(app);
  second = new TestClient(app);
  await first.signIn(USERS.officer, PASSWORD);
  await second.signIn(USERS.admin, PASSWORD);
}, 60_000);
afterAll(() => t.destroy());

const key = { indicator: 'SUM_IND', place: 'R2D2', period: '2015', source: 'B' };
const read = async (c: TestClient) => {
  const r = (await c.get('/api/programs/XX/values?indicator=SUM_IND&period=2015')).body as { values: Array<{ value: number; version: number }> };
  return r.values[0];
};

describe('concurrent edits', () => {
  it('the second writer of the same version gets 409 and the first value stands', async () => {
    expect((await first.request('PUT', '/api/programs/XX/values', { ...key, value: 1, version: 0 })).status).toBe(200);
    const seenByFirst = await read(first);
    const seenBySecond = await read(second);
    expect(seenByFirst?.version).toBe(1);
    expect(seenBySecond?.version).toBe(1);
    const a = await first.request('PUT', '/api/programs/XX/values', { ...key, value: 10, version: seenByFirst!.version });
    const b = await second.request('PUT', '/api/programs/XX/values', { ...key, value: 20, version: seenBySecond!.version });
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.body).toMatchObject({ error: 'conflict', details: [{ column: 'version', value: 2 }] });
    expect(await read(second)).toMatchObject({ value: 10, version: 2 });
    const retry = await second.request('PUT', '/api/programs/XX/values', { ...key, value: 20, version: 2 });
    expect(retry.status).toBe(200);
    expect(await read(first)).toMatchObject({ value: 20, version: 3 });
  });

  it('two creations of the same new value: the second is a conflict too', async () => {
    const k = { ...key, period: '2016' };
    const [a, b] = await Promise.all([
      first.request('PUT', '/api/programs/XX/values', { ...k, value: 1, version: 0 }),
      second.request('PUT', '/api/programs/XX/values', { ...k, value: 2, version: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('records too: the second editor of the same version gets 409', async () => {
    const created = await first.post('/api/programs/XX/records', {
      type: 'seizure',
      data: { date: '2012-01-05', place: 'R2D1', substance: 'marijuana', quantity: { amount: 1, unit: 'kg' } },
    });
    const id = (created.body as { id: number }).id;
    const a = await first.request('PATCH', `/api/programs/XX/records/${id}`, { version: 1, note: 'first' });
    const b = await second.request('PATCH', `/api/programs/XX/records/${id}`, { version: 1, note: 'second' });
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(b.body).toMatchObject({ error: 'conflict', details: [{ column: 'version', value: 2 }] });
  });

  it('a stale delete is refused', async () => {
    const r = await first.request('DELETE', '/api/programs/XX/values', { ...key, version: 1 });
    expect(r.status).toBe(409);
  });
});

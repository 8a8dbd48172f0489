/** What an organisation reported before, for a partner's entry list: most recently reported first, own organisation only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { createAccessFixture, PASSWORD, USERS } from '../../../test/helpers/access-fixture.js';
import { createApp } from '../../server/app.js';

let t: TestDb;
let partnerA: TestClient;
let partnerB: TestClient;
let officer: TestClient;
beforeAll(async () => {
  t = await createTestDb();
  await createAccessFixture(t.db);
  const app = createApp({ db: t.db, engine: t.engine });
  partnerA = new TestClient(app);
  partnerB = new TestClient(app);
  officer = new TestClient(app);
  await partnerA.signIn(USERS.partnerA, PASSWORD);
  await partnerB.signIn(USERS.partnerB, PASSWORD);
  await officer.signIn(USERS.officer, PASSWORD);
  // ORG_A reports SUM_IND up to 2021 and LATEST_IND up to 2023; ORG_B only SUM_IND.
  const write = async (c: TestClient, indicator: string, period: string) => {
    const source = indicator === 'SUM_IND' ? { source: 'A' } : {};
    const r = await c.post('/api/programs/XX/values/batch', { values: [{ indicator, ...source, place: 'R1D1', period, value: 1, version: 0 }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await write(partnerA, 'SUM_IND', '2020');
  await write(partnerA, 'SUM_IND', '2021');
  await write(partnerA, 'LATEST_IND', '2023');
  await write(partnerB, 'SUM_IND', '2019');
}, 60_000);
afterAll(() => t.destroy());

const reported = (org: string) => `/api/programs/XX/organisations/${org}/reported-indicators`;

describe('GET reported-indicators', () => {
  it("lists a partner's own indicators, the most recently reported first, with counts", async () => {
    const r = await partnerA.get(reported('ORG_A'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      indicators: [
        { indicator: 'LATEST_IND', last_period_end: '2023-12-31', values: 1 },
        { indicator: 'SUM_IND', last_period_end: '2021-12-31', values: 2 },
      ],
    });
  });

  it("an officer may ask for any organisation; a partner not for another's", async () => {
    expect((await officer.get(reported('ORG_B'))).body).toEqual({ indicators: [{ indicator: 'SUM_IND', last_period_end: '2019-12-31', values: 1 }] });
    expect((await partnerB.get(reported('ORG_A'))).status).toBe(403);
    expect((await officer.get(reported('NOBODY'))).status).toBe(404);
  });
});

/**
 * The reviewer's views of submissions over HTTP: the list says whose data, who submitted them
 * and how much they cover; the detail lists the values of the organisation within the period,
 * each with its place's name (a reviewer reads "Huánuco", not "PE-10").
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';
import type { TestDb } from '../../../test/helpers/test-db.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

interface Summary {
  id: number;
  organisation: string;
  submitted_by_name: string | null;
  values: number;
  records: number;
  status: string;
}

describe('submission summaries and values', () => {
  it('lists a submission with its organisation, submitter and counts, and its values', async () => {
    const a = await as('partnerA');
    const b = await as('partnerB');
    const officer = await as('officer');
    // Names unlike their codes, so the answer shows which one it carries.
    await t.db.updateTable('place').set({ name: 'Huánuco' }).where('code', '=', 'R1D1').execute();
    await t.db.updateTable('place').set({ name: 'Ucayali' }).where('code', '=', 'R1D2').execute();
    const put = (c: TestClient, place: string, period: string, value: number) =>
      c.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place, period, disagg: 'kind=x', value, version: 0 });
    expect((await put(a, 'R1D1', '201501', 3)).status).toBe(200);
    expect((await put(a, 'R1D2', '2015Q1', 4)).status).toBe(200);
    expect((await put(a, 'R1D1', '201505', 5)).status).toBe(200); // outside 2015Q1
    expect((await put(b, 'R2D1', '201502', 6)).status).toBe(200); // another organisation
    const sub = await a.post('/api/programs/XX/submissions', { period: '2015Q1' });
    expect(sub.status).toBe(201);
    const id = (sub.body as { id: number }).id;

    const list = await officer.get('/api/programs/XX/submissions?status=submitted');
    expect(list.status).toBe(200);
    const mine = (list.body as { submissions: Summary[] }).submissions.find((s) => s.id === id);
    expect(mine).toMatchObject({ organisation: 'ORG_A', values: 2, records: 0, status: 'submitted' });
    expect(mine?.submitted_by_name).toEqual(expect.any(String));

    const detail = await officer.get(`/api/submissions/${id}/values`);
    expect(detail.status).toBe(200);
    const body = detail.body as { values: Array<{ place: string; place_name: string; period: string; value: number; status: string }>; truncated: boolean };
    expect(body.truncated).toBe(false);
    expect(body.values.map((v) => [v.place, v.place_name, v.period, v.value, v.status])).toEqual([
      ['R1D1', 'Huánuco', '201501', 3, 'submitted'],
      ['R1D2', 'Ucayali', '2015Q1', 4, 'submitted'],
    ]);
  });

  it("hides another organisation's submission from a partner", async () => {
    const a = await as('partnerA');
    const b = await as('partnerB');
    const list = (await a.get('/api/programs/XX/submissions')).body as { submissions: Summary[] };
    const id = list.submissions[0]?.id;
    expect(id).toBeDefined();
    expect((await a.get(`/api/submissions/${id}/values`)).status).toBe(200);
    expect((await b.get(`/api/submissions/${id}/values`)).status).toBe(404);
    expect(((await b.get('/api/programs/XX/submissions')).body as { submissions: Summary[] }).submissions).toEqual([]);
  });

  it('answers 404 for an unknown submission and 400 for a bad id', async () => {
    const officer = await as('officer');
    expect((await officer.get('/api/submissions/999999/values')).status).toBe(404);
    expect((await officer.get('/api/submissions/abc/values')).status).toBe(400);
  });
});

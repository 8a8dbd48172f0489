/**
 * Issue 16, a submission's discussion over HTTP: its organisation's partners and the officers
 * write in it, each comment notifying the other side; partners of another organisation get
 * "not found" as for the submission, analysts read an approved submission's thread but may not
 * write; comments are audited and cannot be edited.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import { USERS, type UserKey } from '../../../test/helpers/access-fixture.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import type { App } from '../../server/app.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

interface Comment {
  id: number;
  body: string;
  author: string | null;
  author_role: string | null;
  author_organisation: string | null;
}
const kindsOf = async (who: UserKey) =>
  ((await (await as(who)).get('/api/notifications')).body as { notifications: Array<{ kind: string; submission_id: number }> }).notifications;

describe('the discussion of a submission', () => {
  it('between the organisation and the officers, each comment notifying the other side, audited', async () => {
    const a = await as('partnerA');
    const officer = await as('officer');
    const put = await a.request('PUT', '/api/programs/XX/values', {
      indicator: 'SPLIT_IND',
      place: 'R1D1',
      period: '201501',
      disagg: 'kind=x',
      value: 3,
      version: 0,
    });
    expect(put.status).toBe(200);
    const sub = await a.post('/api/programs/XX/submissions', { period: '2015Q1' });
    expect(sub.status).toBe(201);
    const id = (sub.body as { id: number }).id;
    const path = `/api/submissions/${id}/comments`;

    const asked = await officer.post(path, { body: 'Why is January so low?' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ body: 'Why is January so low?', author: USERS.officer, author_role: 'officer', author_organisation: null });
    expect((await kindsOf('partnerA')).filter((n) => n.kind === 'comment')).toEqual([expect.objectContaining({ submission_id: id })]);
    expect((await kindsOf('officer')).filter((n) => n.kind === 'comment')).toEqual([]);

    const answered = await a.post(path, { body: 'Two operations were cancelled by rain.' });
    expect(answered.status).toBe(201);
    // A correction is a new comment: there is no way to change one.
    expect((await a.post(path, { body: 'Correction: three operations.' })).status).toBe(201);
    expect((await officer.get(path)).body).toMatchObject({
      comments: [
        { body: 'Why is January so low?', author_role: 'officer' },
        { body: 'Two operations were cancelled by rain.', author: USERS.partnerA, author_organisation: 'ORG_A' },
        { body: 'Correction: three operations.' },
      ],
    });
    const commentId = (answered.body as Comment).id;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await a.request(method, path, { body: 'rewritten' })).status, method).toBe(404);
      expect((await a.request(method, `${path}/${commentId}`, { body: 'rewritten' })).status, method).toBe(404);
    }
    expect((await kindsOf('officer')).filter((n) => n.kind === 'comment')).toHaveLength(2);
    // Nobody outside the discussion hears of it.
    for (const who of ['partnerB', 'analyst', 'admin'] as const) expect((await kindsOf(who)).filter((n) => n.kind === 'comment')).toEqual([]);

    const audit = await t.db.selectFrom('audit_event').select(['entity_id', 'after', 'user_id']).where('action', '=', 'comment').orderBy('id').execute();
    expect(audit.map((e) => (JSON.parse(e.after ?? '{}') as { body: string }).body)).toEqual([
      'Why is January so low?',
      'Two operations were cancelled by rain.',
      'Correction: three operations.',
    ]);
    expect(audit[1]!.entity_id).toBe(String(commentId));

    // Another organisation's partner: "not found", as for the submission itself.
    const b = await as('partnerB');
    expect((await b.get(`/api/submissions/${id}`)).status).toBe(404);
    expect((await b.get(path)).status).toBe(404);
    expect((await b.post(path, { body: 'let me in' })).status).toBe(404);
    // An analyst sees no unapproved submission, and reads an approved one's thread without writing in it.
    const analyst = await as('analyst');
    expect((await analyst.get(path)).status).toBe(404);
    expect((await officer.post(`/api/submissions/${id}/approve`, { version: 1 })).status).toBe(200);
    expect((await analyst.get(path)).status).toBe(200);
    expect((await analyst.post(path, { body: 'a view from outside' })).status).toBe(403);
    expect((await officer.post(path, { body: '   ' })).status).toBe(400);
    expect((await officer.post('/api/submissions/999999/comments', { body: 'nobody home' })).status).toBe(404);
    expect(((await officer.get(path)).body as { comments: Comment[] }).comments).toHaveLength(3);
  });
});

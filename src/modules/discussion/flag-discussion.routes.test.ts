/**
 * Issue 16, the discussion of a warning on a value over HTTP: the value's organisation's
 * partners and the officers write in it, each comment notifying the other side (only those
 * cleared for the value's indicator); anyone who may not see the value and its flag — another
 * organisation, a reader of approved data only, a partner not cleared for a restricted
 * indicator — gets the answer of a missing flag; comments are audited and cannot be edited.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { PASSWORD, USERS, type UserKey } from '../../../test/helpers/access-fixture.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import type { App } from '../../server/app.js';
import { createUser } from '../accounts/users.service.js';

let app: App;
let t: TestDb;
let orgIds: Record<string, number>;
withAccessApp((env) => ({ app, t, orgIds } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);
const CLEARED_CLERK = 'cleared.clerk.a@example.org';

const flagCommentsOf = async (c: TestClient) =>
  ((await c.get('/api/notifications')).body as { notifications: Array<{ kind: string; params: { comment: string | null } }> }).notifications.filter(
    (n) => n.kind === 'flag_comment',
  );

/** What a reader gets for a flag that is not there: the answer a hidden flag must give too. */
const missing = async (c: TestClient, method: 'GET' | 'POST') => {
  const r = await c.request(method, '/api/value-flags/999999/comments', method === 'POST' ? { body: 'probe' } : undefined);
  return { status: r.status, error: (r.body as { error?: string }).error };
};
const answer = async (c: TestClient, method: 'GET' | 'POST', id: number) => {
  const r = await c.request(method, `/api/value-flags/${id}/comments`, method === 'POST' ? { body: 'probe' } : undefined);
  return { status: r.status, error: (r.body as { error?: string }).error };
};

describe('the discussion of a warning on a value', () => {
  it('between the organisation and the officers, notifying the other side, hidden from whoever may not see the value, audited', async () => {
    const officer = await as('officer');
    const a = await as('partnerA');
    expect(
      (await officer.post('/api/programs/XX/validation-rules', { code: 'SPLIT_HIGH', kind: 'range', indicator: 'SPLIT_IND', max: 50, severity: 'warning' }))
        .status,
    ).toBe(201);
    const put = await a.request('PUT', '/api/programs/XX/values', {
      indicator: 'SPLIT_IND',
      place: 'R1D1',
      period: '201501',
      disagg: 'kind=x',
      value: 60,
      version: 0,
    });
    expect(put.status).toBe(200);
    const flag = await t.db.selectFrom('value_flag').select('id').where('rule_code', '=', 'SPLIT_HIGH').executeTakeFirstOrThrow();
    const path = `/api/value-flags/${flag.id}/comments`;

    expect((await a.get(path)).body).toEqual({ comments: [] });
    const asked = await officer.post(path, { body: 'Sixty looks high for January.' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      body: 'Sixty looks high for January.',
      value_flag_id: flag.id,
      submission_id: null,
      author: USERS.officer,
      author_role: 'officer',
    });
    expect(await flagCommentsOf(a)).toEqual([expect.objectContaining({ params: expect.objectContaining({ comment: 'Sixty looks high for January.' }) })]);
    expect(await flagCommentsOf(officer)).toEqual([]);

    const answered = await a.post(path, { body: 'A second team joined in January.' });
    expect(answered.status).toBe(201);
    expect((await a.post(path, { body: 'Correction: two more teams.' })).status).toBe(201);
    expect((await officer.get(path)).body).toMatchObject({
      comments: [
        { body: 'Sixty looks high for January.', author_role: 'officer' },
        { body: 'A second team joined in January.', author: USERS.partnerA, author_organisation: 'ORG_A' },
        { body: 'Correction: two more teams.' },
      ],
    });
    expect(await flagCommentsOf(officer)).toHaveLength(2);
    for (const who of ['partnerB', 'analyst', 'cleared', 'admin'] as const) expect(await flagCommentsOf(await as(who)), who).toEqual([]);
    // Never edited in place: a correction is a new comment.
    const commentId = (answered.body as { id: number }).id;
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await a.request(method, path, { body: 'rewritten' })).status, method).toBe(404);
      expect((await a.request(method, `${path}/${commentId}`, { body: 'rewritten' })).status, method).toBe(404);
    }

    const audit = await t.db.selectFrom('audit_event').select(['entity', 'entity_id', 'after']).where('action', '=', 'comment').orderBy('id').execute();
    expect(audit.map((e) => [e.entity, (JSON.parse(e.after ?? '{}') as { body: string; value_flag_id: number }).body])).toEqual([
      ['value_flag_comment', 'Sixty looks high for January.'],
      ['value_flag_comment', 'A second team joined in January.'],
      ['value_flag_comment', 'Correction: two more teams.'],
    ]);
    expect(audit[1]!.entity_id).toBe(String(commentId));

    // Another organisation's partner and an analyst (the value is a draft): the answer of a missing flag.
    for (const who of ['partnerB', 'analyst'] as const) {
      const c = await as(who);
      expect(await answer(c, 'GET', flag.id), who).toEqual(await missing(c, 'GET'));
      expect(await answer(c, 'POST', flag.id), who).toEqual(await missing(c, 'POST'));
      expect((await answer(c, 'GET', flag.id)).status).toBe(404);
    }
    expect((await officer.post(path, { body: '   ' })).status).toBe(400);
    expect(((await a.get(path)).body as { comments: unknown[] }).comments).toHaveLength(3);
  });

  it('on a restricted indicator: a partner not cleared for it gets "not found", and only cleared clerks are told', async () => {
    await createUser(
      t.db,
      { email: CLEARED_CLERK, name: 'Cleared clerk', role: 'partner', organisation: 'ORG_A', clearance: 'restricted', password: PASSWORD },
      null,
    );
    // An ORG_A draft value of the restricted SECRET_IND with a warning on it.
    const template = await t.db.selectFrom('data_value').selectAll().where('organisation_id', '=', orgIds.ORG_A!).executeTakeFirstOrThrow();
    const secret = await t.db.selectFrom('indicator').select('id').where('code', '=', 'SECRET_IND').executeTakeFirstOrThrow();
    const { id: _id, ...row } = template;
    const value = await t.db
      .insertInto('data_value')
      .values({ ...row, indicator_id: secret.id, disagg: '', status: 'draft' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const flag = await t.db
      .insertInto('value_flag')
      .values({
        value_id: value.id,
        rule_code: 'SECRET_HIGH',
        kind: 'range',
        value: row.value,
        expected: '{"max":1}',
        message: 'too high',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `/api/value-flags/${flag.id}/comments`;

    const a = await as('partnerA');
    expect(await answer(a, 'GET', flag.id)).toEqual(await missing(a, 'GET'));
    expect(await answer(a, 'POST', flag.id)).toEqual(await missing(a, 'POST'));
    const officer = await as('officer');
    expect((await officer.post(path, { body: 'Please check the secret figure.' })).status).toBe(201);
    const cleared = new TestClient(app);
    await cleared.signIn(CLEARED_CLERK, PASSWORD);
    expect((await cleared.get(path)).status).toBe(200);
    expect(await flagCommentsOf(cleared)).toEqual([
      expect.objectContaining({ params: expect.objectContaining({ comment: 'Please check the secret figure.' }) }),
    ]);
    expect((await flagCommentsOf(a)).map((n) => n.params.comment)).not.toContain('Please check the secret figure.');
    // The cleared clerk answers: the officers hear of it.
    expect((await cleared.post(path, { body: 'Checked: it stands.' })).status).toBe(201);
    expect((await flagCommentsOf(officer)).map((n) => n.params.comment)).toContain('Checked: it stands.');
  });
});

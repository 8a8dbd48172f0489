import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import type { UserKey } from '../../../test/helpers/access-fixture.js';
import type { App } from '../../server/app.js';
import type { Db } from '../../db/database.js';
import { DQA_STANDARDS, DQA_TEXT_MAX } from '../../core/dqa.js';
import { lastDqa, lastDqas, type DqaView } from './dqa-read.service.js';

let app: App;
let db: Db;
withAccessApp(
  (env) =>
    ({
      app,
      t: { db },
    } = env),
);

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);
const allMet = Object.fromEntries(DQA_STANDARDS.map((s) => [s, { rating: 'met' }]));

function dqaBody(overrides: Record<string, unknown> = {}) {
  return {
    indicator: 'SUM_IND',
    date: '2014-05-20',
    assessor_name: 'M&E team, program office',
    language: 'en',
    standards: { ...allMet, precision: { rating: 'partly_met', notes: 'District totals are rounded to 10 ha.' } },
    limitations: 'Survey imagery covers only the main valleys.',
    actions: [
      { text: 'Ask the source for unrounded district totals', owner_name: 'Data officer', due_date: '2014-09-30' },
      { text: 'Document the survey coverage in the PIRS', owner_name: 'M&E specialist', due_date: '2014-07-31', status: 'done', status_date: '2014-07-15' },
    ],
    ...overrides,
  };
}

async function indicatorIds(): Promise<Record<string, number>> {
  const rows = await db.selectFrom('indicator').select(['id', 'code']).execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}

async function dqaCount(c: TestClient): Promise<number> {
  return ((await c.get('/api/programs/XX/dqa')).body as { dqas: unknown[] }).dqas.length;
}

describe('data quality assessments over HTTP', () => {
  it('an officer records a DQA; it is listed per indicator, audited, and its open actions are what lastDqa gives', async () => {
    const officer = await as('officer');
    const r = await officer.post('/api/programs/XX/dqa', dqaBody());
    expect(r.status).toBe(201);
    const created = r.body as DqaView;
    expect(created).toMatchObject({
      indicator: 'SUM_IND',
      date: '2014-05-20',
      result: 'partly_met',
      assessor: { user_id: null, name: 'M&E team, program office' },
    });
    expect(created.standards.map((s) => s.standard)).toEqual([...DQA_STANDARDS]);
    expect(created.actions.map((a) => a.status)).toEqual(['open', 'done']);

    const listed = (await officer.get('/api/programs/XX/dqa?indicator=SUM_IND')).body as { dqas: DqaView[] };
    expect(listed.dqas.map((d) => d.id)).toEqual([created.id]);
    expect(((await officer.get('/api/programs/XX/dqa?indicator=LATEST_IND')).body as { dqas: DqaView[] }).dqas).toEqual([]);
    expect((await officer.get(`/api/programs/XX/dqa/${created.id}`)).body).toEqual(created);

    // A later DQA of the same indicator becomes the last one.
    const later = (await officer.post('/api/programs/XX/dqa', dqaBody({ date: '2015-03-01', standards: allMet, actions: [] }))).body as DqaView;
    const indicatorId = (await db.selectFrom('indicator').select('id').where('code', '=', 'SUM_IND').executeTakeFirstOrThrow()).id;
    expect((await lastDqa(db, indicatorId))?.dqa.id).toBe(later.id);
    expect((await officer.request('DELETE', `/api/programs/XX/dqa/${later.id}`)).status).toBe(204);

    const last = await lastDqa(db, indicatorId);
    expect(last?.dqa.id).toBe(created.id);
    expect(last?.open_actions.map((a) => a.text)).toEqual(['Ask the source for unrounded district totals']);

    // Closing the action: it is no longer open, dated today unless a date is given.
    const open = created.actions[0]!;
    const closed = await officer.request('PATCH', `/api/programs/XX/dqa/${created.id}/actions/${open.id}`, { status: 'done', status_date: '2014-10-02' });
    expect(closed.status).toBe(200);
    expect((closed.body as DqaView).actions[0]).toMatchObject({ status: 'done', status_date: '2014-10-02' });
    expect((await lastDqa(db, indicatorId))?.open_actions).toEqual([]);

    const added = await officer.post(`/api/programs/XX/dqa/${created.id}/actions`, {
      text: 'Re-check in 2015',
      owner_name: 'Data officer',
      due_date: '2015-01-31',
    });
    expect(added.status).toBe(201);
    expect((await lastDqa(db, indicatorId))?.open_actions.map((a) => a.text)).toEqual(['Re-check in 2015']);
    const book = await lastDqas(db, [indicatorId, ...Object.values(await indicatorIds())]);
    expect([...book.keys()]).toEqual([indicatorId]);
    expect(book.get(indicatorId)).toEqual(await lastDqa(db, indicatorId));

    const changed = await officer.request('PATCH', `/api/programs/XX/dqa/${created.id}`, { standards: { precision: { rating: 'met' } }, limitations: '' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ result: 'met', limitations: null });

    const audit = (await officer.get(`/api/audit?entity=dqa&entity_id=${created.id}`)).body as { events: { action: string }[] };
    expect(audit.events.map((e) => e.action).sort()).toEqual(['create', 'update', 'update', 'update']);
  });

  it('an assessor and action owners may be users; an unknown user is refused', async () => {
    const officer = await as('officer');
    const me = ((await officer.get('/api/auth/me')).body as { user: { id: number; name: string } }).user;
    const r = await officer.post(
      '/api/programs/XX/dqa',
      dqaBody({
        indicator: 'SPLIT_IND',
        assessor_name: undefined,
        assessor_user_id: me.id,
        actions: [{ text: 'x', owner_user_id: me.id, due_date: '2014-06-01' }],
      }),
    );
    expect(r.status).toBe(201);
    expect((r.body as DqaView).assessor).toEqual({ user_id: me.id, name: me.name });
    expect((r.body as DqaView).actions[0]?.owner).toEqual({ user_id: me.id, name: me.name });
    const bad = await officer.post('/api/programs/XX/dqa', dqaBody({ assessor_user_id: 999_999 }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('assessor_user_id');
  });

  it('partners and analysts may read but never create, change or delete a DQA', async () => {
    const officer = await as('officer');
    const made = (await officer.post('/api/programs/XX/dqa', dqaBody({ date: '2013-01-10' }))).body as DqaView;
    for (const who of ['partnerA', 'analyst'] as const) {
      const c = await as(who);
      const before = await dqaCount(officer);
      expect((await c.post('/api/programs/XX/dqa', dqaBody())).status).toBe(403);
      expect((await c.request('PATCH', `/api/programs/XX/dqa/${made.id}`, { limitations: 'mine now' })).status).toBe(403);
      expect((await c.request('PATCH', `/api/programs/XX/dqa/${made.id}/actions/${made.actions[0]!.id}`, { status: 'dropped' })).status).toBe(403);
      expect((await c.post(`/api/programs/XX/dqa/${made.id}/actions`, { text: 'x', owner_name: 'y', due_date: '2014-01-01' })).status).toBe(403);
      expect((await c.request('DELETE', `/api/programs/XX/dqa/${made.id}`)).status).toBe(403);
      expect(await dqaCount(officer)).toBe(before);
      expect((await c.get(`/api/programs/XX/dqa/${made.id}`)).body).toEqual((await officer.get(`/api/programs/XX/dqa/${made.id}`)).body);
    }
    expect((await new TestClient(app).get('/api/programs/XX/dqa')).status).toBe(401);
  });

  it('a DQA of a restricted indicator is hidden from readers not cleared for it', async () => {
    const officer = await as('officer');
    const made = (await officer.post('/api/programs/XX/dqa', dqaBody({ indicator: 'SECRET_IND', actions: [] }))).body as DqaView;
    const partner = await as('partnerA');
    expect((await partner.get(`/api/programs/XX/dqa/${made.id}`)).status).toBe(404);
    expect(((await partner.get('/api/programs/XX/dqa')).body as { dqas: DqaView[] }).dqas.some((d) => d.indicator === 'SECRET_IND')).toBe(false);
    expect((await partner.get('/api/programs/XX/dqa?indicator=SECRET_IND')).status).toBe(400);
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const officer = await as('officer');
    const before = await dqaCount(officer);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ indicator: 'NOPE' }, 'indicator'],
      [{ date: '2014-02-30' }, 'date'],
      [{ date: '20 May 2014' }, 'date'],
      [{ limitations: 'x'.repeat(DQA_TEXT_MAX + 1) }, 'limitations'],
      [{ standards: { ...allMet, validity: { rating: 'mostly' } } }, 'validity'],
      [{ standards: { validity: { rating: 'met' } } }, 'integrity'],
      [{ actions: [{ text: 'late', owner_name: 'A', due_date: '2014-05-19' }] }, 'actions[0].due_date'],
      [{ actions: [{ text: 'x', owner_name: 'A', due_date: '2014-13-01' }] }, 'due_date'],
      [{ actions: [{ text: 'no owner', due_date: '2014-06-01' }] }, 'actions[0].owner_name'],
      [{ actions: [{ text: 'x', owner_name: 'A', due_date: '2014-06-01', status: 'finished' }] }, 'status'],
      [{ assessor_name: undefined }, 'assessor_name'],
    ];
    for (const [change, field] of cases) {
      const r = await officer.post('/api/programs/XX/dqa', dqaBody(change));
      expect(r.status, field).toBe(400);
      expect(JSON.stringify(r.body), field).toContain(field);
    }
    expect(await dqaCount(officer)).toBe(before);

    const made = (
      await officer.post('/api/programs/XX/dqa', dqaBody({ date: '2012-06-01', actions: [{ text: 'x', owner_name: 'A', due_date: '2012-07-01' }] }))
    ).body as DqaView;
    const moved = await officer.request('PATCH', `/api/programs/XX/dqa/${made.id}`, { date: '2012-08-01' });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toContain('date');
    const earlyStatus = await officer.request('PATCH', `/api/programs/XX/dqa/${made.id}/actions/${made.actions[0]!.id}`, {
      status: 'done',
      status_date: '2012-05-01',
    });
    expect(earlyStatus.status).toBe(400);
    expect(JSON.stringify(earlyStatus.body)).toContain('status_date');
    expect((await officer.request('PATCH', `/api/programs/XX/dqa/${made.id}`, { notes: 'x' })).status).toBe(400);
    expect((await officer.request('PATCH', `/api/programs/XX/dqa/${made.id}`, {})).status).toBe(400);
    expect((await officer.get(`/api/programs/XX/dqa/${made.id}`)).body).toEqual(made);
    expect((await officer.get('/api/programs/XX/dqa/999999')).status).toBe(404);
    expect((await officer.request('PATCH', `/api/programs/XX/dqa/${made.id}/actions/999999`, { status: 'done' })).status).toBe(404);
    expect((await officer.get('/api/programs/NOPE/dqa')).status).toBe(404);
  });
});

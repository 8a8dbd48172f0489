/**
 * Validation rules over HTTP: officers and administrators manage them (audited), partners may
 * not; a bad rule is a 400 naming the field; a value breaking an error rule is a 400 with
 * `"error": "validation"` naming the rule; a warning is shown on the value's submission, and the
 * submission is approved only once each warning is acknowledged with a comment.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import type { UserKey } from '../../../test/helpers/access-fixture.js';
import type { App } from '../../server/app.js';
import type { TestDb } from '../../../test/helpers/test-db.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);
const RULES = '/api/programs/XX/validation-rules';
type Details = Array<Record<string, unknown>>;

describe('validation rules over HTTP', () => {
  it('officers create, change and delete rules (audited); partners may not; everyone with data access lists them', async () => {
    const officer = await as('officer');
    const partner = await as('partnerA');
    const rule = { code: 'SPLIT_MAX', kind: 'range', indicator: 'SPLIT_IND', max: 1000, severity: 'error' };
    expect((await partner.post(RULES, rule)).status).toBe(403);
    const created = await officer.post(RULES, rule);
    expect(created.status).toBe(201);
    expect((await officer.post(RULES, rule)).status).toBe(409);
    const changed = await officer.request('PUT', `${RULES}/SPLIT_MAX`, { ...rule, max: 100 });
    expect(changed.status).toBe(200);
    const list = await partner.get(RULES);
    expect(list.status).toBe(200);
    expect((list.body as { rules: unknown[] }).rules).toEqual([{ ...rule, max: 100 }]);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'entity']).where('entity', '=', 'quality_rule').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect((await officer.request('DELETE', `${RULES}/SPLIT_MAX`)).status).toBe(204);
    expect((await officer.request('DELETE', `${RULES}/SPLIT_MAX`)).status).toBe(404);
    // Each change is in the audit trail with what the rule was and became.
    const trail = await t.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('entity', '=', 'quality_rule').orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
    expect(json(trail[1]?.before)).toEqual(rule);
    expect(json(trail[1]?.after)).toEqual({ ...rule, max: 100 });
    expect(json(trail[2]?.before)).toEqual({ ...rule, max: 100 });
    expect(trail[2]?.after ?? null).toBeNull();
  });

  it('refuses an unknown indicator, a malformed relation and a circular one, naming the field', async () => {
    const officer = await as('officer');
    const unknown = await officer.post(RULES, { code: 'U', kind: 'whole', indicator: 'NOPE' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as { details: Details }).details[0]).toMatchObject({ column: 'indicator', value: 'NOPE' });
    for (const [relation, reason] of [
      ['SPLIT_IND <=', /end of formula/],
      ['SPLIT_IND[kind=x] = SPLIT_IND', /==/],
      ['SPLIT_IND', /no comparison/],
      ['SPLIT_IND <= SPLIT_IND * 2', /circular/],
      ['SPLIT_IND[kind=q] <= SPLIT_IND', /not an option/],
      ['SUM_IND <= SPLIT_IND', /several sources/],
    ] as const) {
      const r = await officer.post(RULES, { code: 'R', kind: 'relation', relation });
      expect(r.status, relation).toBe(400);
      const d = (r.body as { details: Details }).details[0];
      expect(d?.column, relation).toBe('relation');
      expect(String(d?.reason), relation).toMatch(reason);
    }
    const noLimit = await officer.post(RULES, { code: 'R', kind: 'range', indicator: 'SPLIT_IND' });
    expect(noLimit.status).toBe(400);
  });

  it('a write breaking an error rule answers 400 "validation" naming the rule; a warning is flagged, blocks approval until acknowledged', async () => {
    const officer = await as('officer');
    const partner = await as('partnerA');
    expect((await officer.post(RULES, { code: 'SPLIT_MAX', kind: 'range', indicator: 'SPLIT_IND', max: 100 })).status).toBe(201);
    expect((await officer.post(RULES, { code: 'SPLIT_HIGH', kind: 'range', indicator: 'SPLIT_IND', max: 50, severity: 'warning' })).status).toBe(201);
    const put = (value: number, period = '201601') =>
      partner.request('PUT', '/api/programs/XX/values', { indicator: 'SPLIT_IND', place: 'R1D1', period, disagg: 'kind=x', value, version: 0 });
    const refused = await put(500);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'validation', details: [{ rule: 'SPLIT_MAX', value: 500, limit: 100 }] });
    const batch = await partner.post('/api/programs/XX/values/batch', {
      values: [{ indicator: 'SPLIT_IND', place: 'R1D2', period: '201601', disagg: 'kind=x', value: 101 }],
    });
    expect(batch.status).toBe(400);
    expect((batch.body as { details: Details }).details[0]).toMatchObject({ rule: 'SPLIT_MAX' });

    const warned = await put(60);
    expect(warned.status).toBe(200);
    expect(warned.body).toMatchObject({ flags: [{ rule: 'SPLIT_HIGH', value: 60, expected: 50, acknowledged: false }] });
    const listed = await partner.get('/api/programs/XX/values?indicator=SPLIT_IND&period=201601');
    expect((listed.body as { values: Array<{ flags: unknown[] }> }).values[0]?.flags).toHaveLength(1);
    const sub = await partner.post('/api/programs/XX/submissions', { period: '2016Q1' });
    expect(sub.status).toBe(201);
    const { id, version } = sub.body as { id: number; version: number };
    const detail = await partner.get(`/api/submissions/${id}/values`);
    const [value] = (detail.body as { values: Array<{ flags: Array<{ id: number; rule: string; expected: unknown; acknowledged: boolean }> }> }).values;
    expect(value?.flags).toEqual([expect.objectContaining({ rule: 'SPLIT_HIGH', expected: 50, acknowledged: false })]);
    const flagId = value!.flags[0]!.id;

    // The open warnings of the period, as each reader may see them.
    type Listed = { flags: Array<{ id: number; indicator: string; place: string; period: string; rule: string }> };
    const open = (await officer.get('/api/programs/XX/value-flags?period=201601&open=true')).body as Listed;
    expect(open.flags).toEqual([expect.objectContaining({ id: flagId, indicator: 'SPLIT_IND', place: 'R1D1', period: '201601', rule: 'SPLIT_HIGH' })]);
    expect(((await partner.get('/api/programs/XX/value-flags')).body as Listed).flags.map((f) => f.id)).toEqual([flagId]);
    expect(((await (await as('partnerB')).get('/api/programs/XX/value-flags')).body as Listed).flags).toEqual([]);

    const early = await officer.post(`/api/submissions/${id}/approve`, { version });
    expect(early.status).toBe(409);
    expect((early.body as { details: Details }).details[0]).toMatchObject({ rule: 'SPLIT_HIGH', value: flagId });
    expect((await partner.post(`/api/value-flags/${flagId}/acknowledge`, { comment: 'ok' })).status).toBe(403);
    expect((await officer.post(`/api/value-flags/${flagId}/acknowledge`, { comment: ' ' })).status).toBe(400);
    const ack = await officer.post(`/api/value-flags/${flagId}/acknowledge`, { comment: 'Confirmed with the agency: a large campaign.' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ acknowledged: true, comment: 'Confirmed with the agency: a large campaign.' });
    expect((await officer.post(`/api/value-flags/${flagId}/acknowledge`, { comment: 'again' })).status).toBe(409);
    expect(((await officer.get('/api/programs/XX/value-flags?open=true')).body as Listed).flags).toEqual([]);
    expect((await officer.post('/api/value-flags/999999/acknowledge', { comment: 'x' })).status).toBe(404);
    // A relation's limit comes from other values: a partner is told which rule, not the figures.
    expect((await officer.post(RULES, { code: 'X_LE_TOTAL', kind: 'relation', relation: 'SPLIT_IND[kind=x] <= SPLIT_IND' })).status).toBe(201);
    const total = { indicator: 'SPLIT_IND', place: 'R2D2', period: '201602', value: 10, version: 0 };
    expect((await officer.request('PUT', '/api/programs/XX/values', total)).status).toBe(200);
    const part = { indicator: 'SPLIT_IND', place: 'R2D2', period: '201602', disagg: 'kind=x', value: 12, version: 0 };
    const toPartner = await partner.request('PUT', '/api/programs/XX/values', part);
    expect(toPartner.status).toBe(400);
    const hidden = (toPartner.body as { details: Details }).details[0]!;
    expect(hidden).toMatchObject({ rule: 'X_LE_TOTAL' });
    expect(hidden).not.toHaveProperty('limit');
    expect(JSON.stringify(toPartner.body)).not.toContain('10');
    const toOfficer = await officer.request('PUT', '/api/programs/XX/values', { ...part, organisation: 'ORG_A' });
    expect((toOfficer.body as { details: Details }).details[0]).toMatchObject({ rule: 'X_LE_TOTAL', limit: 10 });

    const approved = await officer.post(`/api/submissions/${id}/approve`, { version });
    expect(approved.status).toBe(200);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'value_flag').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('acknowledge');
  });
});

import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import { USERS, type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';
import { MAX_REFERENCE_TEXT, REASON_REQUIRED, REQUIRED_PIRS_FIELDS } from '../../core/reference-sheet.js';

interface Sheet {
  unit: string;
  responsible_user_name: string | null;
  reference: Record<string, unknown>;
  completeness: { filled: number; required: number; missing: string[]; untranslated: string[] };
  last_updated: string | null;
  history: { at: string; field: string; before: unknown; after: unknown; reason: string; by: string; user_id: number | null }[];
}
interface Problem {
  error: string;
  details: { column: string; reason: string }[];
}

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);
const PATH = '/api/programs/XX/indicators/SUM_IND/reference';
const sheet = async (c: TestClient, path = PATH) => (await c.get(path)).body as Sheet;
const indicatorEvents = async (c: TestClient) =>
  ((await c.get('/api/audit?entity=indicator')).body as { events: { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[] })
    .events;
const columns = (body: unknown) => (body as Problem).details.map((d) => d.column);

describe(`an indicator's reference sheet over HTTP (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('starts empty: every required reference field is missing, unit and sources count as filled', async () => {
    const s = await sheet(new TestClient(app));
    expect(s.reference).toEqual({});
    expect(s.completeness.required).toBe(REQUIRED_PIRS_FIELDS.length);
    expect(s.completeness.filled).toBe(2);
    expect(s.completeness.missing).toContain('definition');
    expect(s.completeness.missing).not.toContain('unit');
    expect(s.history).toEqual([]);
    expect(s.last_updated).toBeNull();
  });

  it('refuses a change of the unit or of a reference field without a reason (400 naming reason), storing nothing', async () => {
    const officer = await as('officer');
    const eventsBefore = (await indicatorEvents(officer)).length;
    for (const body of [{ unit: 'ha' }, { definition: { en: 'Things counted' } }, { unit: 'ha', reason: '   ' }, { definition: { en: 'x' }, reason: '' }]) {
      const r = await officer.request('PATCH', PATH, body);
      expect(r.status).toBe(400);
      expect(columns(r.body)).toContain('reason');
      expect((r.body as Problem).details.find((d) => d.column === 'reason')?.reason).toBe(REASON_REQUIRED);
    }
    const s = await sheet(officer);
    expect(s.unit).toBe('count');
    expect(s.reference).toEqual({});
    expect(s.history).toEqual([]);
    expect(await indicatorEvents(officer)).toHaveLength(eventsBefore);
  });

  it('with a reason, a unit change and a reference change are in the history and in the audit trail', async () => {
    const officer = await as('officer');
    const r = await officer.request('PATCH', PATH, { unit: 'ha', reason: 'the partner reports hectares, not counts' });
    expect(r.status).toBe(200);
    expect((r.body as Sheet).unit).toBe('ha');
    const r2 = await officer.request('PATCH', PATH, {
      definition: { en: 'Hectares <b>treated</b>', es: 'Hectáreas tratadas' },
      responsible_person: { name: 'M. Quispe' },
      reason: 'first definition',
    });
    expect(r2.status).toBe(200);
    const s = await sheet(await as('partnerA'));
    // Stored as given (rendering escapes it), read by anyone who may read the indicator.
    expect(s.reference).toEqual({ definition: { en: 'Hectares <b>treated</b>', es: 'Hectáreas tratadas' }, responsible_person: { name: 'M. Quispe' } });
    expect(s.history).toEqual([
      expect.objectContaining({ field: 'unit', before: 'count', after: 'ha', reason: 'the partner reports hectares, not counts', by: USERS.officer }),
      expect.objectContaining({
        field: 'definition',
        before: null,
        after: { en: 'Hectares <b>treated</b>', es: 'Hectáreas tratadas' },
        reason: 'first definition',
      }),
      expect.objectContaining({ field: 'responsible_person', before: null, after: { name: 'M. Quispe' }, reason: 'first definition' }),
    ]);
    expect(s.last_updated).toBe(s.history[2]!.at);
    expect(s.completeness.missing).not.toContain('definition');
    expect(s.completeness.missing).not.toContain('responsible_person');
    const events = await indicatorEvents(officer);
    expect(events[0]).toMatchObject({
      action: 'update',
      before: { definition: null },
      after: { reason: 'first definition', responsible_person: { name: 'M. Quispe' } },
    });
    expect(events[1]).toMatchObject({
      action: 'update',
      before: { code: 'SUM_IND', unit: 'count' },
      after: { unit: 'ha', reason: 'the partner reports hectares, not counts' },
    });
  });

  it('changes only the languages given; a field given as it stands changes nothing', async () => {
    const officer = await as('officer');
    const r = await officer.request('PATCH', PATH, { definition: { es: 'Hectáreas tratadas' }, unit: 'ha', reason: 'no-op' });
    expect(r.status).toBe(200);
    expect((r.body as Sheet).history).toHaveLength(3);
    await officer.request('PATCH', PATH, { definition: { en: 'Hectares treated' }, reason: 'plain text' });
    const s = await sheet(officer);
    expect(s.reference.definition).toEqual({ en: 'Hectares treated', es: 'Hectáreas tratadas' });
    expect(s.history.at(-1)).toMatchObject({ field: 'definition', before: { en: 'Hectares <b>treated</b>' }, reason: 'plain text' });
  });

  it('refuses a text over 10,000 characters, an unknown field, control characters and an unknown user, naming the field and storing nothing', async () => {
    const officer = await as('officer');
    const before = await sheet(officer);
    const long = await officer.request('PATCH', PATH, { rationale: { es: 'x'.repeat(MAX_REFERENCE_TEXT + 1) }, reason: 'too long' });
    expect(long.status).toBe(400);
    expect(columns(long.body)).toEqual(['rationale.es']);
    const atLimit = await officer.request('PATCH', '/api/programs/XX/indicators/LATEST_IND/reference', {
      rationale: { es: 'x'.repeat(MAX_REFERENCE_TEXT) },
      reason: 'at the limit',
    });
    expect(atLimit.status).toBe(200);
    const unknown = await officer.request('PATCH', PATH, { definiton: { en: 'typo' }, reason: 'typo' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ details: [{ column: 'definiton', reason: 'unknown field' }] });
    const control = await officer.request('PATCH', PATH, { notes: { en: 'bell\u0007' }, reason: 'control' });
    expect(control.status).toBe(400);
    expect(columns(control.body)).toEqual(['notes.en']);
    const nobody = await officer.request('PATCH', PATH, { responsible_person: { user_id: 999_999 }, reason: 'who?' });
    expect(nobody.status).toBe(400);
    expect(columns(nobody.body)).toEqual(['responsible_person.user_id']);
    const badAgg = await officer.request('PATCH', PATH, { agg_time: 'median', reason: 'bad' });
    expect(badAgg.status).toBe(400);
    expect(columns(badAgg.body)).toEqual(['agg_time']);
    expect(await sheet(officer)).toEqual(before);
  });

  it('partners and analysts may not change a sheet (403); an administrator may, and a user may be the responsible person', async () => {
    for (const who of ['partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PATCH', PATH, { notes: { en: 'mine' }, reason: 'because' })).status).toBe(403);
    }
    expect((await new TestClient(app).request('PATCH', PATH, { notes: { en: 'anon' }, reason: 'because' })).status).toBe(401);
    const admin = await as('admin');
    const officerId = (await t.db.selectFrom('app_user').select('id').where('email', '=', USERS.officer).executeTakeFirstOrThrow()).id;
    const r = await admin.request('PATCH', PATH, { responsible_person: { user_id: officerId }, reason: 'the officer owns it now' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ reference: { responsible_person: { user_id: officerId } }, responsible_user_name: expect.any(String) });
    expect((await sheet(admin)).reference.notes).toBeUndefined();
    // Signed out, the sheet says what changed and why, not which account changed it.
    const anonymous = await sheet(new TestClient(app));
    expect(anonymous.responsible_user_name).toBeNull();
    expect(anonymous.history.every((h) => h.by === '' && h.user_id === null)).toBe(true);
    expect(anonymous.history.at(-1)).toMatchObject({ field: 'responsible_person', reason: 'the officer owns it now' });
  });

  it('an indicator the reader may not read does not exist for them; an unknown one is 404', async () => {
    const partner = await as('partnerA');
    expect((await partner.get('/api/programs/XX/indicators/SECRET_IND/reference')).status).toBe(404);
    expect((await (await as('officer')).get('/api/programs/XX/indicators/SECRET_IND/reference')).status).toBe(200);
    expect((await partner.get('/api/programs/XX/indicators/NOPE/reference')).status).toBe(404);
    expect((await (await as('officer')).request('PATCH', '/api/programs/XX/indicators/NOPE/reference', { notes: { en: 'x' }, reason: 'x' })).status).toBe(404);
  });

  it('the program completeness adds up the readable indicators', async () => {
    const r = await (await as('officer')).get('/api/programs/XX/reference-completeness');
    expect(r.status).toBe(200);
    const body = r.body as { filled: number; required: number; percent: number; indicators: { indicator: string; filled: number; required: number }[] };
    expect(body.indicators.map((i) => i.indicator)).toContain('SECRET_IND');
    expect(body.filled).toBe(body.indicators.reduce((s, i) => s + i.filled, 0));
    expect(body.required).toBe(REQUIRED_PIRS_FIELDS.length * body.indicators.length);
    expect(body.percent).toBeCloseTo((100 * body.filled) / body.required, 1);
    const sum = body.indicators.find((i) => i.indicator === 'SUM_IND')!;
    expect(sum.filled).toBe(4); // unit, sources, definition, responsible person
    const pub = (await new TestClient(app).get('/api/programs/XX/reference-completeness')).body as typeof body;
    expect(pub.indicators.map((i) => i.indicator)).not.toContain('SECRET_IND');
  });
});

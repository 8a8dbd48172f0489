/**
 * A program's design over HTTP (issue 17, acceptance 3 and 4, API half): a program created
 * from nothing, designed (framework, indicators with a formula, a dimension), given values,
 * renders its progress report; then design changes keep every value — an option renamed and
 * retired, a dimension added to an indicator with values, an indicator with values retired —
 * with analytics totals unchanged, retired things marked, new data refused with a 400 naming
 * what is retired, and deletes of things in use refused with a 409 naming what uses them.
 * Bad input is a 4xx naming the field, nothing stored. Runs on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import type { App } from '../../server/app.js';
import type { TestDb } from '../../../test/helpers/test-db.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const D = '/api/programs/DS/design';
type Body = Record<string, unknown>;
type Design = { framework: Body[]; dimensions: Array<Body & { options: Body[] }>; indicators: Body[] };
const details = (r: { body: unknown }) => (r.body as { details: Body[] }).details;

const indicator = (code: string, extra: Body = {}) => ({
  component: 'C1',
  name: { en: `${code} en`, es: `${code} es` },
  unit: 'people',
  direction: 'up',
  agg_time: 'sum',
  agg_place: 'sum',
  sensitivity: 'public',
  origin: 'reported',
  ...extra,
});

async function total(c: TestClient, ind: string, by = ''): Promise<Array<{ value: number; disagg?: Record<string, string | null> }>> {
  const r = await c.get(`/api/analytics?program=DS&indicator=${ind}&from=2013&to=2013${by ? `&by=${by}` : ''}`);
  expect(r.status).toBe(200);
  return (r.body as { rows: Array<{ value: number; disagg?: Record<string, string | null> }> }).rows;
}

async function put(c: TestClient, path: string, body: Body, status = 200) {
  const r = await c.request('PUT', path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

describe('a program designed over the API', () => {
  it('is created, designed, given values, and renders its progress report', async () => {
    const admin = await signedInAs(app, 'admin');
    const officer = await signedInAs(app, 'officer');
    const program = { code: 'DS', name: { en: 'Design test', es: 'Prueba de diseño' }, country: 'CO', fiscal_year_start_month: 1, currency: 'USD' };
    expect((await officer.post('/api/programs', program)).status).toBe(403);
    expect((await admin.post('/api/programs', program)).status).toBe(201);
    const dup = await admin.post('/api/programs', program);
    expect(dup.status).toBe(409);
    expect(details(dup)[0]).toMatchObject({ column: 'code', value: 'DS' });
    const bad = await admin.post('/api/programs', { ...program, code: 'D S!' });
    expect(bad.status).toBe(400);
    expect(details(bad)[0]).toMatchObject({ column: 'code' });

    await put(officer, `${D}/framework/G1`, { kind: 'goal', name_en: 'Safer communities', name_es: 'Comunidades más seguras' });
    await put(officer, `${D}/framework/C1`, { kind: 'component', parent: 'G1', name_en: 'Prevention', name_es: 'Prevención' });
    await put(officer, `${D}/dimensions/sex`, {
      name: { en: 'Sex', es: 'Sexo' },
      options: [
        { code: 'f', name: { en: 'Female', es: 'Mujer' } },
        { code: 'm', name: { en: 'Male', es: 'Hombre' } },
      ],
    });
    await put(officer, `${D}/indicators/TRAINED`, indicator('TRAINED', { dimensions: ['sex'] }));
    await put(officer, `${D}/indicators/REACHED`, indicator('REACHED'));
    await put(officer, `${D}/indicators/TOTAL`, indicator('TOTAL', { origin: 'formula', formula: 'TRAINED + REACHED' }));
    expect((await admin.post('/api/programs/DS/places', { code: 'CO', name: 'Colombia' })).status).toBe(201);

    for (const [ind, disagg, value] of [
      ['TRAINED', 'sex=f', 30],
      ['TRAINED', 'sex=m', 20],
      ['REACHED', '', 100],
    ] as const) {
      const r = await admin.request('PUT', '/api/programs/DS/values', {
        indicator: ind,
        place: 'CO',
        period: '2013',
        value,
        version: 0,
        ...(disagg ? { disagg } : {}),
        status: 'approved',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect((await total(admin, 'TOTAL'))[0]?.value).toBe(150);
    const report = await admin.get('/api/reports/progress?program=DS&period=2013&format=md');
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(String(report.body)).toMatch(/TRAINED en[\s\S]*50/);

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'entity', 'entity_id'])
      .where('entity', 'in', ['program', 'framework_node', 'dimension', 'indicator'])
      .execute();
    expect(audit.map((a) => `${a.action} ${a.entity} ${a.entity_id}`)).toEqual(
      expect.arrayContaining(['create program DS', 'create framework_node G1', 'create dimension sex', 'create indicator TOTAL']),
    );
  });

  it('refuses bad designs with a 4xx naming the field, storing nothing', async () => {
    const officer = await signedInAs(app, 'officer');
    const self = await officer.request('PUT', `${D}/indicators/LOOP`, indicator('LOOP', { origin: 'formula', formula: 'LOOP + 1' }));
    expect(self.status).toBe(400);
    expect(details(self)[0]).toMatchObject({ column: 'formula', reason: expect.stringMatching(/circle/) });
    // A circle through an indicator already stored is found too.
    const circle = await officer.request(
      'PUT',
      `${D}/indicators/TRAINED`,
      indicator('TRAINED', { dimensions: ['sex'], origin: 'formula', formula: 'TOTAL * 2' }),
    );
    expect(circle.status).toBe(400);
    expect(details(circle)[0]).toMatchObject({ column: 'formula' });
    const goal = await officer.request('PUT', `${D}/indicators/X`, indicator('X', { component: 'G1' }));
    expect(goal.status).toBe(400);
    expect(details(goal)[0]).toMatchObject({ column: 'component', value: 'G1' });
    const dim = await officer.request('PUT', `${D}/indicators/X`, indicator('X', { dimensions: ['age'] }));
    expect(details(dim)[0]).toMatchObject({ column: 'dimensions[0]', value: 'age' });
    const unknownProgram = await officer.request('PUT', '/api/programs/NOPE/design/framework/G9', { kind: 'goal', name_en: 'a', name_es: 'b' });
    expect(unknownProgram.status).toBe(404);
    const lastOption = await officer.request('PUT', `${D}/dimensions/sex`, {
      name: { en: 'Sex', es: 'Sexo' },
      options: [
        { code: 'f', name: { en: 'Female', es: 'Mujer' }, retired: true },
        { code: 'm', name: { en: 'Male', es: 'Hombre' }, retired: true },
      ],
    });
    expect(lastOption.status).toBe(400);
    expect(details(lastOption)[0]).toMatchObject({ column: 'options[1].retired' });
    const partner = await signedInAs(app, 'partnerA');
    expect((await partner.request('PUT', `${D}/framework/G2`, { kind: 'goal', name_en: 'a', name_es: 'b' })).status).toBe(403);
    const design = (await officer.get(D)).body as Design;
    expect(design.indicators.map((i) => i.code)).toEqual(['TRAINED', 'REACHED', 'TOTAL']);
    expect(design.indicators.find((i) => i.code === 'TRAINED')).toMatchObject({ origin: 'reported', formula: null });
    expect(design.dimensions[0]?.options.every((o) => o.retired === false)).toBe(true);
  });

  it('keeps every value through option, dimension and indicator changes; refuses deleting what is in use', async () => {
    const officer = await signedInAs(app, 'officer');
    const admin = await signedInAs(app, 'admin');
    const before = { trained: await total(admin, 'TRAINED'), reached: await total(admin, 'REACHED'), total: await total(admin, 'TOTAL') };
    const values = await t.db.selectFrom('data_value').select(['indicator_id', 'disagg', 'value']).orderBy('id').execute();

    // Rename option f and retire m: both in use.
    await put(officer, `${D}/dimensions/sex`, {
      name: { en: 'Sex', es: 'Sexo' },
      options: [
        { code: 'f', name: { en: 'Women', es: 'Mujeres' } },
        { code: 'm', name: { en: 'Male', es: 'Hombre' }, retired: true },
      ],
    });
    // Add a dimension to an indicator with values; retire an indicator with values.
    await put(officer, `${D}/dimensions/age`, { name: { en: 'Age', es: 'Edad' }, options: [{ code: 'young', name: { en: 'Under 30', es: 'Menores de 30' } }] });
    await put(officer, `${D}/indicators/REACHED`, indicator('REACHED', { dimensions: ['age'] }));
    await put(officer, `${D}/indicators/TRAINED`, indicator('TRAINED', { dimensions: ['sex'], retired: true }));
    await put(officer, `${D}/framework/C1`, { kind: 'component', parent: 'G1', name_en: 'Prevention', name_es: 'Prevención', retired: true });

    expect(await t.db.selectFrom('data_value').select(['indicator_id', 'disagg', 'value']).orderBy('id').execute()).toEqual(values);
    expect(await total(admin, 'TRAINED')).toEqual(before.trained);
    expect(await total(admin, 'REACHED')).toEqual(before.reached);
    expect(await total(admin, 'TOTAL')).toEqual(before.total);
    // The retired option still reads in analytics; values without the new dimension read as not split.
    const bySex = await total(admin, 'TRAINED', 'disagg:sex');
    expect(bySex.map((r) => [r.disagg?.sex, r.value]).sort()).toEqual([
      ['f', 30],
      ['m', 20],
    ]);
    expect((await total(admin, 'REACHED', 'disagg:age')).map((r) => [r.disagg?.age, r.value])).toEqual([[null, 100]]);

    const design = (await officer.get(D)).body as Design;
    const sex = design.dimensions.find((d) => d.code === 'sex');
    expect(sex?.options).toEqual([
      { code: 'f', name: { en: 'Women', es: 'Mujeres' }, retired: false },
      { code: 'm', name: { en: 'Male', es: 'Hombre' }, retired: true },
    ]);
    expect(design.indicators.find((i) => i.code === 'TRAINED')).toMatchObject({ retired: true });
    expect(design.indicators.find((i) => i.code === 'REACHED')).toMatchObject({ retired: false, dimensions: ['age'] });
    expect(design.framework.find((n) => n.code === 'C1')).toMatchObject({ retired: true });

    // No new data for what is retired: 400 naming it.
    const retiredOption = await admin.request('PUT', '/api/programs/DS/values', {
      indicator: 'REACHED',
      place: 'CO',
      period: '2014',
      value: 1,
      version: 0,
      disagg: 'age=young',
    });
    expect(retiredOption.status).toBe(200);
    await put(officer, `${D}/indicators/TRAINED`, indicator('TRAINED', { dimensions: ['sex'], retired: false }));
    const m = await admin.request('PUT', '/api/programs/DS/values', {
      indicator: 'TRAINED',
      place: 'CO',
      period: '2014',
      value: 1,
      version: 0,
      disagg: 'sex=m',
    });
    expect(m.status).toBe(400);
    expect(details(m)[0]).toMatchObject({ column: 'disagg', reason: expect.stringMatching(/"m" of sex is retired/) });
    await put(officer, `${D}/indicators/TRAINED`, indicator('TRAINED', { dimensions: ['sex'], retired: true }));
    const retiredIndicator = await admin.request('PUT', '/api/programs/DS/values', {
      indicator: 'TRAINED',
      place: 'CO',
      period: '2014',
      value: 1,
      version: 0,
      disagg: 'sex=f',
    });
    expect(retiredIndicator.status).toBe(400);
    expect(details(retiredIndicator)[0]).toMatchObject({ column: 'indicator', reason: expect.stringMatching(/TRAINED is retired/) });

    // Deleting what is in use: 409 naming what uses it; nothing deleted.
    const cases: Array<[string, RegExp]> = [
      [`${D}/dimensions/sex/options/m`, /1 value of TRAINED/],
      [`${D}/dimensions/sex`, /indicators TRAINED/],
      [`${D}/indicators/TRAINED`, /2 values.*formulas of TOTAL/],
      [`${D}/indicators/REACHED`, /values/],
      [`${D}/framework/C1`, /indicators REACHED, TOTAL, TRAINED/],
      [`${D}/framework/G1`, /components C1/],
    ];
    for (const [path, reason] of cases) {
      const r = await officer.request('DELETE', path);
      expect(r.status, path).toBe(409);
      expect(JSON.stringify(r.body), path).toMatch(reason);
    }
    const dropped = await officer.request('PUT', `${D}/indicators/TRAINED`, indicator('TRAINED', { retired: true }));
    expect(dropped.status).toBe(409);
    expect(details(dropped)[0]).toMatchObject({ column: 'dimensions', value: 'sex' });
    expect(await t.db.selectFrom('data_value').select(['indicator_id', 'disagg', 'value']).where('period', '=', '2013').orderBy('id').execute()).toEqual(
      values,
    );

    // What nothing uses is deleted (audited).
    await put(officer, `${D}/sources/SURVEY`, { name_en: 'Survey', name_es: 'Encuesta' });
    expect((await officer.request('DELETE', `${D}/sources/SURVEY`)).status).toBe(204);
    await put(officer, `${D}/indicators/SPARE`, indicator('SPARE'));
    expect((await officer.request('DELETE', `${D}/indicators/SPARE`)).status).toBe(204);
    expect((await officer.request('DELETE', `${D}/indicators/SPARE`)).status).toBe(404);
    const deletes = await t.db.selectFrom('audit_event').select(['entity', 'entity_id']).where('action', '=', 'delete').execute();
    expect(deletes.map((d) => `${d.entity} ${d.entity_id}`)).toEqual(expect.arrayContaining(['source SURVEY', 'indicator SPARE']));
  });
});

import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface Indicator {
  code: string;
  targets: { place: string; period: string; source: string; kind: string; value: number; note: string | null }[];
}

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

async function targetsOf(c: TestClient, code: string) {
  return ((await c.get('/api/programs/XX/indicators')).body as { indicators: Indicator[] }).indicators.find((i) => i.code === code)?.targets ?? [];
}

const PATH = '/api/programs/XX/indicators/SUM_IND/targets';

describe('targets over HTTP', () => {
  it('an officer sets a target, then changes it (one row, audited before and after)', async () => {
    const officer = await as('officer');
    expect((await officer.request('PUT', PATH, { place: 'XX', period: '2014', kind: 'target', value: 100, source: 'A', note: 'first' })).status).toBe(200);
    expect((await officer.request('PUT', PATH, { place: 'XX', period: '2014', kind: 'target', value: 120, source: 'A' })).status).toBe(200);
    const targets = (await targetsOf(officer, 'SUM_IND')).filter((x) => x.period === '2014');
    expect(targets).toEqual([expect.objectContaining({ place: 'XX', source: 'A', kind: 'target', value: 120 })]);
    const audit = (await officer.get('/api/audit?entity=target')).body as {
      events: { action: string; before: { value: number } | null; after: { value: number } }[];
    };
    expect(audit.events[0]).toMatchObject({ action: 'update', before: { value: 100 }, after: { value: 120 } });
  });

  it('refuses a bad period, an unknown source, place or indicator, and a non-number, saving nothing', async () => {
    const officer = await as('officer');
    const before = await targetsOf(officer, 'SUM_IND');
    const badPeriod = await officer.request('PUT', PATH, { place: 'XX', period: '20x4', kind: 'target', value: 1 });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body).toMatchObject({ error: 'validation' });
    const badSource = await officer.request('PUT', PATH, { place: 'XX', period: '2015', kind: 'target', value: 1, source: 'Z' });
    expect(badSource.body).toMatchObject({ error: 'validation', details: [{ column: 'source', value: 'Z' }] });
    expect((await officer.request('PUT', PATH, { place: 'NOPE', period: '2015', kind: 'target', value: 1 })).status).toBe(404);
    expect((await officer.request('PUT', '/api/programs/XX/indicators/NOPE/targets', { place: 'XX', period: '2015', kind: 'target', value: 1 })).status).toBe(
      404,
    );
    expect((await officer.request('PUT', PATH, { place: 'XX', period: '2015', kind: 'target', value: 'lots' })).status).toBe(400);
    expect((await officer.request('PUT', PATH, { place: 'XX', period: '2015', kind: 'goal', value: 1 })).status).toBe(400);
    expect(await targetsOf(officer, 'SUM_IND')).toEqual(before);
  });

  it('sets a life-of-program target over a span, and refuses a bad span or value naming the field, saving nothing', async () => {
    const officer = await as('officer');
    const before = await targetsOf(officer, 'SUM_IND');
    const lop = (period: string, value: unknown) => officer.request('PUT', PATH, { place: 'XX', period, kind: 'lop_target', value, source: 'A' });
    for (const [period, value, column] of [
      ['2016Oct/2012Oct', 10, 'period'],
      ['2012Oct/', 10, 'period'],
      ['2012Oct/2016Oct', -10, 'value'],
    ] as const) {
      const r = await lop(period, value);
      expect(r.status, `${period} ${value}`).toBe(400);
      expect(r.body).toMatchObject({ error: 'validation', details: [{ column }] });
    }
    expect((await lop('2012Oct/2016Oct', 'lots')).status).toBe(400);
    expect(await targetsOf(officer, 'SUM_IND')).toEqual(before);
    expect((await lop('2012Oct/2016Oct', 500)).status).toBe(200);
    expect((await targetsOf(officer, 'SUM_IND')).filter((x) => x.kind === 'lop_target')).toEqual([
      expect.objectContaining({ place: 'XX', period: '2012Oct/2016Oct', source: 'A', value: 500 }),
    ]);
  });

  it('partners and analysts may not set targets; an administrator may', async () => {
    for (const who of ['partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PUT', PATH, { place: 'XX', period: '2016', kind: 'target', value: 1 })).status).toBe(403);
    }
    const admin = await as('admin');
    expect((await admin.request('PUT', PATH, { place: 'R1', period: '2016', kind: 'baseline', value: 5 })).status).toBe(200);
  });
});

describe('dimensions over HTTP', () => {
  it('anyone, signed in or not, reads the dimensions with their options named in English and Spanish, in their order', async () => {
    await t.db.updateTable('dimension_option').set({ name_en: 'Ex', name_es: 'Equis' }).where('code', '=', 'x').execute();
    await t.db.updateTable('dimension_option').set({ name_en: 'Why', name_es: 'Ye' }).where('code', '=', 'y').execute();
    const expected = {
      code: 'kind',
      name_en: 'Kind',
      name_es: 'Tipo',
      options: [
        { code: 'x', name_en: 'Ex', name_es: 'Equis' },
        { code: 'y', name_en: 'Why', name_es: 'Ye' },
      ],
    };
    for (const c of [new TestClient(app), await as('partnerA'), await as('admin')]) {
      const r = await c.get('/api/programs/XX/dimensions');
      expect(r.status).toBe(200);
      const dims = (r.body as { dimensions: { code: string }[] }).dimensions;
      expect(dims.find((d) => d.code === 'kind')).toEqual(expected);
      // The seizure record type's dimensions (substance, …) are there too.
      expect(dims.map((d) => d.code)).toContain('substance');
    }
    expect((await new TestClient(app).get('/api/programs/NOPE/dimensions')).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface Zone {
  code: string;
  name_en: string;
  name_es: string;
  places: string[];
}

let app: App;
withAccessApp((env) => ({ app } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

async function zones(): Promise<Zone[]> {
  return ((await new TestClient(app).get('/api/programs/XX/zones')).body as { zones: Zone[] }).zones;
}

describe('places over HTTP', () => {
  it('an administrator adds a place under a parent, one level deeper, with its coordinates', async () => {
    const admin = await as('admin');
    const r = await admin.post('/api/programs/XX/places', { code: 'R1D3', name: 'District three', parent: 'R1', lat: -9.5, lon: -76 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'R1D3', level: 3 });
    const places = (await admin.get('/api/programs/XX/places?level=3')).body as { places: { code: string; parent: string; lat: number }[] };
    expect(places.places.find((p) => p.code === 'R1D3')).toMatchObject({ parent: 'R1', lat: -9.5 });
  });

  it('refuses bad coordinates, half coordinates, an unknown parent and a duplicate code', async () => {
    const admin = await as('admin');
    const badLat = await admin.post('/api/programs/XX/places', { code: 'BAD1', name: 'Bad', parent: 'R1', lat: 95, lon: 0 });
    expect(badLat.status).toBe(400);
    expect(JSON.stringify(badLat.body)).toMatch(/lat/);
    const half = await admin.post('/api/programs/XX/places', { code: 'BAD2', name: 'Bad', parent: 'R1', lat: -9 });
    expect(half.status).toBe(400);
    expect(half.body).toMatchObject({ error: 'validation', details: [{ column: 'lon' }] });
    expect((await admin.post('/api/programs/XX/places', { code: 'BAD3', name: 'Bad', parent: 'NOPE' })).status).toBe(404);
    expect((await admin.post('/api/programs/XX/places', { code: 'R1', name: 'Again', parent: 'XX' })).status).toBe(409);
  });

  it('only administrators add places', async () => {
    const officer = await as('officer');
    expect((await officer.post('/api/programs/XX/places', { code: 'OFF1', name: 'No', parent: 'R1' })).status).toBe(403);
  });
});

describe('zones over HTTP', () => {
  it('an administrator adds a zone with members, then sets its members; both are audited', async () => {
    const admin = await as('admin');
    const created = await admin.post('/api/programs/XX/zones', { code: 'VALLEY', name_en: 'The valley', name_es: 'El valle', places: ['R1D1', 'R2D1'] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ code: 'VALLEY', name_en: 'The valley', name_es: 'El valle', places: ['R1D1', 'R2D1'] });
    expect((await zones()).find((z) => z.code === 'VALLEY')?.places).toEqual(['R1D1', 'R2D1']);

    const set = await admin.request('PUT', '/api/programs/XX/zones/VALLEY/places', { places: ['R2D2', 'R1D2', 'R2D2'] });
    expect(set.status).toBe(200);
    expect((await zones()).find((z) => z.code === 'VALLEY')?.places).toEqual(['R1D2', 'R2D2']);

    const audit = (await admin.get('/api/audit?entity=zone')).body as { events: { action: string; before: unknown; after: unknown }[] };
    expect(audit.events.map((e) => e.action)).toEqual(['update', 'create']);
    expect(audit.events[0]).toMatchObject({ before: { places: ['R1D1', 'R2D1'] }, after: { places: ['R1D2', 'R2D2'] } });
  });

  it('a zone may start with no members', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/zones', { code: 'EMPTY', name_en: 'Empty', name_es: 'Vacío' });
    expect((await zones()).find((z) => z.code === 'EMPTY')?.places).toEqual([]);
  });

  it('refuses unknown places (naming each), a duplicate code, a bad code, an unknown zone; nothing is saved', async () => {
    const admin = await as('admin');
    const unknown = await admin.post('/api/programs/XX/zones', { code: 'Z2', name_en: 'Z', name_es: 'Z', places: ['R1D1', 'NOPE', 'ALSO_NOT'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'validation', details: [{ column: 'places', value: 'NOPE' }, { column: 'places', value: 'ALSO_NOT' }] });
    expect((await zones()).some((z) => z.code === 'Z2')).toBe(false);
    expect((await admin.post('/api/programs/XX/zones', { code: 'VALLEY', name_en: 'Again', name_es: 'Otra vez' })).status).toBe(409);
    expect((await admin.post('/api/programs/XX/zones', { code: 'has space', name_en: 'Z', name_es: 'Z' })).status).toBe(400);
    expect((await admin.post('/api/programs/XX/zones', { code: 'Z3', name_en: ' ', name_es: 'Z' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/programs/XX/zones/NOPE/places', { places: [] })).status).toBe(404);
    const before = (await zones()).find((z) => z.code === 'VALLEY')?.places;
    expect((await admin.request('PUT', '/api/programs/XX/zones/VALLEY/places', { places: ['R1D1', 'NOPE'] })).status).toBe(400);
    expect((await zones()).find((z) => z.code === 'VALLEY')?.places).toEqual(before);
  });

  it('officers, partners and the public may not add zones or change members', async () => {
    for (const who of ['officer', 'partnerA'] as const) {
      const c = await as(who);
      expect((await c.post('/api/programs/XX/zones', { code: 'NO', name_en: 'No', name_es: 'No' })).status).toBe(403);
      expect((await c.request('PUT', '/api/programs/XX/zones/VALLEY/places', { places: [] })).status).toBe(403);
    }
    expect((await new TestClient(app).post('/api/programs/XX/zones', { code: 'NO', name_en: 'No', name_es: 'No' })).status).toBe(401);
  });
});

import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';
import type { TestDb } from '../../../test/helpers/test-db.js';

interface Zone {
  code: string;
  name_en: string;
  name_es: string;
  places: string[];
}

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));

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
    expect(unknown.body).toMatchObject({
      error: 'validation',
      details: [
        { column: 'places', value: 'NOPE' },
        { column: 'places', value: 'ALSO_NOT' },
      ],
    });
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

interface PlaceView {
  code: string;
  name: string;
  level: number;
  parent: string | null;
  lat: number | null;
  lon: number | null;
}

async function place(code: string): Promise<PlaceView | undefined> {
  return ((await new TestClient(app).get('/api/programs/XX/places')).body as { places: PlaceView[] }).places.find((p) => p.code === code);
}

interface AuditView {
  action: string;
  entity: string;
  before: unknown;
  after: unknown;
}

async function auditOf(entity: string): Promise<AuditView[]> {
  return ((await (await as('admin')).get(`/api/audit?entity=${entity}`)).body as { events: AuditView[] }).events;
}

describe('renaming and deleting places over HTTP', () => {
  it('an administrator renames a place and moves its coordinates, then clears them; each change is audited', async () => {
    const admin = await as('admin');
    const r = await admin.request('PATCH', '/api/programs/XX/places/R1D2', { name: 'Upper valley', lat: -12.5, lon: -74.25 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 'R1D2', name: 'Upper valley', level: 3, parent: 'R1', lat: -12.5, lon: -74.25 });
    expect(await place('R1D2')).toMatchObject({ name: 'Upper valley', lat: -12.5, lon: -74.25 });
    expect((await admin.request('PATCH', '/api/programs/XX/places/R1D2', { lat: null, lon: null })).status).toBe(200);
    expect(await place('R1D2')).toMatchObject({ name: 'Upper valley', lat: null, lon: null });
    const events = (await auditOf('place')).filter((e) => e.action === 'update');
    expect(events[0]).toMatchObject({ before: { code: 'R1D2', lat: -12.5 }, after: { code: 'R1D2', name: 'Upper valley', lat: null, lon: null } });
    expect(events[1]).toMatchObject({ before: { name: 'R1D2', lat: null }, after: { name: 'Upper valley', lat: -12.5, lon: -74.25 } });
  });

  it('refuses an empty change, an empty name, half coordinates, bad coordinates and an unknown place', async () => {
    const admin = await as('admin');
    expect((await admin.request('PATCH', '/api/programs/XX/places/R1D1', {})).status).toBe(400);
    expect((await admin.request('PATCH', '/api/programs/XX/places/R1D1', { name: '  ' })).status).toBe(400);
    const half = await admin.request('PATCH', '/api/programs/XX/places/R1D1', { lat: -9 });
    expect(half.status).toBe(400);
    expect(half.body).toMatchObject({ error: 'validation', details: [{ column: 'lon' }] });
    expect((await admin.request('PATCH', '/api/programs/XX/places/R1D1', { lat: 91, lon: 0 })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/programs/XX/places/NOPE', { name: 'X' })).status).toBe(404);
    expect(await place('R1D1')).toMatchObject({ name: 'R1D1' });
  });

  it('deletes a place nothing refers to; the deletion is audited', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/places', { code: 'LONE', name: 'Lone place', parent: 'R2D2', lat: -10, lon: -75 });
    const r = await admin.request('DELETE', '/api/programs/XX/places/LONE');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deleted: 'LONE' });
    expect(await place('LONE')).toBeUndefined();
    expect((await auditOf('place'))[0]).toMatchObject({ action: 'delete', before: { code: 'LONE', name: 'Lone place', level: 4 } });
    expect((await admin.request('DELETE', '/api/programs/XX/places/LONE')).status).toBe(404);
  });

  it('refuses to delete a place that has children, values, targets, records or zone memberships, naming each', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/places', { code: 'BUSY', name: 'Busy place', parent: 'R2' });
    await admin.post('/api/programs/XX/places', { code: 'BUSY-1', name: 'Child of busy', parent: 'BUSY' });
    expect(
      (await admin.request('PUT', '/api/programs/XX/values', { indicator: 'SUM_IND', source: 'A', place: 'BUSY', period: '2020', value: 4, version: 0 }))
        .status,
    ).toBe(200);
    expect(
      (await admin.request('PUT', '/api/programs/XX/indicators/SUM_IND/targets', { place: 'BUSY', period: '2021', kind: 'target', value: 10, source: 'A' }))
        .status,
    ).toBe(200);
    expect((await admin.post('/api/programs/XX/zones', { code: 'BUSY_ZONE', name_en: 'Busy zone', name_es: 'Zona ocupada', places: ['BUSY'] })).status).toBe(
      201,
    );
    const { id: programId } = await t.db.selectFrom('program').select('id').where('code', '=', 'XX').executeTakeFirstOrThrow();
    const { id: placeId } = await t.db.selectFrom('place').select('id').where('code', '=', 'BUSY').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await t.db
      .insertInto('record')
      .values({
        program_id: programId,
        type_code: 'seizure',
        ref: null,
        place_id: placeId,
        date: '2020-05-01',
        organisation_id: null,
        status: 'draft',
        provenance: 'sourced',
        version: 1,
        data: '{}',
        note: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const r = await admin.request('DELETE', '/api/programs/XX/places/BUSY');
    expect(r.status).toBe(409);
    const body = r.body as { error: string; message: string; details: { column: string; value: unknown }[] };
    expect(body.error).toBe('conflict');
    expect(body.message).toMatch(
      /place BUSY cannot be deleted: it has 1 child place\(s\); 1 data value\(s\); 1 baseline\(s\) or target\(s\); 1 record\(s\); member of zone\(s\) BUSY_ZONE/,
    );
    expect(body.details.map((d) => [d.column, d.value])).toEqual([
      ['children', 1],
      ['values', 1],
      ['targets', 1],
      ['records', 1],
      ['zones', 'BUSY_ZONE'],
    ]);
    expect(await place('BUSY')).toMatchObject({ name: 'Busy place' });
    // The root, with its whole tree below it, stays too.
    expect((await admin.request('DELETE', '/api/programs/XX/places/XX')).status).toBe(409);
  });

  it('officers, partners and analysts may not rename or delete places; the public must sign in', async () => {
    for (const who of ['officer', 'partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PATCH', '/api/programs/XX/places/R2D1', { name: 'No' })).status).toBe(403);
      expect((await c.request('DELETE', '/api/programs/XX/places/R2D1')).status).toBe(403);
    }
    expect((await new TestClient(app).request('PATCH', '/api/programs/XX/places/R2D1', { name: 'No' })).status).toBe(401);
    expect((await new TestClient(app).request('DELETE', '/api/programs/XX/places/R2D1')).status).toBe(401);
    expect(await place('R2D1')).toMatchObject({ name: 'R2D1' });
  });
});

describe('renaming and deleting zones over HTTP', () => {
  it('an administrator renames a zone in both languages; audited with the names before and after', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/zones', { code: 'RENAME_ME', name_en: 'Old', name_es: 'Viejo', places: ['R1D1'] });
    const r = await admin.request('PATCH', '/api/programs/XX/zones/RENAME_ME', { name_en: 'New valley', name_es: 'Valle nuevo' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ code: 'RENAME_ME', name_en: 'New valley', name_es: 'Valle nuevo', places: ['R1D1'] });
    expect((await zones()).find((z) => z.code === 'RENAME_ME')).toMatchObject({ name_en: 'New valley', name_es: 'Valle nuevo' });
    expect((await auditOf('zone'))[0]).toMatchObject({
      action: 'update',
      before: { name_en: 'Old', name_es: 'Viejo' },
      after: { name_en: 'New valley', name_es: 'Valle nuevo' },
    });
    expect((await admin.request('PATCH', '/api/programs/XX/zones/RENAME_ME', { name_en: 'Only one' })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/programs/XX/zones/NOPE', { name_en: 'A', name_es: 'B' })).status).toBe(404);
  });

  it('deletes a zone; its places stay; audited with its members', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/zones', { code: 'GONE', name_en: 'Gone', name_es: 'Ido', places: ['R2D1', 'R2D2'] });
    const r = await admin.request('DELETE', '/api/programs/XX/zones/GONE');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deleted: 'GONE' });
    expect((await zones()).some((z) => z.code === 'GONE')).toBe(false);
    expect(await place('R2D1')).toBeDefined();
    expect((await auditOf('zone'))[0]).toMatchObject({ action: 'delete', before: { code: 'GONE', places: ['R2D1', 'R2D2'] } });
    expect((await admin.request('DELETE', '/api/programs/XX/zones/GONE')).status).toBe(404);
  });

  it('refuses to delete a zone, or a place, that a report definition names', async () => {
    const admin = await as('admin');
    await admin.post('/api/programs/XX/zones', { code: 'REPORTED', name_en: 'Reported', name_es: 'Informado' });
    const { id: programId } = await t.db.selectFrom('program').select('id').where('code', '=', 'XX').executeTakeFirstOrThrow();
    const definition = JSON.stringify({
      title: { en: 'T', es: 'T' },
      sections: [
        {
          kind: 'statement',
          figures: [
            { kind: 'value', indicator: 'SUM_IND', zone: 'REPORTED' },
            { kind: 'value', indicator: 'SUM_IND', place: 'R2D2' },
          ],
        },
      ],
    });
    await t.db.insertInto('report_definition').values({ program_id: programId, code: 'brief', definition, hash: 'x' }).execute();
    const zone = await admin.request('DELETE', '/api/programs/XX/zones/REPORTED');
    expect(zone.status).toBe(409);
    expect(zone.body).toMatchObject({
      error: 'conflict',
      message: expect.stringMatching(/named by report\(s\) brief/),
      details: [{ column: 'reports', value: 'brief' }],
    });
    const placeR = await admin.request('DELETE', '/api/programs/XX/places/R2D2');
    expect(placeR.status).toBe(409);
    expect((placeR.body as { details: { column: string }[] }).details.map((d) => d.column)).toContain('reports');
    await t.db.deleteFrom('report_definition').where('code', '=', 'brief').execute();
    expect((await admin.request('DELETE', '/api/programs/XX/zones/REPORTED')).status).toBe(200);
  });

  it('officers, partners and analysts may not rename or delete zones; the public must sign in', async () => {
    await (await as('admin')).post('/api/programs/XX/zones', { code: 'KEEP', name_en: 'Keep', name_es: 'Mantener' });
    for (const who of ['officer', 'partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PATCH', '/api/programs/XX/zones/KEEP', { name_en: 'No', name_es: 'No' })).status).toBe(403);
      expect((await c.request('DELETE', '/api/programs/XX/zones/KEEP')).status).toBe(403);
    }
    expect((await new TestClient(app).request('DELETE', '/api/programs/XX/zones/KEEP')).status).toBe(401);
    expect((await zones()).find((z) => z.code === 'KEEP')).toMatchObject({ name_en: 'Keep' });
  });
});

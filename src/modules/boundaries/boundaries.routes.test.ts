import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface Boundaries {
  type: string;
  features: { type: string; properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }[];
}

let app: App;
withAccessApp((env) => ({ app } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

/** A closed rectangle ring around (lon, lat). */
const box = (lon: number, lat: number, d = 0.5) => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
  [lon - d, lat - d],
];
const feature = (code: string, geometry: unknown) => ({ type: 'Feature', properties: { code }, geometry });
const polygon = (lon: number, lat: number) => ({ type: 'Polygon', coordinates: [box(lon, lat)] });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

async function boundaries(level: number): Promise<Boundaries> {
  const r = await new TestClient(app).get(`/api/programs/XX/boundaries?level=${level}`);
  expect(r.status).toBe(200);
  return r.body as Boundaries;
}

describe('place boundaries over HTTP', () => {
  it('an administrator sets boundaries; anyone reads those of a level back as GeoJSON; the change is audited', async () => {
    const admin = await as('admin');
    const body = collection(
      feature('R1', polygon(-76, -9)),
      feature('R2', { type: 'MultiPolygon', coordinates: [[box(-75, -12)], [box(-73, -12, 0.2)]] }),
      feature('R1D1', polygon(-76.2, -9.1)),
    );
    const put = await admin.request('PUT', '/api/programs/XX/boundaries', body);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });

    const level2 = await boundaries(2);
    expect(level2.type).toBe('FeatureCollection');
    expect(level2.features.map((f) => f.properties)).toEqual([
      { code: 'R1', name: 'R1' },
      { code: 'R2', name: 'R2' },
    ]);
    expect(level2.features[0]?.geometry).toEqual(polygon(-76, -9));
    expect(level2.features[1]?.geometry.type).toBe('MultiPolygon');
    expect((await boundaries(3)).features.map((f) => f.properties.code)).toEqual(['R1D1']);

    // Replacing one place's boundary leaves the others as they were.
    const again = await admin.request(
      'PUT',
      '/api/programs/XX/boundaries',
      collection(feature('R1', polygon(-77, -9)), feature('R2', { type: 'MultiPolygon', coordinates: [[box(-75, -12)], [box(-73, -12, 0.2)]] })),
    );
    expect(again.body).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const after = await boundaries(2);
    expect(after.features[0]?.geometry).toEqual(polygon(-77, -9));
    expect(after.features).toHaveLength(2);

    const audit = (await admin.get('/api/audit?entity=place_boundary')).body as { events: { action: string; before: unknown; after: unknown }[] };
    expect(audit.events.map((e) => e.action)).toEqual(['update', 'update']);
    expect(audit.events[0]).toMatchObject({ before: { places: ['R1', 'R2'] }, after: { places: ['R1', 'R2'] } });
    expect(audit.events[1]).toMatchObject({ before: { places: [] }, after: { places: ['R1', 'R1D1', 'R2'] } });
  });

  it('refuses a bad body with details naming the feature; nothing is saved', async () => {
    const admin = await as('admin');
    const before = await boundaries(2);
    const unknown = await admin.request('PUT', '/api/programs/XX/boundaries', collection(feature('R1', polygon(-70, -5)), feature('NOPE', polygon(-70, -5))));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'validation', details: [{ column: 'features[1].properties.code', value: 'NOPE' }] });

    const twice = await admin.request('PUT', '/api/programs/XX/boundaries', collection(feature('R1', polygon(-70, -5)), feature('R1', polygon(-71, -5))));
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toMatch(/feature 1: place R1 already has a boundary in feature 0/);

    const outOfRange = await admin.request('PUT', '/api/programs/XX/boundaries', collection(feature('R1', polygon(-70, -5)), feature('R2', polygon(-200, -5))));
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body).toMatchObject({ error: 'validation' });
    const details = (outOfRange.body as { details: { column: string; reason: string }[] }).details;
    expect(details.length).toBeGreaterThan(0);
    expect(details[0]?.column).toMatch(/^features\.1\.geometry\.coordinates/);
    expect(details[0]?.reason).toMatch(/longitude/);

    const point = await admin.request('PUT', '/api/programs/XX/boundaries', collection(feature('R1', { type: 'Point', coordinates: [-70, -5] })));
    expect(point.status).toBe(400);
    expect(JSON.stringify(point.body)).toMatch(/features\.0\.geometry/);

    const open = await admin.request(
      'PUT',
      '/api/programs/XX/boundaries',
      collection(feature('R1', { type: 'Polygon', coordinates: [box(-70, -5).slice(0, 4)] })),
    );
    expect(open.status).toBe(400);
    expect(JSON.stringify(open.body)).toMatch(/ring must end where it starts/);

    expect((await admin.request('PUT', '/api/programs/XX/boundaries', { type: 'Feature' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/programs/NOPE/boundaries', collection())).status).toBe(404);
    expect(await boundaries(2)).toEqual(before);
  });

  it('officers, partners, analysts and the public may not set boundaries; the public may read them', async () => {
    const body = collection(feature('R1', polygon(-60, -5)));
    for (const who of ['officer', 'partnerA', 'analyst'] as const) {
      expect((await (await as(who)).request('PUT', '/api/programs/XX/boundaries', body)).status).toBe(403);
    }
    expect((await new TestClient(app).request('PUT', '/api/programs/XX/boundaries', body)).status).toBe(401);
    expect((await boundaries(2)).features[0]?.geometry).toEqual(polygon(-77, -9));
    expect((await new TestClient(app).get('/api/programs/XX/boundaries')).status).toBe(400);
  });
});

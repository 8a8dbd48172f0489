import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import type { TestClient } from '../../../test/helpers/http-client.js';
import { type UserKey } from '../../../test/helpers/access-fixture.js';
import { type App } from '../../server/app.js';

interface Organisation {
  code: string;
  name_en: string;
  name_es: string;
  kind: string;
  country_code: string | null;
  iati_ref: string | null;
}

let app: App;
withAccessApp((env) => ({ app } = env));

const as = (who: UserKey): Promise<TestClient> => signedInAs(app, who);

async function organisation(c: TestClient, code: string): Promise<Organisation | undefined> {
  return ((await c.get('/api/programs/XX/organisations')).body as { organisations: Organisation[] }).organisations.find((o) => o.code === code);
}

describe('organisations over HTTP', () => {
  it('an administrator adds an organisation and changes it; the change is audited', async () => {
    const admin = await as('admin');
    const r = await admin.post('/api/programs/XX/organisations', { code: 'NGO1', name_en: 'An NGO', name_es: 'Una ONG', kind: 'ngo' });
    expect(r.status).toBe(201);
    const changed = await admin.request('PATCH', '/api/programs/XX/organisations/NGO1', {
      name_es: 'Una ONG peruana',
      country_code: 'PE',
      iati_ref: 'PE-NGO-1',
    });
    expect(changed.status).toBe(200);
    expect(await organisation(admin, 'NGO1')).toMatchObject({
      name_en: 'An NGO',
      name_es: 'Una ONG peruana',
      kind: 'ngo',
      country_code: 'PE',
      iati_ref: 'PE-NGO-1',
    });
    expect((await admin.request('PATCH', '/api/programs/XX/organisations/NGO1', { iati_ref: null })).status).toBe(200);
    expect((await organisation(admin, 'NGO1'))?.iati_ref).toBeNull();
    const audit = (await admin.get('/api/audit?entity=organisation')).body as {
      events: { action: string; before: Organisation | null; after: Organisation }[];
    };
    expect(audit.events[1]).toMatchObject({ action: 'update', before: { name_es: 'Una ONG' }, after: { name_es: 'Una ONG peruana' } });
  });

  it('refuses bad input, an empty change and an unknown organisation, changing nothing', async () => {
    const admin = await as('admin');
    const before = await organisation(admin, 'ORG_A');
    const bad = await admin.request('PATCH', '/api/programs/XX/organisations/ORG_A', { kind: 'cartel', country_code: 'peru' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/kind/);
    expect((await admin.request('PATCH', '/api/programs/XX/organisations/ORG_A', {})).status).toBe(400);
    expect((await admin.request('PATCH', '/api/programs/XX/organisations/ORG_A', { name_en: '  ' })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/programs/XX/organisations/NOPE', { name_en: 'X' })).status).toBe(404);
    expect((await admin.post('/api/programs/XX/organisations', { code: 'ORG_A', name_en: 'A', name_es: 'A', kind: 'ngo' })).status).toBe(409);
    expect(await organisation(admin, 'ORG_A')).toEqual(before);
  });

  it('only administrators add or change organisations', async () => {
    for (const who of ['officer', 'partnerA', 'analyst'] as const) {
      const c = await as(who);
      expect((await c.request('PATCH', '/api/programs/XX/organisations/ORG_A', { name_en: 'Mine now' })).status).toBe(403);
      expect((await c.post('/api/programs/XX/organisations', { code: 'X1', name_en: 'X', name_es: 'X', kind: 'ngo' })).status).toBe(403);
    }
  });
});

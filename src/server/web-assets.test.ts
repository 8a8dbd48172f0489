import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/test-db.js';
import { createApp, type App } from './app.js';

let dir: string;
let tdb: TestDb;
let app: App;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-web-assets-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Vigia</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log("app")');
  tdb = await createTestDb();
  app = createApp({ db: tdb.db, engine: tdb.engine, webRoot: dir });
});
afterAll(async () => {
  await tdb.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app served at /', () => {
  it('answers an app route with index.html, no-cache and a content security policy without inline scripts', async () => {
    for (const path of ['/', '/dashboard', '/records?type=seizure']) {
      const res = await app.request(`http://localhost${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their type and a year of caching', async () => {
    const res = await app.request('http://localhost/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
  });

  it('answers a missing asset with 404, not the page (a stale tab must not run HTML as JS)', async () => {
    const res = await app.request('http://localhost/assets/index-gone.js');
    expect(res.status).toBe(404);
  });

  it('leaves /api to the API: an unknown API path is a JSON 404', async () => {
    const res = await app.request('http://localhost/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('never serves a file outside the web folder', async () => {
    const res = await app.request('http://localhost/..%2Fpackage.json');
    expect(await res.text()).not.toContain('"dependencies"');
    const dotdot = await app.request('http://localhost/assets/../../package.json');
    expect(await dotdot.text()).not.toContain('"dependencies"');
  });

  it('serves nothing at / when the app is not built', async () => {
    const bare = createApp({ db: tdb.db, engine: tdb.engine, webRoot: join(dir, 'missing') });
    expect((await bare.request('http://localhost/dashboard')).status).toBe(404);
  });
});

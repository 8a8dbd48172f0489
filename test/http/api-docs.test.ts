import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { createApp, type App } from '../../src/server/app.js';

let t: TestDb;
let app: App;
beforeAll(async () => {
  t = await createTestDb();
  app = createApp({ db: t.db, engine: t.engine });
});
afterAll(() => t.destroy());

describe('the API reference', () => {
  it('lists every operation of the OpenAPI document with the permission it needs', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`<code>${path}</code>`);
    expect(html).toContain('Needs: <code>approve</code>');
    expect(html).not.toMatch(/<script/i);
  });
});

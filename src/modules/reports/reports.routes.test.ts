/** GET /api/reports/{report} through the app: the CLI's bytes, scoped to what the caller may see. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createApp, type App } from '../../server/app.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { findProgram } from '../catalog/catalog.repo.js';
import { definitionHash } from './report-build.service.js';
import { upsertReportDefinition } from './report.repo.js';
import { renderReport } from './report.service.js';
import { createUser } from '../accounts/users.service.js';
import { TestClient } from '../../../test/helpers/http-client.js';

let t: TestDb;
let app: App;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
  app = createApp({ db: t.db, engine: t.engine });
}, 120_000);
afterAll(() => t.destroy());

describe('GET /api/reports/{report}', () => {
  it('gives the public the same PDF as the CLI, with its data version', async () => {
    const res = await app.request('/api/reports/factsheet?program=PE&period=2012&lang=es&format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="PE-factsheet-2012-es.pdf"');
    const body = Buffer.from(await res.arrayBuffer());
    const cli = await renderReport(t.db, { program: 'PE', report: 'factsheet', period: '2012', lang: 'es', format: 'pdf' });
    expect(body.equals(cli.body)).toBe(true);
    expect(res.headers.get('x-vigia-data-version')).toBe(String(cli.dataVersion));
  });

  it("hides indicators above the caller's clearance, and checks its query", async () => {
    const program = await findProgram(t.db, 'PE');
    const json = JSON.stringify({
      code: 'internal',
      title: { en: 'Internal', es: 'Interno' },
      sections: [{ type: 'statements', items: [{ kind: 'comparison', indicator: 'AML_CASES_N' }] }],
    });
    await upsertReportDefinition(t.db, program.id, 'internal', json, definitionHash(json));
    const hidden = await app.request('/api/reports/internal?program=PE&period=2012');
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: 'not_found', message: 'program PE has no indicator you may read for this report' });
    // The progress report simply leaves such indicators out for the public.
    const progress = await (await app.request('/api/reports/progress?program=PE&period=2012&format=md')).text();
    expect(progress).toContain('Coca eradicated');
    expect(progress).not.toContain('AML_CASES_N');
    expect(progress).not.toContain('Money-laundering cases');
    const bad = await app.request('/api/reports/factsheet?program=PE&period=2012&format=docx');
    expect(bad.status).toBe(400);
  });
});

describe('the report’s language', () => {
  it('is the reader’s own when the request names none; a named one wins; the public reads English', async () => {
    await createUser(t.db, { email: 'lectora@example.org', name: 'Lectora', role: 'analyst', password: 'a long enough password 1' }, null);
    const reader = new TestClient(app);
    await reader.signIn('lectora@example.org', 'a long enough password 1');
    const heading = async (c: TestClient | null, query: string) => {
      const url = `/api/reports/factsheet?program=PE&period=2012&format=md${query}`;
      const text = c ? ((await c.get(url)).body as string) : await (await app.request(url)).text();
      return text.split('\n').find((l) => l.startsWith('# '));
    };
    const english = await heading(null, '&lang=en');
    const spanish = await heading(null, '&lang=es');
    expect(english).not.toEqual(spanish);
    expect(await heading(null, '')).toEqual(english);
    expect(await heading(reader, '')).toEqual(english);
    expect((await reader.request('PATCH', '/api/users/me', { language: 'es' })).status).toBe(200);
    expect(await heading(reader, '')).toEqual(spanish);
    expect(await heading(reader, '&lang=en')).toEqual(english);
  });
});

describe('GET /api/programs/{program}/reports', () => {
  it("lists the program's reports, named in both languages without their period, and the years of its data", async () => {
    const res = await app.request('/api/programs/PE/reports');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      reports: { code: string; name_en: string; name_es: string; builtin: boolean }[];
      years: { first: number; last: number } | null;
      fiscal_year_start_month: number;
    };
    expect(body.reports.find((r) => r.code === 'factsheet')).toEqual({
      code: 'factsheet',
      name_en: 'Peru counternarcotics program: fact sheet',
      name_es: 'Programa antidrogas del Perú: hoja informativa',
      builtin: false,
    });
    // The demo's own progress.json replaces the built-in one.
    expect(body.reports.filter((r) => r.code === 'progress')).toEqual([
      {
        code: 'progress',
        name_en: 'Peru counternarcotics program: indicator progress',
        name_es: 'Programa antidrogas del Perú: avance de los indicadores',
        builtin: false,
      },
    ]);
    expect(body.reports.map((r) => r.code)).toEqual([...body.reports.map((r) => r.code)].sort());
    expect(body.fiscal_year_start_month).toBe(10);
    expect(body.years?.first).toBeLessThanOrEqual(2008);
    expect(body.years?.last).toBeGreaterThanOrEqual(2013);
  });

  it('says which program is unknown', async () => {
    const res = await app.request('/api/programs/XX/reports');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found', message: 'no program with code "XX"' });
  });
});

/**
 * The tracking table over HTTP: readers get the JSON and the files, officers and
 * administrators write deviation explanations (audited), partners may not (403), the public
 * must sign in; bad input is a 400 naming the field, and nothing is stored.
 */
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { joinAccountsTo } from '../../../test/helpers/access-fixture.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import { monthRange, writeTrackingProgram, type TrackingProgram } from '../../../test/helpers/tracking-program.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import type { App } from '../../server/app.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { listAudit } from '../audit/audit.repo.js';
import { trackingTable } from './tracking-table.service.js';
import type { TrackingTable } from './tracking-table.js';

let app: App;
let t: TestDb;
withAccessApp((env) => ({ app, t } = env));
let folder: TrackingProgram;
beforeAll(async () => {
  folder = writeTrackingProgram({
    code: 'OCT',
    fiscalStartMonth: 10,
    fiscalYear: '2012Oct',
    months: monthRange('201207', '201312'),
    emptyMonths: monthRange('201304', '201306'),
    targetPeriod: '2012Oct',
    baselinePeriod: '2011Oct',
  });
  await loadProgramFolder(t.db, folder.dir);
  await joinAccountsTo(t.db, 'OCT');
}, 60_000);
afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));

const URL = '/api/programs/OCT/tracking/2012Oct';

describe('the tracking table over HTTP', () => {
  it('gives readers the JSON the service gives, and the public must sign in', async () => {
    const analyst = await signedInAs(app, 'analyst');
    const r = await analyst.get(URL);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(await trackingTable(t.db, 'OCT', '2012Oct'));
    expect((r.body as TrackingTable).rows.find((x) => x.indicator === 'SUM_N')?.quarters[2]).toEqual({ period: '2013Q2', actual: null });
    expect((await new TestClient(app).get(URL)).status).toBe(401);
  });

  it("leaves out the indicators above the reader's clearance", async () => {
    const rows = async (who: 'analyst' | 'cleared') =>
      ((await (await signedInAs(app, who)).get('/api/programs/XX/tracking/2012Oct')).body as TrackingTable).rows.map((r) => r.indicator);
    expect(await rows('cleared')).toContain('SECRET_IND');
    expect(await rows('analyst')).not.toContain('SECRET_IND');
    expect((await rows('analyst')).length).toBeGreaterThan(0);
  });

  it('downloads the XLSX with a file name', async () => {
    const officer = await signedInAs(app, 'officer');
    const res = await app.request(`http://localhost${URL}/export?format=xlsx&lang=es`, { headers: { cookie: officer.cookie ?? '' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="OCT-itt-2012Oct-es.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets[0]!.getRow(1).getCell(1).value).toBe('Indicador');
  });

  it('lets an officer write an explanation, audited, and shows it in the table', async () => {
    const officer = await signedInAs(app, 'officer');
    const r = await officer.request('PUT', `${URL}/explanations/SUM_N`, { text: 'Operations paused in the third quarter.' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ indicator: 'SUM_N', fiscal_year: '2012Oct', text: 'Operations paused in the third quarter.' });
    const row = ((await officer.get(URL)).body as TrackingTable).rows.find((x) => x.indicator === 'SUM_N');
    expect(row?.deviation_explanation).toBe('Operations paused in the third quarter.');
    const events = await listAudit(t.db, { entity: 'tracking_explanation', limit: 50, offset: 0 });
    expect(events.map((e) => ({ action: e.action, entity_id: e.entity_id, after: JSON.parse(e.after ?? 'null') }))).toContainEqual({
      action: 'create',
      entity_id: 'SUM_N/2012Oct',
      after: { indicator: 'SUM_N', fiscal_year: '2012Oct', text: 'Operations paused in the third quarter.' },
    });
    expect(events.find((e) => e.entity_id === 'SUM_N/2012Oct')?.user_id).not.toBeNull();
  });

  it('refuses partners and analysts (403), and bad input with the field named, storing nothing', async () => {
    for (const who of ['partnerA', 'analyst'] as const) {
      const c = await signedInAs(app, who);
      expect((await c.request('PUT', `${URL}/explanations/LATEST_HA`, { text: 'no' })).status).toBe(403);
    }
    const officer = await signedInAs(app, 'officer');
    const tooLong = await officer.request('PUT', `${URL}/explanations/LATEST_HA`, { text: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('text');
    const unknown = await officer.request('PUT', `${URL}/explanations/NOPE`, { text: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'validation', details: [{ column: 'indicator' }] });
    const notFy = await officer.get('/api/programs/OCT/tracking/2012Q4');
    expect(notFy.status).toBe(400);
    expect(notFy.body).toMatchObject({ details: [{ column: 'period' }] });
    expect((await officer.get('/api/programs/NOPE/tracking/2012Oct')).body).toMatchObject({ details: [{ column: 'program' }] });
    expect(((await officer.get(URL)).body as TrackingTable).rows.find((x) => x.indicator === 'LATEST_HA')?.deviation_explanation).toBeNull();
  });
});

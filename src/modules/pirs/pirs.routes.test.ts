/**
 * The PIRS over HTTP: signed-in readers download the book or a sheet (the public must sign in),
 * indicators above the reader's clearance are left out, and bad input is a 400 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { signedInAs, withAccessApp } from '../../../test/helpers/access-app.js';
import { TestClient } from '../../../test/helpers/http-client.js';
import type { TestDb } from '../../../test/helpers/test-db.js';
import type { App } from '../../server/app.js';

let app: App;
let _t: TestDb;
withAccessApp((env) => ({ app, t: _t } = env));

const URL = '/api/programs/XX/pirs';

/** The raw answer of a GET as the signed-in `who`. */
async function download(who: 'analyst' | 'cleared' | 'officer', query: string) {
  const client = await signedInAs(app, who);
  return app.request(`http://localhost${URL}${query}`, { headers: { cookie: client.cookie ?? '' } });
}

describe('the PIRS over HTTP', () => {
  it('downloads the book as PDF by default, and a sheet as Markdown; the public must sign in', async () => {
    const pdf = await download('officer', '');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="XX-pirs-en.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const md = await download('officer', '?indicator=SUM_IND&lang=es&format=md');
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('# Ficha de referencia del indicador de desempeño: SUM\\_IND');
    expect((await new TestClient(app).get(URL)).status).toBe(401);
  });

  it("leaves out the indicators above the reader's clearance", async () => {
    expect(await (await download('cleared', '?format=html')).text()).toContain('SECRET_IND —');
    const analyst = await download('analyst', '?format=html');
    expect(analyst.status).toBe(200);
    expect(await analyst.text()).not.toContain('SECRET_IND');
    expect((await download('analyst', '?indicator=SECRET_IND')).status).toBe(400);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const officer = await signedInAs(app, 'officer');
    expect((await officer.get(`${URL}?indicator=NOPE`)).body).toMatchObject({ error: 'validation', details: [{ column: 'indicator' }] });
    expect((await officer.get('/api/programs/NOPE/pirs')).body).toMatchObject({ error: 'validation', details: [{ column: 'program' }] });
    const badLang = await officer.get(`${URL}?lang=fr`);
    expect(badLang.status).toBe(400);
    expect(JSON.stringify(badLang.body)).toContain('lang');
    const badFormat = await officer.get(`${URL}?format=docx`);
    expect(badFormat.status).toBe(400);
    expect(JSON.stringify(badFormat.body)).toContain('format');
  });
});

/**
 * Names, not codes (issue 14, acceptance 3): the demo program is reloaded from a copy of its folder
 * with codes planted unlike their names — a place `QX-77` ("Valle Plantado"), a zone `QXZ_77`, an
 * indicator unit `persons` ("people" / "personas") and a record option `cocaine_base` ("Cocaine
 * base (PBC)") — and the web pages (Chromium) and the reports (Markdown and HTML through the API)
 * are searched: no planted code where its name exists, and the names are there.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadProgramFolder } from '../../src/modules/programs/program-load.service.js';
import { newPage, signIn, startAndStop } from './browser.js';
import { ROOT, type RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const PLACE = { code: 'QX-77', name: 'Valle Plantado' };
const ZONE = { code: 'QXZ_77', en: 'Planted Valley Zone', es: 'Zona del Valle Plantado' };
const UNIT = { code: 'persons', en: 'people', es: 'personas' };
const OPTION = { code: 'cocaine_base', en: 'Cocaine base (PBC)', es: 'Pasta básica de cocaína (PBC)' };
/** Any planted code, standing as a word of the rendered text. */
const PLANTED = /QX-77|QXZ_77|cocaine_base|\bpersons\b/g;

/** Appends CSV rows to a file of the program folder, by the file's own header. */
function appendRows(file: string, rows: Record<string, string>[]): void {
  const header = readFileSync(file, 'utf8').split('\n')[0]!.split(',');
  const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = readFileSync(file, 'utf8');
  appendFileSync(file, (text.endsWith('\n') ? '' : '\n') + rows.map((r) => header.map((h) => csv(r[h] ?? '')).join(',')).join('\n') + '\n');
}

/** The demo folder with the planted codes, loaded into the running server's database. */
async function plant(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-names-'));
  try {
    cpSync(join(ROOT, 'demo/peru'), dir, { recursive: true });
    appendRows(join(dir, 'places.csv'), [{ code: PLACE.code, name: PLACE.name, level: '2', parent: 'PE', lat: '-9.5', lon: '-75.5' }]);
    appendRows(join(dir, 'zones.csv'), [{ code: ZONE.code, name_en: ZONE.en, name_es: ZONE.es }]);
    appendRows(join(dir, 'zone-places.csv'), [{ zone: ZONE.code, place: PLACE.code }]);
    const indicators = join(dir, 'indicators.json');
    const json = JSON.parse(readFileSync(indicators, 'utf8')) as { code: string; unit: string }[] | { indicators: { code: string; unit: string }[] };
    const list = Array.isArray(json) ? json : json.indicators;
    list.find((i) => i.code === 'COALITIONS_N')!.unit = UNIT.code;
    writeFileSync(indicators, JSON.stringify(json, null, 2));
    appendRows(join(dir, 'values/COALITIONS_N.csv'), [
      { indicator: 'COALITIONS_N', place: PLACE.code, period: '2012', value: '7', provenance: 'illustrative', status: 'approved' },
    ]);
    const common = { status: 'approved', provenance: 'illustrative', date: '2013-05-02', place: PLACE.code };
    appendRows(join(dir, 'records/seizure.csv'), [
      { ...common, ref: 'QX-SZ-1', agency: 'PNP-DIRANDRO', substance: OPTION.code, quantity: '12', quantity_unit: 'kg', conveyance: 'land' },
    ]);
    appendRows(join(dir, 'records/eradication-operation.csv'), [
      { ...common, ref: 'QX-ERAD-1', zone: ZONE.code, crop: 'coca', hectares: '9', method: 'manual', agency: 'CORAH' },
    ]);
    await loadProgramFolder(vigia.db, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a reader sees of the page: its text and the texts of its choices. */
async function seen(page: Page): Promise<string> {
  return page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? '')].join('\n'));
}

async function expectNames(page: Page, names: readonly string[]): Promise<void> {
  for (const name of names) await expect.poll(() => seen(page), { message: name }).toContain(name);
  const text = await seen(page);
  // Each planted code found, with what stands around it (to say where it is).
  const found = [...text.matchAll(PLANTED)].map((m) => text.slice(Math.max(0, m.index - 60), m.index + 30).replace(/\s+/g, ' '));
  expect(found, page.url()).toEqual([]);
}

beforeAll(async () => {
  await plant();
  // A partner's submission holding a value at the planted place, for the approval review.
  const partner = await newPage(browser, vigia.url);
  await signIn(partner, vigia.url, 'partner');
  const headers = { 'X-Requested-With': 'vigia' };
  const put = await partner.request.put(`${vigia.url}/api/programs/PE/values`, {
    headers,
    data: { indicator: 'ERAD_HA', place: PLACE.code, period: '2033', value: 44, version: 0 },
  });
  expect(put.status(), await put.text()).toBe(200);
  const submit = await partner.request.post(`${vigia.url}/api/programs/PE/submissions`, { headers, data: { period: '2033' } });
  expect(submit.status(), await submit.text()).toBe(201);
  await partner.close();
});

describe('names, not codes', () => {
  it('the records list, a record, the approval review, explorer, map, dashboard and entry show names', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');

    await page.goto(`${vigia.url}/records?type=seizure&place=${PLACE.code}`);
    await page.getByTestId('records-table').waitFor();
    await expectNames(page, [PLACE.name, OPTION.en]);
    await page.getByRole('button', { name: /QX-SZ-1/ }).click();
    await expectNames(page, [PLACE.name, OPTION.en]);

    await page.goto(`${vigia.url}/records?type=eradication_operation&zone=${ZONE.code}`);
    await page.getByTestId('records-table').waitFor();
    await expect.poll(() => page.locator('[data-testid=records-table] tbody tr').count()).toBe(1);
    await expectNames(page, [PLACE.name, ZONE.en]);
    await page.getByRole('button', { name: /QX-ERAD-1/ }).click();
    await page.getByTestId('record-details').waitFor();
    await expectNames(page, [ZONE.en, PLACE.name]);
    // A new record chooses its zone by name.
    await page.goto(`${vigia.url}/records?type=eradication_operation&record=new`);
    await page.getByTestId('record-form').waitFor();
    await page.locator('#rf-zone').selectOption({ label: ZONE.en });
    expect(await page.locator('#rf-zone').inputValue()).toBe(ZONE.code);
    await expectNames(page, [ZONE.en, PLACE.name]);

    await page.goto(`${vigia.url}/approvals?status=submitted`);
    await page
      .getByTestId('submission-CORAH-2033')
      .getByRole('button', { name: /Review/ })
      .click();
    await page.getByTestId('submission-values').locator('tbody tr').first().waitFor();
    await expectNames(page, [PLACE.name]);

    await page.goto(`${vigia.url}/explorer?indicator=COALITIONS_N&rows=place-level:2&cols=period:year&from=2012&to=2012`);
    await page.locator('table[data-testid=pivot]').waitFor();
    await expectNames(page, [PLACE.name, UNIT.en]);
    expect(await page.locator('table[data-testid=pivot]').textContent()).toContain(PLACE.name);

    await page.goto(`${vigia.url}/map?indicator=COALITIONS_N&period=2012&level=2`);
    await page.getByTestId('map-table').waitFor();
    await expectNames(page, [PLACE.name]);
    expect(await page.getByTestId('map-table').textContent()).toContain(PLACE.name);

    await page.goto(`${vigia.url}/dashboard?zone=${ZONE.code}`);
    await expectNames(page, [ZONE.en, PLACE.name]);
    await page.close();

    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    await partner.goto(`${vigia.url}/entry?indicator=ERAD_HA&from=2033&to=2033&level=2`);
    await expectNames(partner, [PLACE.name]);
    await partner.close();
  });

  it('in Spanish too', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/records?type=eradication_operation&zone=${ZONE.code}`);
    await page.getByTestId('records-table').waitFor();
    await expectNames(page, [ZONE.es, PLACE.name]);
    await page.goto(`${vigia.url}/records?type=seizure&place=${PLACE.code}`);
    await page.getByTestId('records-table').waitFor();
    await expectNames(page, [OPTION.es]);
    await page.goto(`${vigia.url}/explorer?indicator=COALITIONS_N&rows=place-level:2&cols=period:year&from=2012&to=2012`);
    await page.locator('table[data-testid=pivot]').waitFor();
    await expectNames(page, [PLACE.name, UNIT.es]);
    await page.close();
  });

  it('the fact sheet and the progress report, in Markdown and HTML, in both languages', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    for (const lang of ['en', 'es'] as const) {
      for (const format of ['md', 'html'] as const) {
        const texts: string[] = [];
        for (const report of ['factsheet', 'progress']) {
          const r = await page.request.get(`${vigia.url}/api/reports/${report}?program=PE&period=2012&lang=${lang}&format=${format}`);
          expect(r.status(), `${report} ${lang} ${format}: ${await r.text()}`).toBe(200);
          texts.push(await r.text());
        }
        const text = texts.join('\n');
        expect(text.match(PLANTED) ?? [], `${lang} ${format}`).toEqual([]);
        // The progress report names the unit of COALITIONS_N.
        expect(text).toContain(UNIT[lang]);
      }
    }
    await page.close();
  });
});

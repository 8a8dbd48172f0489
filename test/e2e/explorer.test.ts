import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from './browser.js';
import { startVigia, type RunningVigia } from './vigia-server.js';

interface Row {
  place?: { code: string };
  period?: string;
  source?: string;
  value: number | null;
}

let vigia: RunningVigia;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  vigia = await startVigia();
  browser = await launchBrowser();
  page = await newPage(browser, vigia.url);
  await signIn(page, vigia.url, 'officer');
});
afterAll(async () => {
  await browser?.close();
  await vigia?.close();
});

/** The analytics API, asked with the page's own session. */
async function analytics(query: string): Promise<Row[]> {
  const res = await page.request.get(`${vigia.url}/api/analytics?program=PE&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}

const cell = (row: string, col: string) => page.locator(`table[data-testid=pivot] td[data-row="${row}"][data-col="${col}"]`);
const firstRowKey = () => page.locator('table[data-testid=pivot] tbody tr').first().getAttribute('data-row');

describe('explorer', () => {
  it('pivots ERAD_HA by department and year with server totals, sorting and exports', async () => {
    await page.goto(`${vigia.url}/explorer`);
    await page.locator('select[name=indicator]').selectOption('ERAD_HA');
    await page.locator('select[name=rows]').selectOption('place-level:2');
    await page.locator('select[name=cols]').selectOption('period:year');
    await page.locator('input[name=from]').fill('2008');
    await page.locator('input[name=from]').press('Enter');
    await page.locator('input[name=to]').fill('2013');
    await page.locator('input[name=to]').press('Enter');
    await page.waitForURL(/to=2013/);

    // A known cell equals what the API says.
    const cells = await analytics('indicator=ERAD_HA&by=place-level:2,period:year&from=2008&to=2013');
    const huanuco2012 = cells.find((r) => r.place?.code === 'PE-10' && r.period === '2012');
    expect(huanuco2012?.value).toBeGreaterThan(0);
    await expect(cell('PE-10', '2012').getAttribute('data-value')).resolves.toBe(String(huanuco2012?.value));
    await expect.poll(() => cell('PE-10', '2012').locator('.v').textContent()).toBe(new Intl.NumberFormat('en-US').format(huanuco2012!.value!));
    // Derived/illustrative values carry a marker; the demo's eradication figures are illustrative.
    await expect.poll(() => cell('PE-10', '2012').getByTestId('figure-marks').getAttribute('data-marks')).toBe('illustrative');
    await expect.poll(() => page.getByTestId('marks-legend').textContent()).toMatch(/illustrative: example figures/);

    // The column total for 2012 is the national figure, from the server.
    await expect.poll(() => cell('__total', '2012').locator('.v').textContent()).toBe('14,171');
    // An empty cell is a dash: Loreto has no eradication before 2012.
    expect(cells.some((r) => r.place?.code === 'PE-16' && r.period === '2008')).toBe(false);
    await expect.poll(() => cell('PE-16', '2008').locator('.v').textContent()).toBe('—');

    // Sorting by 2012 puts the biggest department first, again reverses.
    const biggest = cells.filter((r) => r.period === '2012').sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    const header2012 = page.locator('table[data-testid=pivot] th[scope=col]', { has: page.locator('button[data-sort="2012"]') });
    await header2012.locator('button').click();
    await expect(header2012.getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(firstRowKey()).resolves.toBe(biggest?.place?.code);
    await header2012.locator('button').click();
    await expect(header2012.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(firstRowKey()).resolves.not.toBe(biggest?.place?.code);
    await page.locator('button[data-sort=""]').click(); // back to the row labels
    await page.locator('button[data-sort="2012"]').click();
    expect(page.url()).toMatch(/sort=2012/);

    // The URL is a bookmark: a fresh load shows the same pivot, sorted the same way.
    await page.reload();
    await expect.poll(() => cell('__total', '2012').locator('.v').textContent()).toBe('14,171');
    await expect(firstRowKey()).resolves.toBe(biggest?.place?.code);

    // CSV: the same result, with its header.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('indicator,source,place,place_name,place_level,period,value,provenance,flags');
    expect(lines).toContain(`ERAD_HA,,PE-10,Huánuco,2,2012,${huanuco2012?.value},illustrative,i`);
    expect(lines.length - 1).toBe(cells.length);

    // XLSX: a zip file.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = readFileSync((await xlsxDownload.path())!);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'explorer');

    // A zone filter narrows the rows to its places, and goes into the export link too.
    await page.locator('select[name=zone]').selectOption('ALTO_HUALLAGA');
    await page.waitForURL(/zone=ALTO_HUALLAGA/);
    await page.locator('table[data-testid=pivot] tbody tr[data-row="PE-22"]').waitFor();
    await expect(page.locator('table[data-testid=pivot] tbody tr[data-row="PE-25"]').count()).resolves.toBe(0);
    const zoneRows = await analytics('indicator=ERAD_HA&by=place-level:2&from=2008&to=2013&zone=ALTO_HUALLAGA');
    const shown = await page.locator('table[data-testid=pivot] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(shown.sort()).toEqual(zoneRows.map((r) => r.place?.code).sort());
    await expect(page.getByTestId('export-csv').getAttribute('href')).resolves.toMatch(/zone=ALTO_HUALLAGA/);
  });

  it('never adds up the USG and UNODC estimates of coca cultivation', async () => {
    await page.goto(`${vigia.url}/explorer?indicator=COCA_HA&rows=period:year&cols=`);
    const notice = page.getByTestId('source-needed');
    await expect.poll(() => notice.textContent()).toMatch(/never added together/);
    await expect(page.locator('table[data-testid=pivot]').count()).resolves.toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'explorer-sources');

    const rows = await analytics('indicator=COCA_HA&by=period:year,source');
    const usg = rows.find((r) => r.period === '2012' && r.source === 'USG')?.value;
    const unodc = rows.find((r) => r.period === '2012' && r.source === 'UNODC')?.value;
    expect(usg).toBeTruthy();
    expect(unodc).toBeTruthy();

    // Sources side by side: each its own column, and no total across them.
    await notice.getByRole('button', { name: /sources as columns/ }).click();
    await expect(cell('2012', 'USG').getAttribute('data-value')).resolves.toBe(String(usg));
    await expect(cell('2012', 'UNODC').getAttribute('data-value')).resolves.toBe(String(unodc));
    await expect(page.locator('button[data-sort="__total"]').count()).resolves.toBe(0);
    const values = await page.locator('table[data-testid=pivot] td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-value')));
    expect(values).not.toContain(String(usg! + unodc!));

    // Or one source: that source's figures only.
    await page.goto(`${vigia.url}/explorer?indicator=COCA_HA&rows=period:year&cols=`);
    await page.getByTestId('source-needed').getByRole('button', { name: 'Use USG' }).click();
    await expect.poll(() => page.locator('select[name=source]').inputValue()).toBe('USG');
    await expect(cell('2012', '').getAttribute('data-value')).resolves.toBe(String(usg));
  });

  it('speaks Spanish: fiscal years as AF, labels accented', async () => {
    const es = await newPage(browser, vigia.url, 'es');
    await signIn(es, vigia.url, 'officer');
    await es.goto(`${vigia.url}/explorer?indicator=ERAD_OPS_HA&rows=period:fy-oct&cols=`);
    await expect.poll(() => es.locator('h1').textContent()).toBe('Explorador');
    await expect.poll(() => es.locator('table[data-testid=pivot] caption').textContent()).toMatch(/Año fiscal/);
    const labels = await es.locator('table[data-testid=pivot] tbody th').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toMatch(/^AF\d{4}$/);
    await expect(es.getByTestId('export-csv').getAttribute('href')).resolves.toMatch(/lang=es/);
    expect(await seriousA11yViolations(es)).toEqual([]);
    await screenshot(es, 'explorer-es');
    await es.context().close();
  });

  it('pivots by a disaggregation, marking derived values and values not broken down', async () => {
    await page.goto(`${vigia.url}/explorer?indicator=SEIZ_COCAINE_KG&rows=disagg:substance&cols=period:year&from=2008&to=2013`);
    const rows = await analytics('indicator=SEIZ_COCAINE_KG&by=disagg:substance,period:year&from=2008&to=2013');
    const base2011 = rows.find((r) => (r as { disagg?: Record<string, string | null> }).disagg?.substance === 'cocaine_base' && r.period === '2011');
    await expect(cell('cocaine_base', '2011').getAttribute('data-value')).resolves.toBe(String(base2011?.value));
    await expect(page.locator('table[data-testid=pivot] tbody th', { hasText: 'Not broken down' }).count()).resolves.toBe(1);
    await expect(page.locator('table[data-testid=pivot] td [data-marks~=derived]').count()).resolves.toBeGreaterThan(0);
    // The 2012 column total is the server's national figure for 2012.
    const [year2012] = await analytics('indicator=SEIZ_COCAINE_KG&from=2012&to=2012');
    await expect(cell('__total', '2012').getAttribute('data-value')).resolves.toBe(String(year2012?.value));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'explorer-disagg');
  });

  it("names a disaggregation's options from dimensions.json in the current language, not by code", async () => {
    const rowHeader = (p: Page, key: string) => p.locator(`table[data-testid=pivot] tbody tr[data-row="${key}"] th`);
    await page.goto(`${vigia.url}/explorer?indicator=SEIZ_COCAINE_KG&rows=disagg:substance&cols=period:year&from=2010&to=2012`);
    await expect.poll(() => rowHeader(page, 'cocaine_base').textContent()).toBe('Cocaine base (PBC)');
    await expect.poll(() => rowHeader(page, 'cocaine_hcl').textContent()).toBe('Cocaine hydrochloride');
    await expect.poll(() => page.locator('table[data-testid=pivot] caption').textContent()).toMatch(/Disaggregation: Substance/);
    const es = await newPage(browser, vigia.url, 'es');
    await signIn(es, vigia.url, 'officer');
    await es.goto(`${vigia.url}/explorer?indicator=SEIZ_COCAINE_KG&rows=disagg:substance&cols=period:year&from=2010&to=2012`);
    await expect.poll(() => rowHeader(es, 'cocaine_base').textContent()).toBe('Pasta básica de cocaína (PBC)');
    await expect.poll(() => rowHeader(es, 'cocaine_hcl').textContent()).toBe('Clorhidrato de cocaína');
    await expect.poll(() => es.locator('table[data-testid=pivot] caption').textContent()).toMatch(/Desagregación: Sustancia/);
    // Data entry offers the same options by name.
    await es.goto(`${vigia.url}/entry?indicator=SEIZ_COCAINE_KG&type=year&from=2012&to=2013`);
    await es.getByTestId('pick-disagg').waitFor();
    await expect.poll(() => es.getByTestId('pick-disagg').locator('option').allTextContents()).toContain('Sustancia: Pasta básica de cocaína (PBC)');
    expect(await seriousA11yViolations(es)).toEqual([]);
    await es.context().close();
    await page.goto(`${vigia.url}/entry?indicator=SEIZ_COCAINE_KG&type=year&from=2012&to=2013`);
    await expect
      .poll(() => page.getByTestId('pick-disagg').locator('option').allTextContents())
      .toEqual(['Total (not disaggregated)', 'Substance: Cocaine base (PBC)', 'Substance: Cocaine hydrochloride']);
  });
});

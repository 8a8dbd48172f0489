/**
 * Issue 14, acceptance 6 in the browser: the demo's illustrative eradication figure and derived
 * cocaine-seizure figure of 2012 show the same flag letters on the dashboard's cards, in the
 * explorer's cells and in the map's table as the analytics API's `marks` (the server-side
 * outputs are compared in src/modules/reports/figure-marks-everywhere.test.ts), and each page
 * explains the flags it shows in a legend, in English and in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { MARK_LEGEND, markLetters, type FigureMark } from '../../src/core/figure-marks.js';
import { launchBrowser, newPage, seriousA11yViolations, signIn } from './browser.js';
import { startVigia, type RunningVigia } from './vigia-server.js';

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

/** The flags the analytics API gives an indicator's national figure of 2012. */
async function apiMarks(indicator: string): Promise<FigureMark[]> {
  const res = await page.request.get(`${vigia.url}/api/analytics?program=PE&indicator=${indicator}&from=2012&to=2012`);
  expect(res.status()).toBe(200);
  const [row] = ((await res.json()) as { rows: { marks: FigureMark[] }[] }).rows;
  return row?.marks ?? [];
}

/** The letters a figure shows (the superscript's visible part). */
const lettersOf = (figure: Locator) => figure.getByTestId('figure-marks').locator('[aria-hidden=true]').textContent();
const cell = (on: Page, row: string, col: string) => on.locator(`table[data-testid=pivot] td[data-row="${row}"][data-col="${col}"]`);

describe('one provenance notation in the web app', () => {
  it('gives the illustrative and the derived figure their own letters, the same as the API', async () => {
    expect(await apiMarks('ERAD_HA')).toEqual(['illustrative']);
    expect(await apiMarks('SEIZ_COCAINE_KG')).toEqual(['derived']);
  });

  it.each(['en', 'es'] as const)('shows the same letters on the dashboard, in the explorer and on the map, with a legend (%s)', async (lang) => {
    const p = await newPage(browser, vigia.url, lang);
    await signIn(p, vigia.url, 'officer');
    const expected = { ERAD_HA: markLetters(await apiMarks('ERAD_HA')), SEIZ_COCAINE_KG: markLetters(await apiMarks('SEIZ_COCAINE_KG')) };

    await p.goto(`${vigia.url}/dashboard?to=2012`);
    for (const [code, letters] of Object.entries(expected)) {
      await expect.poll(() => p.getByTestId(`card-${code}`).getByTestId('card-period').textContent()).toBe('2012');
      await expect.poll(() => lettersOf(p.getByTestId(`card-${code}`))).toBe(letters);
    }
    await expect.poll(() => p.getByTestId('marks-legend').textContent()).toContain(MARK_LEGEND[lang].illustrative);
    await expect(p.getByTestId('marks-legend').textContent()).resolves.toContain(MARK_LEGEND[lang].derived);

    // Eradication by department; cocaine seizures are national, split by substance.
    const rows = { ERAD_HA: 'place-level:2', SEIZ_COCAINE_KG: 'disagg:substance' };
    for (const [code, letters] of Object.entries(expected)) {
      await p.goto(`${vigia.url}/explorer?indicator=${code}&rows=${rows[code as keyof typeof rows]}&cols=period:year&from=2012&to=2012`);
      // The column total is the national figure the dashboard's card shows.
      await expect.poll(() => lettersOf(cell(p, '__total', '2012'))).toBe(letters);
      await expect.poll(() => p.getByTestId('marks-legend').textContent()).toContain(MARK_LEGEND[lang][code === 'ERAD_HA' ? 'illustrative' : 'derived']);
    }

    await p.goto(`${vigia.url}/map?indicator=ERAD_HA&period=2012`);
    await expect.poll(() => lettersOf(p.getByTestId('map-table').locator('tbody tr').first())).toBe(expected.ERAD_HA);
    await expect.poll(() => p.getByTestId('marks-legend').textContent()).toContain(MARK_LEGEND[lang].illustrative);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await p.close();
  });
});

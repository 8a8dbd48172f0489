import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

// Under the demo's bound on a department's eradication (validation-rules.json: 25,000 ha), and unlike any demo figure.
const DRAFT = 9876;
const DRAFT_TEXT = /9[,.\s\u00a0\u202f]?876/;

async function cardValue(page: Page, id: string, text: string): Promise<string> {
  const value = page.getByTestId(`card-${id}`).getByTestId('card-value');
  await value.filter({ hasText: text }).waitFor();
  return (await value.textContent()) ?? '';
}

interface IndicatorInfo {
  code: string;
  name_en: string;
  sensitivity: string;
}

describe('public dashboard', () => {
  it('shows approved public figures only: never a partner draft, never a non-public indicator, no refused request', async () => {
    // A partner (CORAH) writes a draft, unapproved, in a year with no other ERAD_HA data.
    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    const put = await partner.request.put(`${vigia.url}/api/programs/PE/values`, {
      headers: { 'X-Requested-With': 'vigia' },
      data: { indicator: 'ERAD_HA', place: 'PE-10', period: '2017', value: DRAFT, version: 0 },
    });
    expect(put.status()).toBe(200);

    // The officer sees the draft on the dashboard: the value is really in the data.
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    // 2017 is partial (one department): the officer sees it when asking for partial periods, marked.
    await officer.goto(`${vigia.url}/dashboard?partial=1`);
    expect(await cardValue(officer, 'ERAD_HA', '9,876')).toBe('9,876');
    await expect.poll(() => officer.getByTestId('card-ERAD_HA').getByTestId('card-coverage').textContent()).toMatch(/^partial: 1 of \d+ departments reported$/);
    const indicators = ((await (await officer.request.get(`${vigia.url}/api/programs/PE/indicators`)).json()) as { indicators: IndicatorInfo[] }).indicators;
    const hidden = indicators.filter((i) => i.sensitivity !== 'public');
    expect(hidden.length).toBeGreaterThan(0); // AML_CASES_N is "official" in the demo

    // Analytics for a partner are approved-only (policy dataScope): its own dashboard shows the approved 2016 total.
    await partner.goto(`${vigia.url}/dashboard`);
    expect(await cardValue(partner, 'ERAD_HA', '30,151')).toBe('30,151');
    await expect.poll(() => partner.getByTestId('card-ERAD_HA').getByTestId('card-period').textContent()).toBe('2016');

    // Signed out: the home page is the public dashboard.
    const refused: string[] = [];
    const page = await newPage(browser, 'about:blank');
    page.on('response', (r) => {
      if (r.status() === 401 || r.status() === 403) refused.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(vigia.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Public dashboard');
    await expect.poll(() => page.getByTestId('public-note').textContent()).toMatch(/Only approved figures of public indicators/);
    expect(await cardValue(page, 'ERAD_HA', '30,151')).toBe('30,151');
    await expect.poll(() => page.getByTestId('card-ERAD_HA').getByTestId('card-period').textContent()).toBe('2016');
    await page.getByTestId('chart-coca').waitFor();
    await expect(page.getByTestId('chart-coca').getAttribute('data-sources')).resolves.toBe('USG UNODC');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(DRAFT_TEXT);
    for (const i of hidden) {
      await expect(page.getByTestId(`card-${i.code}`).count()).resolves.toBe(0);
      await expect(page.getByTestId(`chart-${i.code}`).count()).resolves.toBe(0);
      expect(text).not.toContain(i.name_en);
    }
    // Filters still work signed out, and the draft year stays empty.
    await page.locator('select[name=from]').selectOption('2017');
    await page.getByTestId('card-ERAD_HA').getByTestId('card-empty').waitFor();
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(DRAFT_TEXT);
    await page.locator('select[name=from]').selectOption('');
    await cardValue(page, 'ERAD_HA', '30,151');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-dashboard');
    expect(refused).toEqual([]);
  });

  it('speaks Spanish to a Spanish reader', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await page.getByTestId('public-note').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tablero público');
    await expect.poll(() => page.getByTestId('public-note').textContent()).toMatch(/solo se muestran cifras aprobadas/);
    await page.locator('select[name=year]').selectOption('fiscal');
    await page
      .getByTestId('card-ERAD_OPS_HA')
      .getByTestId('card-period')
      .filter({ hasText: /^AF\d{4}$/ })
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

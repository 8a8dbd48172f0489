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

interface Row {
  indicator: string;
  source?: string;
  period?: string;
  value: number | null;
  coverage?: { complete: boolean } | null;
}

/** The analytics rows the signed-in page's own session gets from the API. */
async function analytics(page: Page, query: string): Promise<Row[]> {
  const response = await page.request.get(`${vigia.url}/api/analytics?program=PE&${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rows: Row[] }).rows;
}

/**
 * The latest row with a value (rows of one indicator and source), of a complete period when the
 * rows carry coverage (asked with coverage=true): what a card headlines by default (issue 14).
 */
function latestRow(rows: Row[]): Row {
  const last = rows
    .filter((r) => r.value !== null && (r.coverage?.complete ?? true))
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''))
    .at(-1);
  if (!last) throw new Error('no rows');
  return last;
}

const en = (v: number | null) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v ?? NaN);

async function cardText(page: Page, id: string, part: 'card-value' | 'card-period'): Promise<string> {
  return (await page.getByTestId(`card-${id}`).getByTestId(part).textContent()) ?? '';
}

/** Waits until a card part shows the expected text (the page fetches after a filter change). */
async function expectCard(page: Page, id: string, part: 'card-value' | 'card-period', text: string): Promise<void> {
  await page
    .getByTestId(`card-${id}`)
    .getByTestId(part)
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor();
  expect(await cardText(page, id, part)).toBe(text);
}

describe('dashboard', () => {
  it('shows whole-program figures of the latest year, the coca sources side by side, and passes axe', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    const erad = latestRow(await analytics(page, 'indicator=ERAD_HA&by=period:year&coverage=true'));
    await expectCard(page, 'ERAD_HA', 'card-value', en(erad.value));
    await expectCard(page, 'ERAD_HA', 'card-period', erad.period ?? '');
    const coca = await analytics(page, 'indicator=COCA_HA&by=source,period:year&coverage=true');
    for (const source of ['USG', 'UNODC']) {
      const last = latestRow(coca.filter((r) => r.source === source));
      await expectCard(page, `COCA_HA-${source}`, 'card-value', en(last.value));
    }
    // The chart compares the two sources and never sums them: one column per source in its table.
    const chart = page.getByTestId('chart-coca');
    await expect(chart.getAttribute('data-sources')).resolves.toBe('USG UNODC');
    await expect(chart.locator('div[role=img]').getAttribute('aria-label')).resolves.toMatch(/USG, UNODC/);
    const heads = await chart.locator('thead th').allTextContents();
    expect(heads).toEqual(['Period', 'USG', 'UNODC']);
    const row2012 = await chart
      .locator('tbody tr', { has: page.locator('th', { hasText: /^2012$/ }) })
      .locator('td')
      .allTextContents();
    const c2012 = (s: string) => coca.find((r) => r.source === s && r.period === '2012')?.value ?? null;
    expect(row2012).toEqual([en(c2012('USG')), en(c2012('UNODC'))]);
    await expect.poll(() => chart.locator('svg').textContent()).toMatch(/USG[\s\S]*UNODC/);
    // Trend charts of actual against target, each with a name and a data table.
    await expect(page.getByTestId('chart-ERAD_HA').locator('div[role=img]').getAttribute('aria-label')).resolves.toMatch(/baseline and target/);
    await expect
      .poll(() =>
        page
          .getByTestId('chart-ERAD_HA')
          .locator('tbody tr', { has: page.locator('th', { hasText: /^2016$/ }) })
          .locator('td')
          .nth(1)
          .textContent(),
      )
      .toBe('30,000');
    // Progress to target on the ERAD_HA card, and an illustrative mark with its legend.
    await expect(page.getByTestId('card-ERAD_HA').getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toMatch(/^\d+$/);
    await expect(page.getByTestId('card-ERAD_HA').getByTestId('figure-marks').getAttribute('data-marks')).resolves.toBe('illustrative');
    await expect.poll(() => page.getByTestId('marks-legend').textContent()).toMatch(/d — derived[\s\S]*i — illustrative/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator('.app-nav').first().focus();
    await screenshot(page, 'dashboard');
  });

  it('filters to a year: ERAD_HA 2012 = 14,171 with its change on 2011, and a derived mark', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard?to=2012`);
    const rows = await analytics(page, 'indicator=ERAD_HA&by=period:year&to=2012');
    const v2012 = rows.find((r) => r.period === '2012')?.value ?? null;
    const v2011 = rows.find((r) => r.period === '2011')?.value ?? null;
    expect(en(v2012)).toBe('14,171');
    await expectCard(page, 'ERAD_HA', 'card-value', '14,171');
    await expectCard(page, 'ERAD_HA', 'card-period', '2012');
    await expect.poll(() => page.getByTestId('card-ERAD_HA').getByTestId('card-change').textContent()).toContain(`+${en((v2012 ?? 0) - (v2011 ?? 0))}`);
    await expect(page.getByTestId('card-SEIZ_COCAINE_KG').getByTestId('figure-marks').getAttribute('data-marks')).resolves.toBe('derived');
    await expect.poll(() => page.locator('select[name=to]').inputValue()).toBe('2012');
  });

  it('switches between calendar and fiscal years (FY / AF labels), in the URL', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    const cal = latestRow(await analytics(page, 'indicator=ERAD_OPS_HA&by=period:year&coverage=true'));
    await expectCard(page, 'ERAD_OPS_HA', 'card-period', cal.period ?? '');
    await page.locator('select[name=year]').selectOption('fiscal');
    const fy = latestRow(await analytics(page, 'indicator=ERAD_OPS_HA&by=period:fy-oct&coverage=true'));
    const fyYear = Number(fy.period?.slice(0, 4)) + 1; // 2010Oct is FY2011
    await expectCard(page, 'ERAD_OPS_HA', 'card-period', `FY${fyYear}`);
    await expectCard(page, 'ERAD_OPS_HA', 'card-value', en(fy.value));
    expect(page.url()).toContain('year=fiscal');
    const labels = await page.getByTestId('chart-ERAD_OPS_HA').locator('tbody th').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toMatch(/^FY\d{4}$/);
    // Spanish: the same fiscal year is AF….
    await page.getByRole('button', { name: 'Español' }).click();
    await expectCard(page, 'ERAD_OPS_HA', 'card-period', `AF${fyYear}`);
    await page.locator('select[name=year]').selectOption('calendar');
    await expectCard(page, 'ERAD_OPS_HA', 'card-period', cal.period ?? '');
  });

  it('a zone filter changes the figures to the zone', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    const national = latestRow(await analytics(page, 'indicator=ERAD_HA&by=period:year&coverage=true'));
    await expectCard(page, 'ERAD_HA', 'card-value', en(national.value));
    const zone = latestRow(await analytics(page, 'indicator=ERAD_HA&by=period:year&zone=ALTO_HUALLAGA&coverage=true'));
    expect(zone.value).not.toBe(national.value);
    await page.locator('select[name=zone]').selectOption('ALTO_HUALLAGA');
    await expectCard(page, 'ERAD_HA', 'card-value', en(zone.value));
    expect(page.url()).toContain('zone=ALTO_HUALLAGA');
    // A zone has no targets of its own: the card says so rather than using the national target.
    await expect(page.getByTestId('card-ERAD_HA').locator('.card-no-target').count()).resolves.toBe(1);
    // And a department.
    await page.locator('select[name=zone]').selectOption('');
    await page.locator('select[name=place]').selectOption('PE-10');
    const huanuco = latestRow(await analytics(page, 'indicator=ERAD_HA&by=period:year&place=PE-10&coverage=true'));
    await expectCard(page, 'ERAD_HA', 'card-value', en(huanuco.value));
  });

  it('shows a value saved by someone else without a reload', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard?place=PE-05`);
    await page.getByTestId('card-ERAD_HA').waitFor();
    const other = await newPage(browser, vigia.url);
    await signIn(other, vigia.url, 'admin');
    const put = await other.request.put(`${vigia.url}/api/programs/PE/values`, {
      headers: { 'X-Requested-With': 'vigia' },
      data: { indicator: 'ERAD_HA', place: 'PE-05', period: '2019', value: 4321, version: 0 },
    });
    expect(put.status()).toBe(200);
    // The page refetches by itself (every 15 s): no reload here.
    await page
      .getByTestId('card-ERAD_HA')
      .getByTestId('card-value')
      .filter({ hasText: /^4,321$/ })
      .waitFor({ timeout: 25_000 });
    await expectCard(page, 'ERAD_HA', 'card-period', '2019');
  });
});

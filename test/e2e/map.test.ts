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
  place?: { code: string; name: string };
  period?: string;
  value: number | null;
}

interface Symbol {
  place: string;
  value: number;
  r: number;
}

/** The values by department of one indicator and year, as the page's own session gets them. */
async function byDepartment(page: Page, indicator: string, year: string): Promise<Row[]> {
  const response = await page.request.get(`${vigia.url}/api/analytics?program=PE&indicator=${indicator}&by=place-level:2,period:year&from=${year}&to=${year}`);
  expect(response.status()).toBe(200);
  const rows = ((await response.json()) as { rows: Row[] }).rows;
  return rows.filter((r) => r.value !== null && r.value > 0);
}

/** Waits until the map shows exactly these places' circles with these values, then reads them. */
async function symbolsFor(page: Page, rows: Row[]): Promise<Symbol[]> {
  const expected = rows
    .map((r) => `${r.place?.code}=${r.value}`)
    .sort()
    .join(' ');
  // A function, not a string: the page's CSP forbids eval, which a string predicate needs when it polls.
  await page.waitForFunction((want) => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ getAttribute(n: string): string | null }> } }).document;
    const have = [...doc.querySelectorAll('[data-testid=symbol]')].map((c) => `${c.getAttribute('data-place')}=${c.getAttribute('data-value')}`);
    return have.sort().join(' ') === want;
  }, expected);
  return page
    .locator('[data-testid=symbol]')
    .evaluateAll((circles) =>
      circles.map((c) => ({ place: c.getAttribute('data-place') ?? '', value: Number(c.getAttribute('data-value')), r: Number(c.getAttribute('r')) })),
    );
}

const en = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v);

async function openMap(page: Page, query = ''): Promise<void> {
  await signIn(page, vigia.url, 'officer');
  await page.goto(`${vigia.url}/map${query}`);
  await page.getByTestId('map').waitFor();
}

describe('map', () => {
  it('draws Peru and one circle per department with a value, area proportional to it', async () => {
    const page = await newPage(browser, vigia.url);
    await openMap(page);
    await page.locator('select[name=indicator]').selectOption('ERAD_HA');
    await page.locator('select[name=period]').selectOption('2012');
    const rows = await byDepartment(page, 'ERAD_HA', '2012');
    expect(rows.length).toBeGreaterThan(2);
    const symbols = await symbolsFor(page, rows);
    expect(symbols).toHaveLength(rows.length);

    // The country outline from Natural Earth.
    const outline = page.getByTestId('country-outline');
    await expect(outline.getAttribute('data-country')).resolves.toBe('PE');
    expect((await outline.getAttribute('d'))?.length ?? 0).toBeGreaterThan(1000);
    // It fills the frame: its box takes most of the map's width or height.
    const [box, frame] = await Promise.all([outline.boundingBox(), page.getByTestId('map').boundingBox()]);
    expect(Math.max(box!.width / frame!.width, box!.height / frame!.height)).toBeGreaterThan(0.85);

    // Bigger value, bigger circle; r² in proportion to the value (within 1%).
    const sorted = [...symbols].sort((a, b) => a.value - b.value);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.r).toBeGreaterThan(sorted[i - 1]!.r);
    const largest = sorted.at(-1)!;
    for (const s of sorted) expect((s.r * s.r) / (largest.r * largest.r) / (s.value / largest.value)).toBeCloseTo(1, 2);
    // Drawn largest first, so the small ones stay on top.
    const order = symbols.map((s) => s.value);
    expect(order).toEqual([...order].sort((a, b) => b - a));

    // Hover the smallest (on top of any other): the tooltip gives place, value, unit and period.
    const smallest = sorted[0]!;
    const row = rows.find((r) => r.place?.code === smallest.place)!;
    await page.locator(`[data-testid=symbol][data-place="${smallest.place}"]`).hover();
    const tip = page.getByTestId('map-tooltip');
    await tip.waitFor();
    const text = await tip.textContent();
    expect(text).toContain(row.place!.name);
    expect(text).toContain(`${en(row.value!)} hectares`);
    expect(text).toContain('2012');

    // The same values in the table beside the map.
    const cells = await page
      .getByTestId('map-table')
      .locator('tbody tr')
      // The value's own text, without its flag letters (components/FigureMarks.tsx).
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-place'), tr.querySelector('td')?.firstChild?.textContent]));
    expect(cells).toEqual([...rows].sort((a, b) => b.value! - a.value!).map((r) => [r.place!.code, `${en(r.value!)} hectares`]));
    // A legend of reference circles with formatted values.
    await expect(page.getByTestId('map-legend').locator('svg').getAttribute('aria-label')).resolves.toMatch(/\d,\d{3} hectares/);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await page.locator(`[data-testid=symbol][data-place="${largest.place}"]`).hover({ force: true, position: { x: 4, y: largest.r } });
    await screenshot(page, 'map');
  });

  it('changes the circles with the indicator, keeps the choice in the URL, and reads by keyboard', async () => {
    const page = await newPage(browser, vigia.url);
    await openMap(page, '?indicator=ERAD_HA&period=2012');
    await symbolsFor(page, await byDepartment(page, 'ERAD_HA', '2012'));
    const before = await page.locator('[data-testid=symbol]').evaluateAll((cs) => cs.map((c) => c.getAttribute('data-place')).sort());

    await page.locator('select[name=indicator]').selectOption('SEIZ_REC_COCAINE_KG');
    const seizures = await byDepartment(page, 'SEIZ_REC_COCAINE_KG', '2012');
    expect(seizures.length).toBeGreaterThan(0);
    const symbols = await symbolsFor(page, seizures);
    expect(symbols.map((s) => s.place).sort()).not.toEqual(before);
    expect(page.url()).toContain('indicator=SEIZ_REC_COCAINE_KG');
    await expect.poll(() => page.locator('select[name=period]').inputValue()).toBe('2012');

    // Keyboard: the circles take the focus, read "Place: value unit", and show the tooltip.
    const first = page.locator('[data-testid=symbol]').first();
    await first.focus();
    const label = await first.getAttribute('aria-label');
    expect(label).toMatch(/^.+: [\d,.]+ kilograms$/);
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toContain(label!.split(': ')[1]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('map-tooltip').count()).resolves.toBe(0);

    // Fiscal years: the periods are named FY…, and the circles are the fiscal year's values.
    await page.locator('select[name=year]').selectOption('fiscal');
    await page.locator('select[name=period] option', { hasText: 'FY2014' }).waitFor({ state: 'attached' });
    // FY2014 of seizure records holds one quarter (issue 14): its option and the map say so.
    await page.locator('select[name=period]').selectOption({ label: 'FY2014 (partial)' });
    await expect
      .poll(() => page.getByTestId('map-partial').textContent())
      .toMatch(/^FY2014 — partial: data for 1 of 4 quarters\. The values are not the whole period\.$/);
    const response = await page.request.get(
      `${vigia.url}/api/analytics?program=PE&indicator=SEIZ_REC_COCAINE_KG&by=place-level:2,period:fy-oct&from=2013Oct&to=2013Oct`,
    );
    const fiscal = ((await response.json()) as { rows: Row[] }).rows.filter((r) => r.value !== null && r.value > 0);
    expect(fiscal.length).toBeGreaterThan(0);
    await symbolsFor(page, fiscal);
    await expect.poll(() => page.locator('#map-heading').textContent()).toMatch(/FY2014$/);
  });

  it('speaks Spanish, and sorts the table by place', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await openMap(page, '?indicator=ERAD_HA&period=2012');
    await symbolsFor(page, await byDepartment(page, 'ERAD_HA', '2012'));
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mapa');
    await expect(page.getByLabel('Indicador').evaluate((e) => e.tagName)).resolves.toBe('SELECT');
    const table = page.getByTestId('map-table');
    await table.getByRole('button', { name: /Lugar/ }).click();
    const names = await table.locator('tbody th').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'es')));
    await expect(table.locator('thead th').first().getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'map-es');
  });
});

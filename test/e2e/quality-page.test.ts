/**
 * The data quality page (issue 16, items 3–4): the heat map shows, cell by cell, the status the
 * API gives for the demo's reporting calendar, in English and Spanish and in words as well as
 * colour; completeness and timeliness add up to the API's counts; the indicator filter keeps
 * the reports that name the indicator; an officer reopens a closed period with a comment; a
 * partner sees only their own organisation; axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../src/core/reporting-calendar.js';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

interface Completeness {
  completeness: { organisation: string; period: string; expected: number; submitted: number; on_time: number; status: ReportStatus }[];
  program: { period: string; expected: number; submitted: number; on_time: number; completeness: number | null; timeliness: number | null }[];
}
interface Reports {
  reports: { organisation: string; period: string; indicators: string[]; status: ReportStatus; closed: boolean }[];
}
interface Organisations {
  organisations: { code: string; name_en: string; name_es: string }[];
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path)) as T;
}

async function apiSend(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ([m, p, b]) =>
      (
        await fetch(p as string, {
          method: m as string,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'vigia' },
          body: JSON.stringify(b),
        })
      ).status,
    [method, path, body],
  );
}

/** A month id (202611) `back` months before today's. */
function monthBefore(back: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - back);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * Test set-up through the API, so the heat map shows all four statuses: CORAH also reports
 * monthly from last month, due 31 days after each month ends (last month's report, submitted
 * today, is on time; this month's is not due yet); CORAH's 2013Q1 is submitted today (late).
 */
async function everyStatus(page: Page): Promise<void> {
  const calendar = await apiGet<{ reports: { organisation: string }[] }>(page, '/api/programs/PE/calendar');
  const last = monthBefore(1);
  const monthly = { organisation: 'CORAH', indicators: ['ERAD_HA'], frequency: 'month', due_days: 31, start: `${last.slice(0, 4)}-${last.slice(4)}-01` };
  expect(await apiSend(page, 'PUT', '/api/programs/PE/calendar', { reports: [...calendar.reports, monthly] })).toBe(200);
  for (const period of ['201302', last]) {
    const value = { indicator: 'ERAD_HA', place: 'PE-01', period, value: 12, organisation: 'CORAH', version: 0 };
    expect(await apiSend(page, 'PUT', '/api/programs/PE/values', value)).toBe(200);
  }
  for (const period of ['2013Q1', last]) expect(await apiSend(page, 'POST', '/api/programs/PE/submissions', { period, organisation: 'CORAH' })).toBe(201);
}

/** Waits for the heat map and for nothing in <main> to be loading. */
async function heatMapShown(page: Page): Promise<void> {
  await page.getByTestId('heat-map').waitFor();
  await expect.poll(() => page.locator('main [aria-busy=true]').count()).toBe(0);
}

/** Every cell of the heat map, as the page shows it. */
async function cells(page: Page): Promise<{ key: string; status: string; text: string }[]> {
  return page.locator('[data-testid=heat-map] td[data-status]:not([data-status=""])').evaluateAll((tds) =>
    tds.map((td) => ({
      key: (td.getAttribute('data-testid') ?? '').replace(/^cell-/, ''),
      status: td.getAttribute('data-status') ?? '',
      text: td.textContent ?? '',
    })),
  );
}

/** The heat map agrees with the API's completeness rows, status words in `lang`; organisations by name. */
async function expectMatchesApi(page: Page, lang: 'en' | 'es'): Promise<Completeness> {
  const api = await apiGet<Completeness>(page, '/api/programs/PE/calendar/completeness');
  expect(api.completeness.length).toBeGreaterThan(0);
  const shown = await cells(page);
  expect(shown.map((c) => c.key).sort()).toEqual(api.completeness.map((r) => `${r.organisation}-${r.period}`).sort());
  for (const row of api.completeness) {
    const cell = shown.find((c) => c.key === `${row.organisation}-${row.period}`);
    expect(cell?.status, `${row.organisation} ${row.period}`).toBe(row.status);
    expect(cell?.text).toContain(REPORT_STATUS_LABELS[row.status][lang]);
  }
  // Rows are named, not coded.
  const orgs = (await apiGet<Organisations>(page, '/api/programs/PE/organisations')).organisations;
  const heads = await page.locator('[data-testid=heat-map] tbody th').allTextContents();
  const codes = [...new Set(api.completeness.map((r) => r.organisation))].sort();
  expect(heads.sort()).toEqual(codes.map((c) => orgs.find((o) => o.code === c)?.[lang === 'es' ? 'name_es' : 'name_en']).sort());
  // The program's totals are the API's counts summed.
  const sum = (k: 'expected' | 'submitted' | 'on_time') => String(api.program.reduce((s, p) => s + p[k], 0));
  const totals = await page.getByTestId('program-totals').locator('td').allTextContents();
  expect(totals.slice(0, 3)).toEqual([sum('expected'), sum('submitted'), sum('on_time')]);
  // Each period's completeness and timeliness are the API's shares.
  const pct = (v: number | null) =>
    v === null ? '—' : `${new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en-US', { maximumFractionDigits: 1 }).format(v * 100)} %`;
  for (const p of api.program) {
    expect(await page.getByTestId(`program-completeness-${p.period}`).textContent(), p.period).toBe(pct(p.completeness));
    expect(await page.getByTestId(`program-timeliness-${p.period}`).textContent(), p.period).toBe(pct(p.timeliness));
  }
  return api;
}

describe('data quality page', () => {
  it('an officer sees the heat map the API gives, with a legend, figures and the indicator filter (English)', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await everyStatus(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data quality' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    await heatMapShown(page);
    const api = await expectMatchesApi(page, 'en');
    expect(new Set(api.completeness.map((r) => r.status))).toEqual(new Set(['on_time', 'late', 'missing', 'not_due']));
    const legend = await page.getByTestId('status-legend').textContent();
    for (const word of ['On time', 'Late', 'Missing', 'Not due yet']) expect(legend).toContain(word);
    expect(await page.getByRole('heading', { level: 2, name: 'Open rule violations and outliers' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'quality-page-en');

    // The indicator filter keeps the reports that name the indicator (the API names them on each report).
    await page.getByLabel('Indicator').selectOption('ERAD_HA');
    const reports = (await apiGet<Reports>(page, '/api/programs/PE/calendar/reports')).reports.filter((r) => r.indicators.includes('ERAD_HA'));
    await expect.poll(async () => (await cells(page)).length).toBe(new Set(reports.map((r) => `${r.organisation}-${r.period}`)).size);
    for (const c of await cells(page)) expect(reports.find((r) => `${r.organisation}-${r.period}` === c.key)?.status).toBe(c.status);
    expect(new URL(page.url()).searchParams.get('indicator')).toBe('ERAD_HA');
    expect(api.completeness.some((r) => r.organisation !== 'CORAH')).toBe(true);
    expect(await page.locator('[data-testid=heat-map] tbody tr').count()).toBe(1);
    await page.context().close();
  });

  it('in Spanish, and an officer reopens a closed period with a comment from the keyboard', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    // Test set-up: CORAH's periods close 40 days after they end, so the demo's are closed today.
    const calendar = await apiGet<{ reports: { organisation: string; close_days: number | null }[] }>(page, '/api/programs/PE/calendar');
    const changed = { reports: calendar.reports.map((e) => (e.organisation === 'CORAH' ? { ...e, close_days: 40 } : e)) };
    expect(await apiSend(page, 'PUT', '/api/programs/PE/calendar', changed)).toBe(200);

    await page.goto(`${vigia.url}/quality`);
    await page.getByRole('heading', { level: 1, name: 'Calidad de datos' }).waitFor();
    await heatMapShown(page);
    await expectMatchesApi(page, 'es');
    const closed = (await apiGet<Reports>(page, '/api/programs/PE/calendar/reports')).reports.filter((r) => r.closed);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.organisation === 'CORAH')).toBe(true);
    const first = closed[0] as Reports['reports'][number];
    expect(await page.getByTestId(`cell-CORAH-${first.period}`).textContent()).toContain('cerrado');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // From the keyboard: the first closed period is chosen; the comment is required.
    await page.getByLabel('Período cerrado', { exact: true }).focus();
    await page.keyboard.press('Tab');
    const comment = page.getByLabel('Motivo de la reapertura (obligatorio)');
    expect(await comment.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('El socio corrige las hectáreas del trimestre.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reopen-done').textContent()).toMatch(/^Reabierto: /);
    const reopenings = await apiGet<{ reopenings: { organisation: string; period: string; comment: string }[] }>(page, '/api/programs/PE/calendar/reopenings');
    expect(reopenings.reopenings).toEqual([
      expect.objectContaining({ organisation: 'CORAH', period: first.period, comment: 'El socio corrige las hectáreas del trimestre.' }),
    ]);
    await expect.poll(() => page.getByTestId(`cell-CORAH-${first.period}`).textContent()).toContain('reabierto');
    await page.getByTestId('reopenings').getByRole('cell', { name: 'El socio corrige las hectáreas del trimestre.' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'quality-page-es');

    // At 390 px, with the reopening form shown, the page does not scroll sideways: the tables scroll in their boxes.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menú' }).waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect(await page.getByTestId('heat-map').evaluate((t) => getComputedStyle(t.parentElement as Element).overflowX)).toBe('auto');
    await screenshot(page, '390px-es-officer-quality-reopen');
    await page.context().close();
  });

  it('a partner sees only their own organisation, and no reopening form', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/quality`);
    await heatMapShown(page);
    const api = await expectMatchesApi(page, 'en');
    expect(new Set(api.completeness.map((r) => r.organisation))).toEqual(new Set(['CORAH']));
    expect(await page.locator('[data-testid=heat-map] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=completeness-table] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('reopen-panel').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });
});

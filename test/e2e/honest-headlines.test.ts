/**
 * Issue 14, acceptance 1: the finding repeated. A partner enters one department's eradication for
 * a new year on the entry page and an officer approves it; the public dashboard still headlines
 * the last complete year, and asking for the new year shows it marked partial with its coverage,
 * in English and Spanish. Then the fiscal-year view with one quarter of records. The expected
 * counts are worked out here from the places and values the API returns, not taken on trust.
 */
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
  period?: string;
  place?: { code: string; name: string; level: number };
  value: number | null;
  coverage: { complete: boolean } | null;
}

/** Analytics rows as the public reads them (approved data, no session). */
async function publicRows(query: string): Promise<Row[]> {
  const r = await fetch(`${vigia.url}/api/analytics?program=PE&approved=true&${query}`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { rows: Row[] }).rows;
}

/** The latest period with a value whose coverage is complete (or unknown: nothing before it). */
const latestComplete = (rows: readonly Row[]) =>
  rows
    .filter((r) => r.value !== null && (r.coverage?.complete ?? true))
    .map((r) => r.period!)
    .sort()
    .at(-1);

const card = (page: Page, id: string) => page.getByTestId(`card-${id}`);
const text = async (page: Page, id: string, part: string) => ((await card(page, id).getByTestId(part).textContent()) ?? '').trim();

async function publicDashboard(language: 'en' | 'es', query = ''): Promise<Page> {
  const page = await newPage(browser, 'about:blank', language);
  await page.goto(`${vigia.url}/${query}`);
  await page.getByTestId('dashboard').waitFor();
  return page;
}

describe('honest headlines (issue 14)', () => {
  it('a year one department reported is not the national headline unless asked for, and then it is marked partial', async () => {
    // What the public sees before: the latest complete year, and who reported it.
    const years = await publicRows('indicator=ERAD_HA&by=period:year&coverage=true');
    const complete = latestComplete(years)!;
    const lastYear = Math.max(...years.filter((r) => r.value !== null).map((r) => Number(r.period)));
    expect(Number(complete)).toBe(lastYear); // the demo's last year is complete
    const newYear = String(lastYear + 1);
    const reportedBefore = (await publicRows(`indicator=ERAD_HA&by=place-level:2&from=${complete}&to=${complete}`)).filter((r) => r.value !== null);
    const expected = reportedBefore.length;
    const department = reportedBefore[0]!.place!;
    expect(expected).toBeGreaterThan(1);

    // The partner enters one department's value for the new year on the entry page and submits it.
    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    await partner.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=${newYear}&to=${newYear}`);
    await partner.getByTestId('entry-grid').waitFor();
    await partner.getByRole('textbox', { name: `${department.name} ${newYear}`, exact: true }).fill('1234');
    await partner.getByTestId('save').click();
    await expect.poll(() => partner.getByTestId('saved').textContent()).toBe('Saved 1 value');
    await partner.goto(`${vigia.url}/approvals`);
    await partner.locator('input[name=period]').fill(newYear);
    await partner.getByTestId('submit-period').click();
    await partner.getByTestId('submit-message').getByText(`Submitted: ${newYear}`).waitFor();

    // The officer approves it on the approvals page.
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/approvals?status=submitted`);
    await officer
      .getByTestId(`submission-CORAH-${newYear}`)
      .getByRole('button', { name: /Review/ })
      .click();
    await officer.getByTestId('submission-detail').getByTestId('approve').click();
    await officer
      .getByTestId('decision-message')
      .getByText(/approved/)
      .waitFor();
    // The public now reads the value: one department of `expected`.
    const after = (await publicRows(`indicator=ERAD_HA&by=place-level:2&from=${newYear}&to=${newYear}`)).filter((r) => r.value !== null);
    expect(after.map((r) => [r.place?.code, r.value])).toEqual([[department.code, 1234]]);

    const en = `partial: 1 of ${expected} departments reported`;
    const es = `parcial: informaron 1 de ${expected} departamentos`;

    // English, by default: the last complete year heads the card; the new one is named as left out.
    const page = await publicDashboard('en');
    await expect.poll(() => text(page, 'ERAD_HA', 'card-period')).toBe(complete);
    expect(await card(page, 'ERAD_HA').getAttribute('data-partial')).toBe('false');
    expect(await text(page, 'ERAD_HA', 'card-left-out')).toBe(`${newYear} not shown: ${en}`);
    expect(await text(page, 'ERAD_HA', 'card-value')).not.toBe('1,234');
    // The chart marks it too.
    await expect.poll(() => page.getByTestId('chart-ERAD_HA').getByTestId('chart-partial').textContent()).toContain(`${newYear} ${en}`);

    // Asked for by its year as "to": shown, marked, and its change on the complete year carries the mark.
    await page.locator('select[name=to]').selectOption(newYear);
    await expect.poll(() => text(page, 'ERAD_HA', 'card-period')).toBe(newYear);
    expect(await text(page, 'ERAD_HA', 'card-value')).toBe('1,234');
    expect(await card(page, 'ERAD_HA').getAttribute('data-partial')).toBe('true');
    expect(await text(page, 'ERAD_HA', 'card-coverage')).toBe(en);
    expect(await text(page, 'ERAD_HA', 'card-change-note')).toBe(`(${newYear} ${en})`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'honest-headlines-partial');

    // Spanish, asked for by the "include partial periods" box.
    const pagina = await publicDashboard('es');
    await expect.poll(() => text(pagina, 'ERAD_HA', 'card-period')).toBe(complete);
    expect(await text(pagina, 'ERAD_HA', 'card-left-out')).toBe(`${newYear} no se muestra: ${es}`);
    await pagina.getByLabel('Incluir períodos parciales').check();
    await expect.poll(() => text(pagina, 'ERAD_HA', 'card-period')).toBe(newYear);
    expect(await text(pagina, 'ERAD_HA', 'card-coverage')).toBe(es);
    expect(await text(pagina, 'ERAD_HA', 'card-change-note')).toBe(`(${newYear} ${es})`);
    await pagina.getByLabel('Incluir períodos parciales').uncheck();
    await expect.poll(() => text(pagina, 'ERAD_HA', 'card-period')).toBe(complete);

    // The map: the latest complete year by default, the partial one named, marked when chosen.
    await officer.goto(`${vigia.url}/map?indicator=ERAD_HA`);
    await expect.poll(() => officer.locator('select[name=period]').inputValue()).toBe(complete);
    await expect.poll(() => officer.getByTestId('map-left-out').textContent()).toContain(`${newYear} is not shown by default (${en})`);
    expect(await officer.locator(`select[name=period] option[value="${newYear}"]`).textContent()).toBe(`${newYear} (partial)`);
    // The places' names are on the map, and no two of them overlap.
    const names = officer.getByTestId('map-labels').locator('text');
    await expect.poll(() => names.count()).toBeGreaterThan(1);
    expect(await names.allTextContents()).toContain(department.name);
    const boxes = await names.evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): DOMRect }).getBoundingClientRect()));
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top).toBe(true);
    await screenshot(officer, 'honest-headlines-map');
    await officer.locator('select[name=period]').selectOption(newYear);
    await expect.poll(() => officer.getByTestId('map-partial').textContent()).toBe(`${newYear} — ${en}. The values are not the whole period.`);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await Promise.all([partner.context().close(), officer.context().close(), page.context().close(), pagina.context().close()]);
  });

  it('a fiscal year with one quarter of records is not headlined as the fiscal year unless asked for, and then marked', async () => {
    const code = 'SEIZ_REC_COCAINE_KG';
    const fiscal = await publicRows(`indicator=${code}&by=period:fy-oct&coverage=true`);
    const last = fiscal
      .filter((r) => r.value !== null)
      .map((r) => r.period!)
      .sort()
      .at(-1)!;
    const lastStart = Number(last.slice(0, 4)); // 2013Oct: FY2014, October 2013 to September 2014
    const newFy = lastStart + 1;
    // Records are event data: what is expected of a fiscal year is the quarters of the year before
    // with any record, program-wide (a department without a seizure is no missing report). The
    // demo's records end in December 2013, so its last fiscal year holds one quarter of records.
    const quartersOf = async (start: number) =>
      new Set((await publicRows(`indicator=${code}&by=period:quarter&from=${start}Q4&to=${start + 1}Q3`)).filter((r) => r.value !== null).map((r) => r.period))
        .size;
    const expected = await quartersOf(lastStart - 1);
    const reported = await quartersOf(lastStart);
    expect(reported).toBeLessThan(expected);
    const headline = latestComplete(await publicRows(`indicator=${code}&by=period:fy-oct&coverage=true`))!;
    const headlineFy = Number(headline.slice(0, 4)) + 1;
    expect(headlineFy).toBeLessThan(newFy);
    const en = `partial: data for ${reported} of ${expected} quarters`;
    const es = `parcial: datos de ${reported} de ${expected} trimestres`;

    const page = await publicDashboard('en', '?year=fiscal');
    await expect.poll(() => text(page, code, 'card-period')).toBe(`FY${headlineFy}`);
    expect(await text(page, code, 'card-left-out')).toBe(`FY${newFy} not shown: ${en}`);
    await page.locator('select[name=to]').selectOption(String(newFy));
    await expect.poll(() => text(page, code, 'card-period')).toBe(`FY${newFy}`);
    expect(await text(page, code, 'card-coverage')).toBe(en);

    const pagina = await publicDashboard('es', `?year=fiscal&to=${newFy}`);
    await expect.poll(() => text(pagina, code, 'card-period')).toBe(`AF${newFy}`);
    expect(await text(pagina, code, 'card-coverage')).toBe(es);
    await Promise.all([page.context().close(), pagina.context().close()]);
  });
});

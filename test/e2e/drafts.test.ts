/**
 * Drafts marked (issue 14): a partner saves a value (a draft, not approved); the officer's
 * dashboard and explorer include it, the explorer's cell says it includes unapproved data
 * (`data-unapproved`; the `p` letter itself comes from the shared marks component), and the
 * "Approved data only" switch shows the figures without it, kept in the address. Every number is
 * checked against the analytics API asked with the officer's own session.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

interface Row {
  place?: { code: string };
  period?: string;
  value: number | null;
  unapproved: boolean;
}

const ENTERED = 777;
const DEPARTMENTS = ['Apurímac', 'Ayacucho', 'Huancavelica', 'Junín', 'Cusco', 'Puno', 'Amazonas'];

/** The analytics API, asked with the page's own session. */
async function analytics(page: Page, query: string): Promise<Row[]> {
  const res = await page.request.get(`${vigia.url}/api/analytics?program=PE&indicator=ERAD_HA&${query}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}

const card = (page: Page) => page.getByTestId('card-ERAD_HA');
async function cardValue(page: Page): Promise<number> {
  const text = (await card(page).getByTestId('card-value').textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

/** The partner enters ENTERED for a department with no value yet in `period`; returns the department's name. */
async function partnerSavesDraft(period: string): Promise<string> {
  const page = await newPage(browser, vigia.url);
  await signIn(page, vigia.url, 'partner');
  await page.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=${period}&to=${period}`);
  await page.getByTestId('entry-grid').waitFor();
  await page.getByRole('columnheader', { name: period, exact: true }).waitFor();
  let target: string | undefined;
  for (const name of DEPARTMENTS) {
    const input = page.getByRole('textbox', { name: `${name} ${period}`, exact: true });
    if ((await input.inputValue()) === '' && (await input.getAttribute('readonly')) === null) {
      target = name;
      break;
    }
  }
  expect(target).toBeDefined();
  await page.getByRole('textbox', { name: `${target} ${period}`, exact: true }).fill(String(ENTERED));
  await page.getByTestId('save').click();
  await expect.poll(() => page.getByTestId('saved').textContent()).toBe('Saved 1 value');
  await page.context().close();
  return target!;
}

describe('drafts marked', () => {
  it("a partner's draft is in the officer's figures, flagged, and left out with the switch on", async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    await card(page).getByTestId('card-value').waitFor();
    const period = ((await card(page).getByTestId('card-period').textContent()) ?? '').trim();
    expect(period).toMatch(/^\d{4}$/);
    const before = await analytics(page, `by=period:year&from=${period}&to=${period}`);

    const department = await partnerSavesDraft(period);

    // The API: the figure now includes the draft and says so; approved only, it does not.
    const [all] = await analytics(page, `by=period:year&from=${period}&to=${period}`);
    const [approved] = await analytics(page, `by=period:year&from=${period}&to=${period}&approved=true`);
    expect(all?.value).toBe((before[0]?.value ?? 0) + ENTERED);
    expect(all?.unapproved).toBe(true);
    expect(approved?.unapproved).toBe(false);
    expect(approved!.value!).toBeLessThanOrEqual(all!.value! - ENTERED);

    // Dashboard: the card includes the draft; the switch shows the approved figure and stays in the address.
    await page.reload();
    await expect.poll(() => card(page).getByTestId('card-period').textContent()).toBe(period);
    await expect.poll(() => cardValue(page)).toBe(all!.value);
    const toggle = page.getByTestId('dashboard-filters').getByRole('switch', { name: 'Approved data only' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.waitForURL(/approved=true/);
    await expect.poll(() => card(page).getByTestId('card-period').textContent()).toBe(period);
    await expect.poll(() => cardValue(page)).toBe(approved!.value);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.reload();
    expect(await page.getByTestId('dashboard-filters').getByRole('switch', { name: 'Approved data only' }).isChecked()).toBe(true);
    await expect.poll(() => cardValue(page)).toBe(approved!.value);

    // Explorer: the department's cell includes the draft and is flagged; with the switch on, neither.
    const cells = await analytics(page, `by=place-level:2,period:year&from=${period}&to=${period}`);
    const cellsApproved = await analytics(page, `by=place-level:2,period:year&from=${period}&to=${period}&approved=true`);
    const places = await page.request.get(`${vigia.url}/api/programs/PE/places`);
    const code = ((await places.json()) as { places: { code: string; name: string }[] }).places.find((p) => p.name === department)?.code ?? '';
    const drafted = cells.find((r) => r.place?.code === code);
    expect(drafted?.value).toBe(ENTERED);
    expect(drafted?.unapproved).toBe(true);
    await page.goto(`${vigia.url}/explorer?indicator=ERAD_HA&rows=place-level:2&cols=period:year&from=${period}&to=${period}`);
    const td = page.locator(`table[data-testid=pivot] td[data-row="${code}"][data-col="${period}"]`);
    await expect.poll(() => td.getAttribute('data-value')).toBe(String(drafted!.value));
    expect(await td.getAttribute('data-unapproved')).toBe('true');
    await page.getByRole('switch', { name: 'Approved data only' }).check();
    await page.waitForURL(/approved=true/);
    // The department had no value before: approved only, its cell is empty (or its row gone).
    expect(cellsApproved.find((r) => r.place?.code === code)?.value ?? null).toBeNull();
    await expect.poll(async () => ((await td.count()) === 0 ? '' : await td.getAttribute('data-value'))).toBe('');
    await expect.poll(() => page.locator('table[data-testid=pivot] td[data-unapproved]').count()).toBe(0);
    // The export link carries the choice too.
    expect(await page.getByTestId('export-csv').getAttribute('href')).toContain('approved=true');
    await page.context().close();
  });

  it('offers no switch to a partner (its analytics are approved data only) nor on the public page', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/dashboard`);
    await card(page).getByTestId('card-value').waitFor();
    expect(await page.getByTestId('approved-only').count()).toBe(0);
    const rows = await analytics(page, 'by=period:year');
    expect(rows.filter((r) => r.unapproved)).toEqual([]);
    await page.goto(`${vigia.url}/public`);
    await page.getByTestId('dashboard-filters').waitFor();
    expect(await page.getByTestId('approved-only').count()).toBe(0);
    await page.context().close();
  });

  it('says it in Spanish: "Solo datos aprobados" on the map, kept in the address', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/map`);
    const toggle = page.getByTestId('map-filters').getByRole('switch', { name: 'Solo datos aprobados' });
    await toggle.check();
    await page.waitForURL(/approved=true/);
    await page.reload();
    expect(await page.getByTestId('map-filters').getByRole('switch', { name: 'Solo datos aprobados' }).isChecked()).toBe(true);
    await page.context().close();
  });
});

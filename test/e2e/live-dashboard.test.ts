/**
 * The promise: enter a value and see the dashboard change without reloading anything by
 * hand. An officer (whose dashboard includes drafts) reads the ERAD_HA card, enters a value for a
 * department in the card's period, saves, goes back to the dashboard in-app and sees the sum grow.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const card = (page: Page) => page.getByTestId('card-ERAD_HA');
/** The card's figure as a number (English formatting: 15,350.5). */
async function cardValue(page: Page): Promise<number> {
  const text = (await card(page).getByTestId('card-value').textContent()) ?? '';
  return Number(text.replace(/,/g, ''));
}

const ENTERED = 321;

describe('live dashboard', () => {
  it('shows a value saved on the entry page at once, without a page load', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    await card(page).getByTestId('card-value').waitFor();
    const before = await cardValue(page);
    const period = ((await card(page).getByTestId('card-period').textContent()) ?? '').trim();
    expect(Number.isFinite(before)).toBe(true);
    expect(period).toMatch(/^\d{4}$/);
    // Set on this document: it survives only if no full page load happens from here on.
    await page.evaluate(() => {
      (window as unknown as { __noReload: string }).__noReload = 'still here';
    });

    const nav = page.locator('.app-nav');
    await nav.getByRole('link', { name: 'Data entry', exact: true }).click();
    await page.getByTestId('pick-indicator').selectOption('ERAD_HA');
    await page.getByTestId('pick-type').selectOption('year');
    await page.getByTestId('pick-from').fill(period);
    await page.getByTestId('pick-to').fill(period);
    await page.getByRole('columnheader', { name: period, exact: true }).waitFor();

    // A department with no value yet in that period (approved ones are locked).
    let target: string | undefined;
    for (const name of ['Apurímac', 'Ayacucho', 'Huancavelica', 'Junín', 'Cusco', 'Puno', 'Amazonas']) {
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

    await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await card(page).getByTestId('card-value').waitFor();
    await expect.poll(() => card(page).getByTestId('card-period').textContent()).toBe(period);
    await expect.poll(() => cardValue(page)).toBe(before + ENTERED);
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: string }).__noReload)).toBe('still here');
  });
});

/** Issue 14 item 7: a partner's data-entry list starts with the indicators its organisation reports. */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

describe('data entry for a partner', () => {
  it("opens on what the partner's organisation reports, listed first", async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'partner');
    const r = await page.request.get(`${vigia.url}/api/programs/PE/organisations/CORAH/reported-indicators`);
    expect(r.status()).toBe(200);
    const own = ((await r.json()) as { indicators: { indicator: string }[] }).indicators.map((i) => i.indicator);
    // CORAH eradicates: the demo's eradication figures are its own.
    expect(own).toContain('ERAD_HA');

    await page.goto(`${vigia.url}/entry`);
    const picker = page.getByTestId('pick-indicator');
    await picker.locator('optgroup[data-testid=own-indicators] option').first().waitFor({ state: 'attached' });
    const listed = await picker.locator('optgroup[data-testid=own-indicators] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(listed).toEqual(own.filter((code) => listed.includes(code)));
    expect(listed[0]).toBe(own[0]);
    expect(await picker.inputValue()).toBe(own[0]);
    expect(await picker.locator('option').first().getAttribute('value')).toBe(own[0]);
    await page.close();
  });

  it('an officer sees the list in its usual order', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/entry`);
    await page.getByTestId('pick-indicator').waitFor();
    expect(await page.locator('optgroup[data-testid=own-indicators]').count()).toBe(0);
    await page.close();
  });
});

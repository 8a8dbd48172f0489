/**
 * Pages that explain themselves (issue 14, item 7): a page the reader's role cannot use says
 * so (not "no such page"), an unknown path still says there is no such page, the explorer opens
 * on an indicator with values, and the approvals page says how submissions arrive when it has none.
 */
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

describe('pages that explain themselves', () => {
  it('a partner at /admin is told it is not permitted, in English and Spanish; an unknown path is no such page', async () => {
    const en = await newPage(browser, vigia.url);
    await signIn(en, vigia.url, 'partner');
    await en.goto(`${vigia.url}/admin`);
    const notPermitted = en.getByTestId('not-permitted');
    await expect.poll(() => notPermitted.locator('h1').textContent()).toBe('You are not permitted to use this page: Administration');
    expect(await en.getByText('There is no such page.').count()).toBe(0);
    await notPermitted.getByRole('link').click();
    await en.waitForURL(`${vigia.url}/dashboard`);

    await en.goto(`${vigia.url}/no-such-page`);
    await en.getByText('There is no such page.').waitFor();
    expect(await en.getByTestId('not-permitted').count()).toBe(0);

    const es = await newPage(browser, vigia.url, 'es');
    await signIn(es, vigia.url, 'partner');
    await es.goto(`${vigia.url}/admin`);
    await expect.poll(() => es.getByTestId('not-permitted').locator('h1').textContent()).toBe('No tiene permiso para usar esta página: Administración');
    await es.goto(`${vigia.url}/no-such-page`);
    await es.getByText('No existe esa página.').waitFor();
    await en.context().close();
    await es.context().close();
  });

  it('the explorer opens on an indicator with values', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'analyst');
    await page.goto(`${vigia.url}/explorer`);
    const cells = page.locator('table[data-testid=pivot] td[data-value]');
    await cells.first().waitFor();
    expect(await page.getByTestId('no-data').count()).toBe(0);
    const chosen = await page.locator('select[name=indicator]').inputValue();
    // The API agrees that the chosen indicator has values for this reader.
    expect(chosen).not.toBe('POLICE_ACADEMIES_N');
    const res = await page.request.get(`${vigia.url}/api/analytics?program=PE&indicator=${chosen}&by=place-level:2`);
    const rows = ((await res.json()) as { rows: { value: number | null }[] }).rows;
    expect(rows.some((r) => r.value !== null)).toBe(true);
    // A choice in the address is kept.
    await page.goto(`${vigia.url}/explorer?indicator=ERAD_HA`);
    await expect.poll(() => page.locator('select[name=indicator]').inputValue()).toBe('ERAD_HA');
    await page.context().close();
  });

  it('the approvals page says how submissions arrive when there are none', async () => {
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/approvals`);
    await expect
      .poll(() => officer.getByTestId('queue-empty').textContent())
      .toMatch(/^Nothing to review yet\. Submissions arrive here when a partner organisation submits a period/);

    const partner = await newPage(browser, vigia.url, 'es');
    await signIn(partner, vigia.url, 'partner');
    await partner.goto(`${vigia.url}/approvals`);
    await expect
      .poll(() => partner.getByTestId('mine-empty').textContent())
      .toMatch(/^Su organización aún no ha enviado nada\. Ingrese valores en Ingreso de datos/);
    await officer.context().close();
    await partner.context().close();
  });
});

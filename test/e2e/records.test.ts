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

/** Cocaine seized in Huánuco (PE-10) in 2013, as the signed-in user's analytics reads it. */
async function cocaineKg(page: Page): Promise<number> {
  const r = await page
    .context()
    .request.get(`${vigia.url}/api/analytics?program=PE&indicator=SEIZ_REC_COCAINE_KG&by=period:year&from=2013&to=2013&place=PE-10`);
  expect(r.status()).toBe(200);
  const body = (await r.json()) as { rows: Array<{ value: number }> };
  return body.rows.reduce((s, row) => s + row.value, 0);
}

async function openSeizures(page: Page, query = ''): Promise<void> {
  await page.goto(`${vigia.url}/records?type=seizure${query}`);
  await page.getByTestId('records-showing').waitFor();
}

describe('records', () => {
  it('an officer creates a seizure through the generated form, finds it, edits it, and SEIZ_REC_COCAINE_KG moves', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await openSeizures(page);
    await page.getByTestId('records-table').waitFor();
    await expect.poll(() => page.getByTestId('type-seizure').textContent()).toMatch(/^Seizure \([\d,]+\)$/);
    expect(await page.locator('[data-testid=records-table] thead th').allTextContents()).toEqual(
      expect.arrayContaining(['Reference', 'Date', 'Place', 'Substance', 'Quantity', 'Status']),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'records');

    const before = await cocaineKg(page);
    await page.getByTestId('new-record').click();
    await page.getByTestId('record-form').waitFor();
    // The officer is cleared for restricted data: coordinates and case reference are there.
    for (const code of ['latitude', 'longitude', 'case_reference']) expect(await page.locator(`#rf-${code}`).count()).toBe(1);
    await page.locator('#rf-date').fill('2013-06-15');
    await page.locator('#rf-place').selectOption('PE-10');
    await page.locator('#rf-substance').selectOption('cocaine_base');
    await page.locator('#rf-quantity').fill('123.5');
    // Checked as typed, against the definition (latitude: -90…90).
    await page.locator('#rf-latitude').fill('95');
    await page.locator('#rf-latitude').blur();
    await expect.poll(() => page.getByTestId('error-latitude').textContent()).toBe('Must be at most 90.');
    await page.locator('#rf-latitude').fill('-9.31');
    expect(await page.getByTestId('error-latitude').count()).toBe(0);
    await page.locator('#rf-longitude').fill('-75.92');
    await page.locator('#rf-case_reference').fill('E2E-CASE-0001');
    await page.locator('#rf-ref').fill('E2E-SZ-0001');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'record-form');
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('records-message').textContent()).toBe('Record E2E-SZ-0001 created.');
    expect(await cocaineKg(page)).toBeCloseTo(before + 123.5, 6);

    // Found in the list through the filters.
    await page.getByTestId('filter-place').selectOption('PE-10');
    await page.getByTestId('filter-from').fill('2013-06-15');
    await page.getByTestId('filter-to').fill('2013-06-15');
    const row = page.locator('tr[data-ref="E2E-SZ-0001"]');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toMatch(/Cocaine base \(PBC\).*123\.5 kg.*Draft/);

    // Edit: 0.2 t is 200 kg.
    await row.getByRole('button', { name: 'Edit record E2E-SZ-0001' }).click();
    await page.getByTestId('record-form').waitFor();
    await expect.poll(() => page.locator('#rf-case_reference').inputValue()).toBe('E2E-CASE-0001');
    await page.locator('#rf-quantity').fill('0.2');
    await page.locator('#rf-quantity-unit').selectOption('t');
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('records-message').textContent()).toBe('Record E2E-SZ-0001 saved.');
    await expect.poll(() => row.textContent()).toMatch(/0\.2 t/);
    expect(await cocaineKg(page)).toBeCloseTo(before + 200, 6);
  });

  it('a required field left empty shows its error, and nothing is saved', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await openSeizures(page);
    const total = await page.getByTestId('type-seizure').textContent();
    await page.getByTestId('new-record').click();
    await page.locator('#rf-date').fill('2013-07-01');
    await page.locator('#rf-place').selectOption('PE-22');
    await page.locator('#rf-substance').selectOption('marijuana');
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('error-quantity').textContent()).toBe('Required.');
    await expect.poll(() => page.getByTestId('form-problems').textContent()).toMatch(/fix the 1 problem/);
    expect(await page.locator('#rf-quantity').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#rf-quantity').fill('-3');
    await expect.poll(() => page.getByTestId('error-quantity').textContent()).toBe('Must not be negative.');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('type-seizure').textContent()).toBe(total);
  });

  it('a stale edit gets a clear conflict message and keeps the input; delete asks first', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await openSeizures(page, '&place=PE-10&from=2013-06-15&to=2013-06-15');
    const row = page.locator('tr[data-ref="E2E-SZ-0001"]');
    await row.getByRole('button', { name: /Edit record/ }).click();
    await page.getByTestId('record-form').waitFor();
    const id = Number(new URL(page.url()).searchParams.get('record'));
    // Someone else saves first.
    const current = (await (await page.context().request.get(`${vigia.url}/api/programs/PE/records/${id}`)).json()) as { version: number };
    const other = await page.context().request.patch(`${vigia.url}/api/programs/PE/records/${id}`, {
      headers: { 'X-Requested-With': 'vigia' },
      data: { version: current.version, data: { arrests: 4 } },
    });
    expect(other.status()).toBe(200);
    await page.locator('#rf-operation').fill('Operación Tormenta');
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('conflict').textContent()).toMatch(/Someone else changed this record/);
    await expect.poll(() => page.locator('#rf-operation').inputValue()).toBe('Operación Tormenta');

    // Load their version, then delete the record (after confirming): its 200 kg leave the indicator.
    await page.getByRole('button', { name: /Load their version/ }).click();
    await expect.poll(() => page.locator('#rf-arrests').inputValue()).toBe('4');
    const withIt = await cocaineKg(page);
    await page.getByTestId('delete-record').click();
    await expect.poll(() => page.getByTestId('delete-confirm').textContent()).toMatch(/Delete record E2E-SZ-0001\?/);
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect.poll(() => page.getByTestId('records-message').textContent()).toBe('Record E2E-SZ-0001 deleted.');
    await page.getByTestId('no-records').waitFor();
    expect(await cocaineKg(page)).toBeCloseTo(withIt - 200, 6);
  });

  it('a partner writes in its own name and reads the form in Spanish', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'partner');
    await openSeizures(page);
    await page.getByTestId('new-record').click();
    await page.getByTestId('record-form').waitFor();
    await expect.poll(() => page.locator('label[for=rf-substance]').textContent()).toMatch(/^Sustancia \*/);
    expect(await page.locator('#rf-substance option').allTextContents()).toContain('Pasta básica de cocaína (PBC)');
    // Partners are cleared for official data only: the restricted fields are not rendered.
    await expect.poll(() => page.getByTestId('hidden-note').textContent()).toBe('3 campos reservados están ocultos para su nivel de acceso.');
    expect(await page.locator('#rf-latitude, #rf-longitude, #rf-case_reference').count()).toBe(0);
    await expect.poll(() => page.locator('#rf-agency').inputValue()).toBe('CORAH');
    expect(await page.locator('#rf-agency').isDisabled()).toBe(true);
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('error-date').textContent()).toBe('Obligatorio.');
    await page.locator('#rf-date').fill('2013-08-02');
    await page.locator('#rf-place').selectOption('PE-10');
    await page.locator('#rf-substance').selectOption('coca_leaf');
    await page.locator('#rf-quantity').fill('40');
    await page.locator('#rf-ref').fill('E2E-CORAH-0001');
    await page.getByTestId('save-record').click();
    await expect.poll(() => page.getByTestId('records-message').textContent()).toBe('Se creó el registro E2E-CORAH-0001.');
    await openSeizures(page, '&place=PE-10&from=2013-08-02&to=2013-08-02');
    await expect.poll(() => page.locator('tr[data-ref="E2E-CORAH-0001"]').textContent()).toMatch(/Hoja de coca.*CORAH.*Borrador.*Editar/);
  });

  it('an analyst reads a seizure without its restricted fields, in the page or in any API response', async () => {
    const page = await newPage(browser, vigia.url);
    const bodies: Promise<string>[] = [];
    page.on('response', (r) => {
      if ((r.headers()['content-type'] ?? '').includes('json')) bodies.push(r.text().catch(() => ''));
    });
    await signIn(page, vigia.url, 'analyst');
    await openSeizures(page);
    await page.getByTestId('records-table').waitFor();
    await expect.poll(() => page.getByTestId('hidden-note').textContent()).toBe('3 restricted fields are hidden at your clearance.');
    expect(await page.getByTestId('new-record').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Edit/ }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page
      .getByRole('button', { name: /^Open record/ })
      .first()
      .click();
    await page.getByTestId('record-details').waitFor();
    await expect.poll(() => page.getByTestId('value-substance').textContent()).toMatch(/^Substance/);
    for (const code of ['latitude', 'longitude', 'case_reference']) {
      expect(await page.locator(`[data-testid=value-${code}], #rf-${code}, [data-field=${code}]`).count()).toBe(0);
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Latitude|Longitude|Case reference|DEMO-\d{4}-\d{4}/);
    expect(await page.getByTestId('record-form').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const all = await Promise.all(bodies);
    expect(all.some((b) => b.includes('"items"'))).toBe(true);
    for (const b of all) {
      expect(b).not.toMatch(/"(latitude|longitude|case_reference)"\s*:/);
      expect(b).not.toMatch(/DEMO-\d{4}-\d{4}/);
    }
  });
});

/**
 * The "submit, then approve as a program officer": a partner (CORAH) submits a period
 * of its draft data; the officer, in another browser, sees it in the queue with what it holds
 * and approves it; the partner sees "approved". Returning needs a comment, which the partner sees.
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

/** Writes a draft value as the signed-in user of `page`, through the API. */
async function putDraft(page: Page, place: string, period: string, value: number): Promise<void> {
  const r = await page.request.put(`${vigia.url}/api/programs/PE/values`, {
    headers: { 'X-Requested-With': 'vigia' },
    data: { indicator: 'ERAD_HA', place, period, value, version: 0 },
  });
  expect(r.status(), await r.text()).toBe(200);
}

async function submitPeriod(page: Page, period: string): Promise<void> {
  await page.goto(`${vigia.url}/approvals`);
  await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  await page.locator('input[name=period]').fill(period);
  await page.getByTestId('submit-period').click();
  await page.getByTestId('submit-message').getByText(`Submitted: ${period}`).waitFor();
}

const myStatus = (page: Page, period: string) => page.getByTestId(`my-submission-${period}`).getByTestId('status');

describe('approvals', () => {
  it('a partner submits a period, the officer approves it, and the partner sees it approved', async () => {
    const partner = await newPage(browser, vigia.url);
    await signIn(partner, vigia.url, 'partner');
    await putDraft(partner, 'PE-10', '2031', 120);
    await putDraft(partner, 'PE-22', '2031', 80);
    await partner.goto(`${vigia.url}/approvals`);
    await partner.getByText(/Periods with draft or returned data: .*2031/).waitFor();
    await submitPeriod(partner, '2031');
    expect(await myStatus(partner, '2031').textContent()).toBe('submitted');
    expect(await partner.getByTestId('my-submission-2031').locator('td.num').first().textContent()).toBe('2');
    expect(await seriousA11yViolations(partner)).toEqual([]);

    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/approvals?status=submitted`);
    const row = officer.getByTestId('submission-CORAH-2031');
    await row.waitFor();
    expect(await row.getByTestId('status').textContent()).toBe('submitted');
    expect(await row.textContent()).toMatch(/E2E partner/);
    await row.getByRole('button', { name: /Review/ }).click();
    const detail = officer.getByTestId('submission-detail');
    const values = detail.getByTestId('submission-values').locator('tbody tr');
    await values.first().waitFor();
    expect(await values.count()).toBe(2);
    // Places by name (Huánuco, not its code PE-10).
    const texts = await values.allTextContents();
    expect(texts).toEqual([expect.stringMatching(/Huánuco.*2031.*120/), expect.stringMatching(/San Martín.*2031.*80/)]);
    expect(texts.join(' ')).not.toMatch(/PE-\d/);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await screenshot(officer, 'approvals');

    await detail.getByTestId('approve').click();
    await officer
      .getByTestId('decision-message')
      .getByText(/approved/)
      .waitFor();

    await partner.reload();
    await myStatus(partner, '2031').getByText('approved').waitFor();
    expect(await myStatus(partner, '2031').textContent()).toBe('approved');
  });

  it('returning needs a comment, and the partner sees the comment', async () => {
    const partner = await newPage(browser, vigia.url, 'es');
    await signIn(partner, vigia.url, 'partner');
    await putDraft(partner, 'PE-12', '2032', 55);
    await partner.goto(`${vigia.url}/approvals`);
    await partner.getByRole('heading', { level: 1, name: 'Aprobaciones' }).waitFor();
    await partner.locator('input[name=period]').fill('2032');
    await partner.getByTestId('submit-period').click();
    await partner.getByTestId('submit-message').getByText('Enviado: 2032').waitFor();

    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.goto(`${vigia.url}/approvals`);
    await officer
      .getByTestId('submission-CORAH-2032')
      .getByRole('button', { name: /Review/ })
      .click();
    const detail = officer.getByTestId('submission-detail');
    await detail.getByTestId('return').click();
    // The required comment stops the form: nothing is sent and it stays submitted.
    expect(
      await detail.getByTestId('decision-comment').evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
    ).toBe(true);
    expect(await officer.getByTestId('submission-CORAH-2032').getByTestId('status').textContent()).toBe('submitted');
    await detail.getByTestId('decision-comment').fill('Huánuco figure looks too low: check the 2032 field reports');
    await detail.getByTestId('return').click();
    await officer
      .getByTestId('decision-message')
      .getByText(/returned/)
      .waitFor();
    // The list refetches after the decision: wait for its row to say so (it may lag the message).
    await officer.getByTestId('submission-CORAH-2032').getByTestId('status').getByText('returned', { exact: true }).waitFor();

    await partner.reload();
    const mine = partner.getByTestId('my-submission-2032');
    await mine.getByText('devuelto').waitFor();
    expect(await mine.getByTestId('comment').textContent()).toBe('Huánuco figure looks too low: check the 2032 field reports');
    expect(await seriousA11yViolations(partner)).toEqual([]);
  });
});

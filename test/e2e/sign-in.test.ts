import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

describe('sign in', () => {
  it('shows the user, organisation and role in the header', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'partner');
    const who = page.getByTestId('who');
    await expect.poll(() => who.textContent()).toMatch(/E2E partner · CORAH · Partner/);
    await expect.poll(() => page.getByTestId('program-name').textContent()).toMatch(/Peru|Perú/);
    await screenshot(page, 'sign-in-done');
  });

  it('refuses a wrong password with a message, not a crash', async () => {
    const page = await newPage(browser, `${vigia.url}/sign-in`);
    await page.locator('input[name=email]').fill('officer@e2e.test');
    await page.locator('input[name=password]').fill('wrong password');
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Sign-in failed/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });
});

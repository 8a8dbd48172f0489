/**
 * Issue 14, accounts in the browser: a user made with a one-time password is held on the
 * change-password page at first sign-in (every other page too) until they choose their own;
 * the account page's change-password form ends the other sessions; the sign-in page offers no
 * "forgot password" when the server has no e-mail, and with e-mail (a real SMTP server on
 * loopback) the link leads to a mail whose link sets a new password.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, newPage, screenshot, seriousA11yViolations, startAndStop } from './browser.js';
import { E2E_USERS, startVigia, type RunningVigia } from './vigia-server.js';
import { createUser } from '../../src/modules/accounts/users.service.js';
import { smtpMailer } from '../../src/modules/accounts/mailer.js';
import { startSmtpInbox, type SmtpInbox } from '../helpers/smtp-inbox.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const EMAIL = 'first.timer@e2e.test';

async function signInWith(page: Page, password: string): Promise<void> {
  await page.goto(`${vigia.url}/sign-in`);
  await page.locator('input[name=email]').fill(EMAIL);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
}

async function fillPasswordForm(page: Page, current: string, next: string, confirm = next): Promise<void> {
  const form = page.getByTestId('password-form');
  await form.locator('input[name=current_password]').fill(current);
  await form.locator('input[name=new_password]').fill(next);
  await form.locator('input[name=confirm_password]').fill(confirm);
  await form.locator('button[type=submit]').click();
}

describe('passwords in the browser', () => {
  it('without e-mail, the sign-in page has no "forgot password" link', async () => {
    const page = await newPage(browser, vigia.url);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/options'));
    await page.goto(`${vigia.url}/sign-in`);
    // The link depends on the server's answer: wait for it, and for the page to take input after it.
    expect(await (await answered).json()).toEqual({ forgot_password: false });
    await page.locator('input[name=email]').fill('someone@e2e.test');
    expect(await page.getByRole('link', { name: /forgot/i }).count()).toBe(0);
    await page.context().close();
  });

  it('a one-time password is changed at first sign-in before any page opens; then the account page changes it again', async () => {
    const made = await createUser(vigia.db, { email: EMAIL, name: 'First Timer', role: 'analyst' }, null);
    const oneTime = made.generatedPassword ?? '';
    const page = await newPage(browser, vigia.url);
    await signInWith(page, oneTime);
    const forced = page.getByTestId('forced-password-change');
    await forced.waitFor();
    expect(await page.getByRole('navigation').getByRole('link').count()).toBe(0);
    // Another page's address shows the same page.
    await page.goto(`${vigia.url}/explorer`);
    await forced.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'forced-password-change');

    await fillPasswordForm(page, oneTime, 'mine at last, ten+', 'not the same twice');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/differ/);
    await fillPasswordForm(page, 'wrong one-time password', 'mine at last, ten+');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/current password is wrong/);
    await fillPasswordForm(page, oneTime, 'mine at last, ten+');
    await page.getByTestId('who').waitFor();
    await forced.waitFor({ state: 'detached' });
    // The navigation follows the roles in the current program, asked again once the password is the user's own.
    await expect.poll(() => page.getByRole('navigation').getByRole('link', { name: 'Account' }).count()).toBe(1);

    // A second browser signed in with the new password; the first changes it on the account page.
    const other = await newPage(browser, vigia.url);
    await signInWith(other, 'mine at last, ten+');
    await other.getByTestId('who').waitFor();
    await page.goto(`${vigia.url}/account`);
    await fillPasswordForm(page, 'mine at last, ten+', 'changed on the account page');
    await expect.poll(() => page.getByTestId('password-changed').textContent()).toMatch(/Your password is changed/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'account-password');
    // This browser stays signed in; the other one's session has ended.
    await page.reload();
    await page.getByTestId('who').waitFor();
    const me = (await (await other.request.get(`${vigia.url}/api/auth/me`)).json()) as { user: unknown };
    expect(me.user).toBeNull();
    await page.context().close();
    await other.context().close();
  });
});

describe('forgot password in the browser, with e-mail', () => {
  let mailed: RunningVigia;
  let inbox: SmtpInbox;
  let chromium: Browser;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    const from = 'Vigia <vigia@e2e.test>';
    // Links point at a public URL that is not this test server's; the test opens the same path here.
    mailed = await startVigia({ mail: { mailer: smtpMailer(inbox.url, from), from, publicUrl: 'https://vigia.invalid' } });
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await chromium?.close();
    await mailed?.close();
    await inbox?.close();
  });

  it('the sign-in page links to "forgot password"; the mailed link sets a new password once', async () => {
    const page = await newPage(chromium, `${mailed.url}/sign-in`, 'es');
    await page.getByRole('link', { name: '¿Olvidó su contraseña?' }).click();
    await page.locator('input[name=email]').fill(E2E_USERS.analyst.email);
    await page.getByRole('button', { name: 'Enviar el enlace' }).click();
    await expect.poll(() => page.getByTestId('forgot-sent').textContent()).toMatch(/Si la dirección pertenece a una cuenta activa/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const mail = await inbox.nth(0);
    expect(mail.to).toEqual([E2E_USERS.analyst.email]);
    // The page asked in Spanish and the user has no language chosen: the mail is in Spanish.
    expect(mail.subject).toBe('Vigia: establezca una nueva contraseña');
    const link = mail.text.match(/https:\/\/vigia\.invalid(\/reset-password#token=\S+)/)?.[1];
    expect(link).toBeDefined();

    await page.goto(`${mailed.url}${link}`);
    await page.locator('input[name=new_password]').fill('set from the e-mail');
    await page.locator('input[name=confirm_password]').fill('set from the e-mail');
    await page.getByRole('button', { name: 'Establecer la contraseña' }).click();
    await page.getByTestId('reset-done').waitFor();
    await screenshot(page, 'reset-password-es');

    // The same link a second time (a fresh page load) is refused.
    await page.goto(`${mailed.url}/public`);
    await page.goto(`${mailed.url}${link}`);
    await page.locator('input[name=new_password]').fill('another try at it');
    await page.locator('input[name=confirm_password]').fill('another try at it');
    await page.getByRole('button', { name: 'Establecer la contraseña' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/no es válido, ya se usó o caducó/);

    await page.goto(`${mailed.url}/sign-in`);
    await page.locator('input[name=email]').fill(E2E_USERS.analyst.email);
    await page.locator('input[name=password]').fill('set from the e-mail');
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('who').waitFor();
    await page.context().close();
  });
});

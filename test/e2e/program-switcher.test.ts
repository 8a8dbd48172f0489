/**
 * Roles per program in the web app (issue 17, point 2): a second program (YY) is loaded beside
 * the Peru demo; the program officer of PE is no member of YY. In PE it sees Approvals; switched
 * to YY (listed under "Public programs") it sees YY as the public does — no Approvals link, the
 * page refused, its role shown as "Public". English and Spanish, axe-clean (Chromium).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMiniProgram } from '../helpers/mini-program.js';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});
beforeAll(async () => {
  await createMiniProgram(vigia.db, 'YY');
});

const WORDS = {
  en: {
    nav: 'Main',
    approvals: 'Approvals',
    account: 'Your account',
    publicDashboard: 'Public dashboard',
    mine: 'My programs',
    others: 'Public programs',
    officer: 'Program officer',
    public: 'Public',
  },
  es: {
    nav: 'Principal',
    approvals: 'Aprobaciones',
    account: 'Su cuenta',
    publicDashboard: 'Tablero público',
    mine: 'Mis programas',
    others: 'Programas públicos',
    officer: 'Oficial de programa',
    public: 'Público',
  },
} as const;

const navLinks = (page: Page, nav: string) => page.getByRole('navigation', { name: nav }).getByRole('link').allTextContents();

describe('the program switcher and the role in the current program', () => {
  for (const language of ['en', 'es'] as const) {
    it(`an officer of PE sees Approvals there and not in YY, where it is no member (${language})`, async () => {
      const w = WORDS[language];
      const page = await newPage(browser, vigia.url, language);
      await signIn(page, vigia.url, 'officer');
      const switcher = page.locator('header select');

      // PE: the officer's own program, first, under "My programs"; YY under "Public programs".
      await switcher.locator('optgroup').first().waitFor({ state: 'attached' });
      expect(await switcher.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual([w.mine, w.others]);
      expect(await switcher.locator(`optgroup[label="${w.mine}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['PE']);
      expect(await switcher.locator(`optgroup[label="${w.others}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['YY']);
      expect(await switcher.inputValue()).toBe('PE');
      await expect.poll(() => navLinks(page, w.nav)).toContain(w.approvals);
      expect(await page.getByTestId('who').textContent()).toContain(w.officer);
      await page.goto(`${vigia.url}/approvals`);
      await page.getByRole('heading', { level: 1, name: w.approvals }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // YY: seen as the public sees it (the user's own account page stays).
      await switcher.selectOption('YY');
      await page.getByTestId('not-permitted').waitFor();
      await expect.poll(() => navLinks(page, w.nav)).toEqual([w.account, w.publicDashboard]);
      expect(await page.getByTestId('who').textContent()).toContain(w.public);
      await page.goto(`${vigia.url}/`);
      await page.getByRole('heading', { level: 1, name: w.publicDashboard }).waitFor();
      expect(await switcher.inputValue()).toBe('YY');
      expect(await navLinks(page, w.nav)).not.toContain(w.approvals);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `program-switcher-non-member-${language}`);

      // Back in PE, Approvals again.
      await switcher.selectOption('PE');
      await expect.poll(() => navLinks(page, w.nav)).toContain(w.approvals);
      await page.context().close();
    }, 120_000);
  }
});

/** Browser-test helpers: a page per user, sign-in, screenshots and the axe-core check. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../helpers/chromium.js';
import { afterAll, beforeAll } from 'vitest';
import { E2E_PASSWORD, E2E_USERS, ROOT, startVigia, type E2EUser, type RunningVigia } from './vigia-server.js';

export { CHROMIUM, launchBrowser };

/** A new page in its own context (its own cookies), 1280×800, English unless told. */
export async function newPage(browser: Browser, url: string, language: 'en' | 'es' = 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: language === 'es' ? 'es-PE' : 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return page;
}

export async function signIn(page: Page, baseUrl: string, who: E2EUser): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[name=email]').fill(E2E_USERS[who].email);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('who').waitFor();
}

export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

/** Writes a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Starts a Vigia and a browser before the file's tests and stops both after; `use` receives
 * them once started (test files keep them in their own variables).
 */
export function startAndStop(use: (vigia: RunningVigia, browser: Browser) => void): void {
  let vigia: RunningVigia | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    vigia = await startVigia();
    browser = await launchBrowser();
    use(vigia, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await vigia?.close();
  });
}

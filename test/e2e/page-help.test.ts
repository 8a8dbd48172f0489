/** Issue 14 item 7: every page says in a sentence or two, under its heading, what it is for — in English and Spanish. */
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { NAMESPACES, type Namespace } from '../../src/web/i18n/resources';
import { newPage, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const PAGES: [string, Namespace][] = [
  ['/dashboard', 'dashboard'],
  ['/public', 'public'],
  ['/explorer', 'explorer'],
  ['/map', 'map'],
  ['/entry', 'entry'],
  ['/approvals', 'approvals'],
  ['/records', 'records'],
  ['/imports', 'imports'],
  ['/reports', 'reports'],
  ['/quality', 'quality'],
  ['/validation-rules', 'rules'],
  ['/admin', 'admin'],
  ['/account', 'account'],
  ['/tracking', 'tracking'],
  ['/indicators/ERAD_HA', 'indicator'],
  ['/notifications', 'notifications'],
];

describe('page help', () => {
  it.each(['en', 'es'] as const)('every page shows its help under its heading (%s)', async (lang) => {
    const page = await newPage(browser, vigia.url, lang);
    await signIn(page, vigia.url, 'admin');
    for (const [path, ns] of PAGES) {
      await page.goto(`${vigia.url}${path}`);
      const help = page.getByTestId('page-help');
      await help.waitFor();
      expect(await help.textContent(), path).toBe((NAMESPACES[ns][lang] as { help: string }).help);
      // Right under the heading.
      expect(await page.locator('h1 + [data-testid=page-help]').count(), path).toBe(1);
    }
    await page.close();
  });
});

/**
 * The "switch to Spanish": one click in the header turns the whole app into Peruvian
 * Spanish (labels, <html lang>, dates and numbers by es-PE), the choice survives a reload, and
 * no page leaves English UI words behind.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { newPage, screenshot, signIn, startAndStop } from './browser.js';
import type { RunningVigia } from './vigia-server.js';
import { NAMESPACES } from '../../src/web/i18n/resources.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main|Principal)$/ });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Waits until the page's main area has its heading and nothing in it is still loading. */
async function settled(page: Page, heading: string): Promise<void> {
  await h1(page).filter({ hasText: heading }).waitFor();
  await page.locator('main [aria-busy=true]').first().waitFor({ state: 'detached' });
  await page
    .locator('main')
    .getByText(/^(Loading|Cargando)…$/)
    .first()
    .waitFor({ state: 'detached' });
}

/** Every text node of <main> (and its labelling attributes), except text marked lang="en" on purpose. */
function mainTexts(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((m) => {
    const out: string[] = [];
    // Marked English inside <main> (not the <html lang> of the whole page).
    const english = (el: Element | null) => {
      const marked = el?.closest('[lang]');
      return !!marked && m.contains(marked) && marked.getAttribute('lang') === 'en';
    };
    const walker = m.ownerDocument.createTreeWalker(m, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // Text in another language on purpose (lang="en"), e.g. the name of the English option.
      if (english(el) || el?.closest('script,style')) continue;
      const s = (n.textContent ?? '').trim();
      if (s) out.push(s);
    }
    for (const el of m.querySelectorAll('[aria-label],[title],[placeholder]')) {
      if (english(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(attr);
        if (v) out.push(`@${attr}: ${v}`);
      }
    }
    return out;
  });
}

describe('switching the app to Spanish', () => {
  it('turns labels, <html lang>, headings, dates and numbers Spanish, keeps the choice across a reload, and switches back', async () => {
    const page = await newPage(browser, vigia.url, 'en');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    await settled(page, NAMESPACES.dashboard.en.title);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await nav(page).getByRole('link', { name: 'Dashboard', exact: true }).waitFor();

    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
    await nav(page).getByRole('link', { name: 'Tablero', exact: true }).waitFor();
    expect(await nav(page).getByRole('link', { name: 'Informes', exact: true }).count()).toBe(1);
    expect(await nav(page).getByRole('link', { name: 'Reports', exact: true }).count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByRole('button', { name: 'Español' }).getAttribute('aria-pressed')).toBe('true');
    expect(await h1(page).textContent()).toBe(NAMESPACES.dashboard.es.title);
    expect(await page.getByRole('button', { name: 'Cerrar sesión' }).count()).toBe(1);

    // The choice is kept in localStorage: a reload stays in Spanish.
    expect(await page.evaluate("localStorage.getItem('vigia.language')")).toBe('es');
    await page.reload();
    await nav(page).getByRole('link', { name: 'Tablero', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    // Dates by es-PE: fiscal years on the reports page are named AF… with Peruvian month names.
    await nav(page).getByRole('link', { name: 'Informes', exact: true }).click();
    await settled(page, 'Informes');
    expect(await h1(page).textContent()).toBe('Informes');
    expect(await page.getByRole('heading', { level: 2, name: 'Vista previa' }).count()).toBe(1);
    await page.getByLabel('Tipo de período').selectOption('fiscal_year');
    await page.getByLabel('Período', { exact: true }).selectOption('2012Oct');
    const fy = await page.getByLabel('Período', { exact: true }).locator('option:checked').textContent();
    const month = (m: number) =>
      new Intl.DateTimeFormat('es-PE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2012 + (m < 10 ? 1 : 0), m - 1, 1)));
    expect(fy).toBe(`AF2013 (${month(10)} – ${month(9)})`);
    expect(fy).toMatch(/^AF2013 \(oct\.? 2012 – set\.? 2013\)$/); // Peru says "setiembre"

    // Numbers by es-PE (14,171.5: comma groups, point decimals) on the dashboard.
    await nav(page).getByRole('link', { name: 'Tablero', exact: true }).click();
    await settled(page, NAMESPACES.dashboard.es.title);
    const main = page.locator('main');
    await main
      .getByText(/\d{1,3}(,\d{3})+/)
      .first()
      .waitFor();
    const text = (await main.innerText()).replace(/\b(19|20)\d\d(Q[1-4]|Oct)?\b/g, '');
    expect(text).toMatch(/\d{1,3}(,\d{3})+/);
    // Neither Spain's 14.171 nor a space-grouped 14 171.
    expect(text.match(/\b\d{1,3}([.\u00a0\u202f ]\d{3})+\b(?![.,]\d)/g) ?? []).toEqual([]);
    await screenshot(page, 'dashboard-es');

    // And back to English.
    await page.getByRole('group', { name: 'Idioma' }).getByRole('button', { name: 'English' }).click();
    await nav(page).getByRole('link', { name: 'Dashboard', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1(page).textContent()).toBe(NAMESPACES.dashboard.en.title);
    expect(await page.evaluate("localStorage.getItem('vigia.language')")).toBe('en');
  });

  /** UI words that must have been translated; a data value (a place or person's name) should not contain them. */
  const ENGLISH =
    /\b(Loading|Save|Cancel|Submit|Approve|Return|Indicator|Indicators|Period|Place|Zone|Source|Value|Values|Status|Filters?|Download|Upload|Search|Delete|Edit|Add|Year|Target|Baseline|Records?|Reports?|Dashboard|Error|No data|Choose|Select|Import|Export|Preview|Organisation|Unit|Date|Comment|Sign out|Approved|Returned|Submitted|Draft|Show|Hide|Name|Type|Language)\b/;

  it('finds English UI words where they are (a check of the check)', async () => {
    const page = await newPage(browser, vigia.url, 'en');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/reports`);
    await settled(page, 'Reports');
    expect((await mainTexts(page)).filter((s) => ENGLISH.test(s))).toContain('Period');
  });

  it('leaves no English UI words in the main area of any page', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const links = nav(page).getByRole('link');
    const pages = await links.evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', label: a.textContent ?? '' })));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    // And the page the header's bell leads to (it has no navigation link).
    pages.push({ href: '/notifications', label: (await page.getByTestId('bell').getAttribute('aria-label')) ?? '' });
    const leftovers: Record<string, string[]> = {};
    for (const p of pages) {
      await page.goto(`${vigia.url}${p.href}`);
      await h1(page).waitFor();
      try {
        await page.locator('main [aria-busy=true]').first().waitFor({ state: 'detached', timeout: 10_000 });
        await page
          .locator('main')
          .getByText(/^(Loading|Cargando)…$/)
          .first()
          .waitFor({ state: 'detached', timeout: 10_000 });
      } catch {
        // A page that never settles still gets checked as it stands.
      }
      const texts = await mainTexts(page);
      expect(texts.length, p.href).toBeGreaterThan(0);
      const english = texts.filter((s) => ENGLISH.test(s));
      if (english.length) leftovers[`${p.href} (${p.label})`] = [...new Set(english)].slice(0, 12);
    }
    expect(leftovers).toEqual({});
  });
});

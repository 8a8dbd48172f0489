/**
 * Every page on a phone (390 × 844, touch): the page never scrolls sideways, the navigation folds
 * behind a menu button a keyboard reaches, wide tables scroll in their own box, the entry grid's
 * inputs and buttons are big enough to touch, and axe finds nothing serious — signed out and as
 * each role. The pages come from the app's own list (src/web/app/pages.ts), so a new page is
 * checked without editing this file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PAGES } from '../../src/web/app/pages.js';
import type { Role } from '../../src/web/api/vocabularies.js';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import { ROOT, type E2EUser, type RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
/** Smallest comfortable touch target in CSS pixels (WCAG 2.5.5 asks 44, 2.5.8 at least 24). */
const TOUCH = 40;

async function phonePage(viewport = PHONE, language: 'en' | 'es' = 'en'): Promise<Page> {
  const locale = language === 'es' ? 'es-PE' : 'en-US';
  const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  trackRequests(page);
  return page;
}

/** API requests a page has started and not yet finished (the dashboards poll, so never "network idle"). */
const inFlight = new WeakMap<Page, Set<unknown>>();

function trackRequests(page: Page): void {
  const open = new Set<unknown>();
  inFlight.set(page, open);
  page.on('request', (r) => {
    if (r.url().includes('/api/')) open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
}

/** Waits for the page's heading and for its data to arrive (no API request in flight, nothing loading). */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect
    .poll(
      async () =>
        (inFlight.get(page)?.size ?? 0) +
        (await page.locator('main [aria-busy=true]').count()) +
        (await page
          .locator('main')
          .getByText(/^(Loading|Cargando)/)
          .count()),
    )
    .toBe(0);
}

interface Layout {
  /** The device's width. */
  width: number;
  scrollWidth: number;
  innerWidth: number;
  /** The layout viewport (a phone widens innerWidth to the content, zooming out, when a page is too wide). */
  clientWidth: number;
  /** Elements reaching past the right edge with no scrolling box around them. */
  outside: string[];
  /** Tables with no horizontally scrolling box around them. */
  unwrappedTables: string[];
}

/** Measures the document and finds what sticks out past the phone's width (runs in the page). */
function measure(page: Page): Promise<Layout> {
  return page.evaluate((width) => {
    const name = (e: Element) => {
      const id = e.getAttribute('data-testid');
      const cls = typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : '';
      return `${e.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''}${cls}`;
    };
    const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const outside = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !clipped(e) && getComputedStyle(e).visibility !== 'hidden')
      .filter((e) => !e.closest('.visually-hidden, .skip-link'))
      .map(name);
    const unwrappedTables = [...document.querySelectorAll('main table')]
      .filter((t) => {
        for (let a = t.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return false;
        return true;
      })
      .map(name);
    const root = document.documentElement;
    return {
      width,
      scrollWidth: root.scrollWidth,
      innerWidth: window.innerWidth,
      clientWidth: root.clientWidth,
      outside: outside.slice(0, 8),
      unwrappedTables,
    };
  }, page.viewportSize()?.width ?? 0);
}

/** The menu button and the navigation, by their accessible names in English or Spanish. */
const menuButton = (page: Page) => page.getByRole('button', { name: /^(Menu|Menú)$/ });
const mainNav = (page: Page) => page.getByRole('navigation', { name: /^(Main|Principal)$/ });

/** Opens the menu from the keyboard: Tab from the top of the page to the menu button, then Enter. */
async function openMenuByKeyboard(page: Page): Promise<void> {
  const button = menuButton(page);
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  await page.locator('.skip-link').focus(); // the page's first stop
  for (let i = 0; i < 12 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await button.getAttribute('aria-expanded')).toBe('true');
}

/** The links the open navigation shows (visible ones only). */
async function visibleNavLinks(page: Page): Promise<string[]> {
  const links = mainNav(page).getByRole('link');
  const paths: string[] = [];
  for (const link of await links.all()) if (await link.isVisible()) paths.push((await link.getAttribute('href')) ?? '');
  return paths;
}

interface Visit {
  page: string;
  layout: Layout;
  violations: string[];
}

/** Checks one loaded page; returns what it found so a failure names every page at once. */
async function check(page: Page, label: string): Promise<Visit> {
  await settled(page).catch((e: unknown) => {
    throw new Error(`${label} did not settle`, { cause: e });
  });
  const layout = await measure(page);
  const violations = (await seriousA11yViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  return { page: label, layout, violations };
}

function expectClean(visits: Visit[]): void {
  const problems = visits.filter(
    (v) =>
      v.layout.scrollWidth > v.layout.innerWidth ||
      v.layout.innerWidth !== v.layout.width ||
      v.layout.clientWidth !== v.layout.width ||
      v.layout.outside.length > 0 ||
      v.layout.unwrappedTables.length > 0 ||
      v.violations.length > 0,
  );
  expect(problems).toEqual([]);
}

/** Visits every page the role sees, going through the folded menu to each. */
async function visitAll(page: Page, role: Role): Promise<Visit[]> {
  const pages = PAGES.filter((p) => !p.prefix && !p.unlisted && p.roles.includes(role));
  const visits: Visit[] = [];
  for (const def of pages) {
    await openMenuByKeyboard(page);
    expect(await visibleNavLinks(page)).toEqual(pages.map((p) => p.path));
    await mainNav(page).locator(`a[href="${def.path}"]`).click();
    await page.waitForURL(`${vigia.url}${def.path}`);
    // Choosing a page folds the menu again, so the page itself is what the reader sees.
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await visibleNavLinks(page)).toEqual([]);
    visits.push(await check(page, `${role} ${def.path}`));
    const language = await page.evaluate(() => navigator.language.slice(0, 2));
    await screenshot(page, `${page.viewportSize()?.width ?? 0}px-${language}-${role}${def.path.replace('/', '-')}`);
  }
  // Pages without a navigation link (the notifications page: the header's bell leads there).
  for (const def of PAGES.filter((p) => p.unlisted && p.roles.includes(role))) {
    await page.locator(`header a[href="${def.path}"]`).click();
    await page.waitForURL(`${vigia.url}${def.path}`);
    visits.push(await check(page, `${role} ${def.path}`));
    await screenshot(page, `${page.viewportSize()?.width ?? 0}px-${role}${def.path.replace('/', '-')}`);
  }
  return visits;
}

/** The screen as the reader sees it, for docs/web.md when VIGIA_DOC_IMAGES is set (before the full-page one, which scrolls). */
async function saveDocImage(page: Page, name: string): Promise<void> {
  if (process.env.VIGIA_DOC_IMAGES) {
    const dir = join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }
  await screenshot(page, name);
}

describe('on a phone (390 × 844) and a tablet', () => {
  it('signed out: the public pages fit, and the menu opens from the keyboard', async () => {
    const page = await phonePage();
    await page.goto(vigia.url);
    const visits = [await check(page, 'public /')];
    await page.getByTestId('chart-coca').waitFor();
    await saveDocImage(page, 'phone-dashboard');
    visits.push(...(await visitAll(page, 'public')));
    await page.goto(`${vigia.url}/sign-in`);
    visits.push(await check(page, 'public /sign-in'));
    expectClean(visits);
    await page.context().close();
  });

  const roles: E2EUser[] = ['analyst', 'partner', 'officer', 'admin'];
  for (const who of roles) {
    it(`as ${who}: every page fits, tables scroll in their box, axe is clean`, async () => {
      const page = await phonePage();
      await signIn(page, vigia.url, who);
      expectClean(await visitAll(page, who));
      await page.context().close();
      // One visit per page the role sees (an officer's are 15, each with axe): more than the default minute on a busy machine.
    }, 180_000);
  }

  it('the entry grid is usable by touch, and the admin tabs fit', async () => {
    const page = await phonePage();
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=2012&to=2013`);
    const grid = page.getByTestId('entry-grid');
    await grid.waitFor();
    const visits = [await check(page, 'partner /entry grid')];
    const small = await page.evaluate((min) => {
      const grid = document.querySelector('[data-testid=entry-grid]');
      const targets = [...(grid?.querySelectorAll('input, button, select') ?? []), ...document.querySelectorAll('.save-bar button')];
      return targets
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.height < min || r.width < min)
        .map(({ e, r }) => `${e.getAttribute('aria-label') ?? e.textContent}: ${Math.round(r.width)}×${Math.round(r.height)}`);
    }, TOUCH);
    expect(small).toEqual([]);
    // The picture shows the grid itself, with one changed cell.
    const amazonas = page.getByRole('textbox', { name: 'Amazonas 2013', exact: true });
    await amazonas.fill('120');
    await amazonas.blur();
    await amazonas.evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 140));
    await saveDocImage(page, 'phone-entry');

    const admin = await phonePage();
    await signIn(admin, vigia.url, 'admin');
    for (const tab of ['users', 'organisations', 'places', 'indicators']) {
      await admin.goto(`${vigia.url}/admin?tab=${tab}`);
      visits.push(await check(admin, `admin /admin?tab=${tab}`));
    }
    expectClean(visits);
    await page.context().close();
    await admin.context().close();
  });

  it('a tablet in portrait (768 × 1024) folds the navigation too, and every page fits', async () => {
    const page = await phonePage(TABLET);
    await signIn(page, vigia.url, 'admin');
    expectClean(await visitAll(page, 'admin'));
    await page.context().close();
  });

  it('in Spanish, whose labels are longer, every page of an administrator fits too', async () => {
    const page = await phonePage(PHONE, 'es');
    await signIn(page, vigia.url, 'admin');
    await page.getByRole('button', { name: 'Español' }).click();
    await expect.poll(() => menuButton(page).textContent()).toBe('Menú');
    expectClean(await visitAll(page, 'admin'));
    await page.context().close();
  });

  it('on a desktop (1280 × 800) nothing folds: no menu button, the side navigation shown', async () => {
    const page = await newPage(browser, vigia.url);
    await settled(page);
    expect(await menuButton(page).count()).toBe(0);
    expect(await mainNav(page).isVisible()).toBe(true);
    expect(await visibleNavLinks(page)).toEqual(['/public']);
    await page.context().close();
  });
});

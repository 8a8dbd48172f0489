/**
 * The program-design page (issue 17, acceptance 3, the web half): an administrator creates a
 * program in the web app (a duplicate code or a bad country refused beside its field), adds a
 * goal, a component, a dimension with options, two indicators and a formula indicator (a formula
 * naming itself refused beside the formula field); values are given through the API; the
 * progress report of the new program renders in the Reports page with the figures. Then an
 * option is renamed and retired, an indicator with values retired, a component retired and
 * restored, a goal moved up, a goal renamed: retired things marked, the values kept. English, and Spanish at
 * 390 px; axe-clean. Officers have the page without "New program"; analysts have no link.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NAMESPACES } from '../../src/web/i18n/resources';
import { newPage, screenshot, seriousA11yViolations, signIn, startAndStop } from './browser.js';
import { apiGet, apiSend } from './page-api.js';
import type { RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
startAndStop((v, b) => {
  vigia = v;
  browser = b;
});

type Lang = 'en' | 'es';
const starts = (label: string) => new RegExp(`^${label.replace(/[()]/g, '\\$&')}`);

/** Fills a form's text fields (by their labels' start) and sends it. */
async function fill(page: Page, form: string, fields: Array<[string, string]>, submit: string): Promise<void> {
  const f = page.getByTestId(`${form}-form`);
  for (const [label, value] of fields) await f.getByLabel(starts(label)).fill(value);
  await f.getByRole('button', { name: submit, exact: true }).click();
}

/** The whole flow in one language, with program `code`; answers the page for more checks. */
async function designAndReport(lang: Lang, code: string, narrow: boolean): Promise<Page> {
  const L = NAMESPACES.design[lang];
  const nav = NAMESPACES.common[lang].nav;
  const page = await newPage(browser, vigia.url, lang);
  if (narrow) await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, vigia.url, 'admin');
  if (narrow) await page.goto(`${vigia.url}/design`);
  else await page.getByRole('navigation').getByRole('link', { name: nav.design, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: L.title }).waitFor();
  const done = page.getByTestId('design-done');

  // New program: the server's refusal in words beside the field it names.
  const program: Array<[string, string]> = [
    [L.code, code],
    [L.nameEn, `Design ${code}`],
    [L.nameEs, `Diseño ${code}`],
    [L.country, 'CO'],
  ];
  await fill(page, 'new-program', [...program.slice(0, 3), [L.country, 'Colombia']], L.newProgramButton);
  await expect.poll(() => page.getByTestId('new-program-country-problem').textContent()).toMatch(/ISO 3166/);
  expect(await page.getByTestId('new-program-form').getByLabel(starts(L.country)).getAttribute('aria-invalid')).toBe('true');
  await fill(page, 'new-program', [[L.code, 'PE'], ...program.slice(1)], L.newProgramButton);
  await expect.poll(() => page.getByTestId('new-program-code-problem').textContent()).toBe('PE: duplicate code');
  await fill(page, 'new-program', program, L.newProgramButton);
  await expect.poll(() => done.textContent()).toBe(L.created.replace('{{code}}', code));
  await page.getByText(L.noFramework).waitFor();

  // A goal and its component.
  await fill(
    page,
    'add-node',
    [
      [L.code, 'G1'],
      [L.nameEn, 'Safer communities'],
      [L.nameEs, 'Comunidades más seguras'],
    ],
    L.addNodeButton,
  );
  await page.getByTestId('node-G1').waitFor();
  await page.getByTestId('add-node-form').getByLabel(L.kind).selectOption('component');
  await page.getByTestId('add-node-form').getByLabel(L.parent).selectOption('G1');
  await fill(
    page,
    'add-node',
    [
      [L.code, 'C1'],
      [L.nameEn, 'Prevention'],
      [L.nameEs, 'Prevención'],
    ],
    L.addNodeButton,
  );
  await page.getByTestId('node-C1').waitFor();

  // A dimension with its options.
  await fill(
    page,
    'add-dimension',
    [
      [L.code, 'sex'],
      [L.nameEn, 'Sex'],
      [L.nameEs, 'Sexo'],
      [L.options, 'f, Female, Mujer\nm, Male, Hombre'],
    ],
    L.addDimensionButton,
  );
  await page.getByTestId('option-sex-m').waitFor();

  // Two indicators, then a formula of them (first a formula naming itself: refused beside the field).
  const indicator = async (ind: string, en: string, es: string, formula = '', bySex = false) => {
    if (bySex)
      await page
        .getByTestId('add-indicator-form')
        .getByRole('checkbox', { name: lang === 'es' ? 'Sexo' : 'Sex' })
        .check();
    await fill(
      page,
      'add-indicator',
      [
        [L.code, ind],
        [L.nameEn, en],
        [L.nameEs, es],
        [L.unit, 'people'],
        [L.formula, formula],
      ],
      L.addIndicatorButton,
    );
  };
  await indicator('TRAINED', 'People trained', 'Personas capacitadas', '', true);
  await page.getByTestId('indicator-TRAINED').waitFor();
  await indicator('REACHED', 'People reached', 'Personas alcanzadas');
  await page.getByTestId('indicator-REACHED').waitFor();
  await indicator('TOTAL', 'People served', 'Personas atendidas', 'TOTAL + 1');
  await expect.poll(() => page.getByTestId('add-indicator-formula-problem').textContent()).toMatch(/circle/);
  await page.getByTestId('add-indicator-form').getByLabel(starts(L.formula)).fill('TRAINED + REACHED');
  await page.getByTestId('add-indicator-form').getByRole('button', { name: L.addIndicatorButton }).click();
  await page.getByTestId('indicator-TOTAL').waitFor();
  expect(await page.getByTestId('indicator-TRAINED').textContent()).toContain(lang === 'es' ? 'Sexo' : 'Sex');
  expect(await page.getByTestId('indicator-TOTAL').textContent()).toContain('TRAINED + REACHED');
  expect(await seriousA11yViolations(page)).toEqual([]);
  if (narrow) {
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  }
  await screenshot(page, `program-design-${lang}${narrow ? '-390px' : ''}`);

  // Values, through the API from the test.
  expect(await apiSend(page, 'POST', `/api/programs/${code}/places`, { code: 'CO', name: 'Colombia' })).toBe(201);
  for (const [ind, disagg, value] of [
    ['TRAINED', 'sex=f', 30],
    ['TRAINED', 'sex=m', 20],
    ['REACHED', '', 100],
  ] as const) {
    const body = { indicator: ind, place: 'CO', period: '2013', value, version: 0, status: 'approved', ...(disagg ? { disagg } : {}) };
    expect(await apiSend(page, 'PUT', `/api/programs/${code}/values`, body)).toBe(200);
  }

  // The progress report of the new program, in the Reports page.
  await page.goto(`${vigia.url}/reports?report=progress&period=2013`);
  const frame = page.frameLocator('iframe[data-testid=report-preview]');
  await frame
    .getByText(lang === 'es' ? 'Personas atendidas' : 'People served')
    .first()
    .waitFor();
  await page.getByTestId('report-rendering').waitFor({ state: 'detached' });
  const report = ((await frame.locator('body').textContent()) ?? '').replace(/\s+/g, ' ');
  expect(report).toMatch(lang === 'es' ? /Personas capacitadas.*\b50\b/ : /People trained.*\b50\b/);
  expect(report).toMatch(lang === 'es' ? /Personas atendidas.*\b150\b/ : /People served.*\b150\b/);
  expect(await seriousA11yViolations(page)).toEqual([]);
  return page;
}

const total = async (page: Page, code: string) =>
  (await apiGet<{ rows: Array<{ value: number }> }>(page, `/api/analytics?program=${code}&indicator=TRAINED&from=2013&to=2013`)).rows[0]?.value;

describe('the program-design page', () => {
  it('an administrator creates and designs a program whose progress report renders; an option renamed and retired keeps its values (English)', async () => {
    const page = await designAndReport('en', 'DW', false);
    const L = NAMESPACES.design.en;
    await page.goto(`${vigia.url}/design`);
    const male = page.getByTestId('option-sex-m');
    await male.getByRole('button', { name: 'Rename sex m' }).click();
    await fill(page, 'rename-option', [[L.nameEn, 'Men']], L.save);
    await expect.poll(() => male.textContent()).toContain('Men');
    await male.getByRole('button', { name: 'Retire sex m' }).click();
    await expect.poll(() => male.getByTestId('retired').count()).toBe(1);
    expect(await male.getByRole('button', { name: 'Restore sex m' }).count()).toBe(1);
    expect(await total(page, 'DW')).toBe(50);
    // An indicator with values retired: marked, its values kept.
    await page.getByTestId('indicator-TRAINED').getByRole('button', { name: 'Retire TRAINED' }).click();
    await expect.poll(() => page.getByTestId('indicator-TRAINED').getByTestId('retired').count()).toBe(1);
    expect(await total(page, 'DW')).toBe(50);
    // A component retired, then restored.
    const component = page.getByTestId('node-C1');
    await component.getByRole('button', { name: 'Retire C1' }).click();
    await expect.poll(() => component.getByTestId('retired').count()).toBe(1);
    await component.getByRole('button', { name: 'Restore C1' }).click();
    await expect.poll(() => component.getByTestId('retired').count()).toBe(0);
    // A second goal moved above the first.
    await fill(
      page,
      'add-node',
      [
        [L.code, 'G2'],
        [L.nameEn, 'Justice'],
        [L.nameEs, 'Justicia'],
      ],
      L.addNodeButton,
    );
    await page.getByTestId('node-G2').waitFor();
    expect(await page.getByTestId('node-G1').getByRole('button', { name: 'Move up G1' }).isDisabled()).toBe(true);
    await page.getByTestId('node-G2').getByRole('button', { name: 'Move up G2' }).click();
    const goalOrder = () => page.locator('[data-testid=framework] > li > .design-item code').allTextContents();
    await expect.poll(goalOrder).toEqual(['G2', 'G1']);
    // A goal renamed.
    await page.getByTestId('node-G1').getByRole('button', { name: 'Rename G1' }).click();
    await fill(page, 'rename-node', [[L.nameEn, 'Safer towns']], L.save);
    await expect.poll(() => page.getByTestId('node-G1').textContent()).toContain('Safer towns');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the same in Spanish, at 390 px', async () => {
    const page = await designAndReport('es', 'DWES', true);
    expect(await total(page, 'DWES')).toBe(50);
    await page.context().close();
  });

  it('officers have the page but not “New program”; analysts have no link', async () => {
    const officer = await newPage(browser, vigia.url);
    await signIn(officer, vigia.url, 'officer');
    await officer.getByRole('navigation').getByRole('link', { name: 'Program design', exact: true }).click();
    await officer.getByRole('heading', { level: 1, name: 'Program design' }).waitFor();
    await officer.getByTestId('framework').waitFor();
    expect(await officer.getByTestId('new-program-form').count()).toBe(0);
    const analyst = await newPage(browser, vigia.url);
    await signIn(analyst, vigia.url, 'analyst');
    await analyst.getByRole('navigation').getByRole('link').first().waitFor();
    expect(await analyst.getByRole('navigation').getByRole('link', { name: 'Program design', exact: true }).count()).toBe(0);
    await officer.context().close();
    await analyst.context().close();
  });
});

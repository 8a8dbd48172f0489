/**
 * The indicator page and the tracking-table page (issue 15, item 7): an officer changes a
 * reference field with a reason and writes a deviation explanation, downloads the tracking
 * table in Spanish (an XLSX that opens with Spanish headings), records a DQA and closes one of
 * its actions; axe finds nothing serious on either page; a partner sees no edit control.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from './browser.js';
import { startVigia, type RunningVigia } from './vigia-server.js';

let vigia: RunningVigia;
let browser: Browser;
let downloads: string;
beforeAll(async () => {
  vigia = await startVigia();
  browser = await launchBrowser();
  downloads = mkdtempSync(join(tmpdir(), 'vigia-e2e-itt-'));
});
afterAll(async () => {
  await browser?.close();
  await vigia?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

const FY = '2012Oct';

/** Waits until nothing in <main> is loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main [aria-busy=true]').first().waitFor({ state: 'detached' });
  await page
    .locator('main')
    .getByText(/^(Loading|Cargando)…$/)
    .first()
    .waitFor({ state: 'detached' });
}

/** The API's answer to a GET made with the page's own session. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path)) as T;
}

/** A write through the API with the page's session (test set-up). */
async function apiSend(page: Page, method: string, path: string, body: unknown): Promise<void> {
  const status = await page.evaluate(
    async ([m, p, b]) =>
      (
        await fetch(p as string, {
          method: m as string,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'vigia' },
          body: JSON.stringify(b),
        })
      ).status,
    [method, path, body],
  );
  expect(status).toBe(200);
}

interface Sheet {
  completeness: { filled: number; missing: string[] };
  reference: Record<string, { en?: string; es?: string } | undefined>;
  history: { field: string; reason: string; after: unknown }[];
}
interface Table {
  rows: { indicator: string; deviation_explanation: string | null; explanation_required: boolean }[];
}

describe('indicator page and tracking table', () => {
  it('an officer reaches an indicator from the dashboard and changes a reference field with a reason', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/dashboard`);
    // Each key-indicator card's name leads to the indicator's page.
    const cardLink = page.locator('[data-testid^=card-] h3 a').first();
    const cardName = (await cardLink.textContent()) ?? '';
    await cardLink.click();
    await page.waitForURL(/\/indicators\/[A-Z_]+$/);
    await page.getByRole('heading', { level: 1, name: cardName }).waitFor();

    await page.goto(`${vigia.url}/indicators/COALITIONS_N`);
    await page.getByRole('heading', { level: 2, name: 'Hoja de referencia' }).waitFor();
    await settled(page);
    const before = await apiGet<Sheet>(page, '/api/programs/PE/indicators/COALITIONS_N/reference');
    // A required field still empty reads "sin definir aún".
    const field = before.completeness.missing.find((f) => f !== 'sources' && f !== 'unit' && f !== 'responsible_person');
    expect(field, 'the demo leaves a required text field of COALITIONS_N empty').toBeDefined();
    await expect.poll(() => page.locator(`[data-field=${field}] dd`).textContent()).toBe('sin definir aún');
    expect(await page.getByTestId('completeness').textContent()).toContain(`${before.completeness.filled} de 13 campos obligatorios definidos`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Editar la hoja de referencia' }).click();
    await page.getByLabel('Campo a cambiar').selectOption(field as string);
    await page.getByLabel('Texto en inglés').fill('Set each year from the coalitions the commission plans to found.');
    await page.getByLabel('Texto en español').fill('Se fija cada año según las coaliciones que la comisión prevé fundar.');
    // Without a reason the form does not go: the reason is required.
    await page.getByRole('button', { name: 'Guardar el cambio' }).click();
    expect(await page.getByLabel('Motivo del cambio (obligatorio)').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    await page.getByLabel('Motivo del cambio (obligatorio)').fill('Revisión anual del PIRS');
    // A text over 10,000 characters: the server refuses it, and the form shows the field it names.
    await page.getByLabel('Texto en inglés').fill('x'.repeat(10_001));
    await page.getByRole('button', { name: 'Guardar el cambio' }).click();
    await page.getByTestId('admin-error').getByText(`${field}.en: at most 10,000 characters`).waitFor();
    expect((await apiGet<Sheet>(page, '/api/programs/PE/indicators/COALITIONS_N/reference')).reference[field as string]).toBeUndefined();
    await page.getByLabel('Texto en inglés').fill('Set each year from the coalitions the commission plans to found.');
    await page.getByRole('button', { name: 'Guardar el cambio' }).click();
    await page.getByRole('status').filter({ hasText: 'Guardado' }).waitFor();

    await expect
      .poll(() => page.locator(`[data-field=${field}] dd`).textContent())
      .toBe('Se fija cada año según las coaliciones que la comisión prevé fundar.');
    expect(await page.getByTestId('completeness').textContent()).toContain(`${before.completeness.filled + 1} de 13`);
    const history = page.getByTestId('change-history');
    await history.getByRole('cell', { name: 'Revisión anual del PIRS' }).waitFor();
    const after = await apiGet<Sheet>(page, '/api/programs/PE/indicators/COALITIONS_N/reference');
    expect(after.reference[field as string]).toEqual({
      en: 'Set each year from the coalitions the commission plans to found.',
      es: 'Se fija cada año según las coaliciones que la comisión prevé fundar.',
    });
    expect(after.history.some((h) => h.field === field && h.reason === 'Revisión anual del PIRS')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'indicator-page-es');
  });

  it('an officer explains a deviation in place and downloads the tracking table in Spanish', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'officer');
    // The demo's targets are calendar years: give one indicator a FY2013 target its actual (39 operations) misses by a third.
    const place = (await apiGet<{ place: string }>(page, `/api/programs/PE/tracking/${FY}`)).place;
    await apiSend(page, 'PUT', '/api/programs/PE/indicators/ERAD_OPS_N/targets', { kind: 'target', period: FY, place, value: 60 });
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Tabla de seguimiento' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tabla de seguimiento de indicadores' }).waitFor();
    await page.getByLabel('Año fiscal').selectOption(FY);
    await page.getByTestId('tracking-table').waitFor();
    await settled(page);

    const table = await apiGet<Table>(page, `/api/programs/PE/tracking/${FY}`);
    const needing = table.rows.filter((r) => r.explanation_required && !r.deviation_explanation);
    expect(needing.map((r) => r.indicator)).toContain('ERAD_OPS_N');
    // Each missing explanation is marked in words, not by colour alone.
    const target = 'ERAD_OPS_N';
    const cell = page.getByTestId(`explanation-${target}`).first();
    expect(await cell.getAttribute('data-missing')).toBe('true');
    expect(await cell.textContent()).toContain('Falta: obligatoria');
    expect(await page.getByTestId('missing-count').textContent()).toContain(String(needing.length));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // From the keyboard: Enter opens the editor, Escape leaves the text as it was and the focus on Edit.
    await cell.getByRole('button', { name: /^Editar la explicación: / }).focus();
    await page.keyboard.press('Enter');
    const box = page.getByLabel(/^Explicación de la desviación: /);
    await box.waitFor();
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('borrador');
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Editar la explicación: /);
    expect(await page.getByTestId(`explanation-${target}`).first().getAttribute('data-missing')).toBe('true');

    await page.keyboard.press('Enter');
    await box.fill('Las operaciones se suspendieron dos meses por el conflicto en la zona.');
    await box.press('Enter'); // a new line, not a submit
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await expect.poll(() => page.getByTestId(`explanation-${target}`).first().getAttribute('data-missing')).toBe('false');
    expect(await page.getByTestId(`explanation-${target}`).first().textContent()).toContain('Las operaciones se suspendieron dos meses');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Editar la explicación: /);
    // Beside the table: the program's reference-sheet completeness and the indicators due a DQA.
    expect(await page.getByTestId('program-completeness').textContent()).toMatch(/^Hojas de referencia: [\d.,]+ % de los campos obligatorios definidos/);
    expect(await page.getByTestId('dqa-overdue').locator('summary').textContent()).toMatch(/necesitan? una evaluación de calidad de datos/);
    const stored = (await apiGet<Table>(page, `/api/programs/PE/tracking/${FY}`)).rows.find((r) => r.indicator === target);
    expect(stored?.deviation_explanation?.trim()).toBe('Las operaciones se suspendieron dos meses por el conflicto en la zona.');

    // The downloads are in the page's language; the XLSX opens with Spanish headings.
    const link = page.getByTestId('tracking-download-xlsx');
    expect(await link.getAttribute('href')).toBe(`/api/programs/PE/tracking/${FY}/export?format=xlsx&lang=es`);
    expect(await page.getByTestId('tracking-download-pdf').getAttribute('href')).toContain('lang=es');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = join(downloads, download.suggestedFilename());
    await download.saveAs(path);
    expect(path).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0];
    expect(sheet).toBeDefined();
    const texts: string[][] = [];
    sheet?.eachRow((row) => texts.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = texts.find((r) => r.includes('Indicador'));
    expect(header, 'a heading row in Spanish').toBeDefined();
    expect(header).toContain('Línea de base');
    expect(header).toContain('Explicación de la desviación');
    // The explanation just written is in the file, on its indicator's row.
    expect(texts.some((r) => r.includes(target) && r.some((c) => c.includes('Las operaciones se suspendieron dos meses')))).toBe(true);
    await screenshot(page, 'tracking-page-es');
  });

  it('an officer records a data quality assessment and closes one of its actions', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    // The explorer and administration's indicator list lead to the indicator's page too.
    await page.goto(`${vigia.url}/admin?tab=indicators`);
    await page.getByTestId('indicator-row-COALITIONS_N').getByRole('link').click();
    await page.waitForURL(`${vigia.url}/indicators/COALITIONS_N`);
    await page.goto(`${vigia.url}/explorer?indicator=ERAD_HA`);
    await page.getByRole('link', { name: /^Reference sheet, tracking and data quality of / }).click();
    await page.waitForURL(`${vigia.url}/indicators/ERAD_HA`);
    await page.getByRole('heading', { level: 2, name: 'Data quality assessments' }).waitFor();
    await settled(page);
    const count = await page.locator('article.dqa').count();
    await page.getByRole('button', { name: 'Record a new assessment' }).click();
    await page.getByLabel('Date of the assessment').fill('2014-03-31');
    await page.getByRole('radiogroup', { name: 'Rating: Precision' }).getByLabel('Partly met').check();
    await page.getByLabel('Notes: Precision').fill('Hectares rounded to the tenth in two offices.');
    await page.getByLabel('Limitations found', { exact: true }).fill('Two field offices round differently.');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('Action 1', { exact: true }).fill('One rounding rule for every office');
    await page.getByLabel('Owner of action 1').fill('M&E specialist');
    await page.getByLabel('Due date of action 1').fill('2014-09-30');
    await page.getByRole('button', { name: 'Save the assessment' }).click();
    await expect.poll(() => page.locator('article.dqa').count()).toBe(count + 1);
    const dqa = page.locator('article.dqa', { hasText: 'One rounding rule for every office' });
    expect(await dqa.getByRole('heading', { level: 3 }).textContent()).toContain('Result: Partly met');
    await dqa.getByLabel('Status of the action: One rounding rule for every office').selectOption('done');
    await expect
      .poll(async () => {
        const list = await apiGet<{ dqas: { actions: { text: string; status: string }[] }[] }>(page, '/api/programs/PE/dqa?indicator=ERAD_HA');
        return list.dqas.flatMap((d) => d.actions).find((a) => a.text === 'One rounding rule for every office')?.status;
      })
      .toBe('done');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('a partner reads both pages but sees no edit control', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/indicators/ERAD_HA`);
    await page.getByTestId('reference-sheet').waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: 'Edit the reference sheet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record a new assessment' }).count()).toBe(0);
    expect(await page.locator('main select, main textarea').count()).toBe(0);

    await page.goto(`${vigia.url}/tracking?fy=${FY}`);
    await page.getByTestId('tracking-table').waitFor();
    await settled(page);
    expect(await page.getByRole('button', { name: /^Edit the explanation/ }).count()).toBe(0);
    expect(await page.locator('main table button, main table textarea').count()).toBe(0);
  });
});

/** The data-entry grid: validation as you type, saving a batch, locked values, conflicts, the guard. */
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

interface ValueRow {
  place: string;
  period: string;
  value: number;
  status: string;
  version: number;
  organisation: string | null;
}

/** The values of one cell as the signed-in user reads them through the API. */
async function apiValues(page: Page, place: string, period: string): Promise<ValueRow[]> {
  return page.evaluate(
    async ([pl, pe]) => {
      const r = await fetch(`/api/programs/PE/values?indicator=ERAD_HA&place=${pl}&period=${pe}`, { headers: { 'X-Requested-With': 'vigia' } });
      return ((await r.json()) as { values: ValueRow[] }).values;
    },
    [place, period] as const,
  );
}

async function openGrid(who: 'partner' | 'officer', language: 'en' | 'es' = 'en'): Promise<Page> {
  const page = await newPage(browser, vigia.url, language);
  await signIn(page, vigia.url, who);
  await page.goto(`${vigia.url}/entry?indicator=ERAD_HA&type=year&from=2012&to=2013`);
  await page.getByTestId('entry-grid').waitFor();
  return page;
}

const cell = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

describe('data entry', () => {
  it('validates as you type, saves a value a partner enters, and locks approved values', async () => {
    const page = await openGrid('partner');
    await expect.poll(() => page.getByTestId('own-organisation').textContent()).toMatch(/CORAH|Alto Huallaga|Proyecto/i);
    const save = page.getByTestId('save');
    expect(await save.isDisabled()).toBe(true);
    await expect.poll(() => page.locator('p.unit').textContent()).toMatch(/^Unit: hectares ·/);

    // Approved values are read-only, with a lock marker and a tooltip.
    const huanuco = cell(page, 'Huánuco 2013');
    await expect.poll(() => huanuco.inputValue()).toBe('15350');
    expect(await huanuco.getAttribute('readonly')).not.toBeNull();
    await expect(huanuco.getAttribute('title')).resolves.toMatch(/Approved: locked/);
    const lockCell = page.locator('td', { has: huanuco });
    await expect(lockCell.getByTestId('lock').getAttribute('aria-label')).resolves.toMatch(/locked/);

    const apurimac = cell(page, 'Apurímac 2013');
    await apurimac.fill('-12');
    await expect(apurimac.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorId = (await apurimac.getAttribute('aria-describedby')) ?? '';
    await expect.poll(() => page.locator(`[id="${errorId.split(' ')[0]}"]`).textContent()).toBe('Cannot be negative');
    expect(await save.isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/1 cell has an error/);
    // ERAD_HA is kept in whole hectares (decimals 0 in the indicators API).
    await apurimac.fill('12.5');
    await expect.poll(() => page.locator('td', { has: apurimac }).locator('.cell-error').textContent()).toBe('Whole numbers only');
    await apurimac.fill('abc');
    await expect.poll(() => page.locator('td', { has: apurimac }).locator('.cell-error').textContent()).toBe('Not a number');
    expect(await save.isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await apurimac.fill('125');
    expect(await apurimac.getAttribute('aria-invalid')).toBeNull();
    await expect(page.locator('td', { has: apurimac }).getAttribute('data-changed')).resolves.toBe('true');
    expect(await save.isDisabled()).toBe(false);
    await screenshot(page, 'entry');
    await save.click();
    await expect.poll(() => page.getByTestId('saved').textContent()).toBe('Saved 1 value');
    expect(await apiValues(page, 'PE-03', '2013')).toEqual([expect.objectContaining({ value: 125, status: 'draft', organisation: 'CORAH', version: 1 })]);
    // The saved value now shows as stored, no longer as a change.
    await expect.poll(() => apurimac.inputValue()).toBe('125');
    expect(await page.locator('td', { has: apurimac }).getAttribute('data-changed')).toBeNull();
    await expect(apurimac.getAttribute('title')).resolves.toBe('Draft · CORAH');
    await page.context().close();
  });

  it('shows a conflict when someone else saved the same cell first, keeping what was typed', async () => {
    const first = await openGrid('partner');
    const second = await openGrid('partner');
    await cell(first, 'Ayacucho 2013').fill('200');
    await first.getByTestId('save').click();
    await first.getByTestId('saved').waitFor();

    const mine = cell(second, 'Ayacucho 2013');
    // The second grid was loaded before the first save: it still shows the cell empty.
    await expect.poll(() => mine.inputValue()).toBe('');
    await mine.fill('300');
    await second.getByTestId('save').click();
    const conflict = second.getByTestId('conflict');
    await conflict.waitFor();
    await expect.poll(() => conflict.textContent()).toMatch(/Someone else changed these values first[\s\S]*Ayacucho 2013/);
    await expect.poll(() => conflict.getByTestId('theirs').textContent()).toBe('200');
    await expect.poll(() => conflict.getByTestId('mine').textContent()).toBe('300');
    await expect.poll(() => mine.inputValue()).toBe('300');
    expect(await apiValues(second, 'PE-05', '2013')).toEqual([expect.objectContaining({ value: 200, version: 1 })]);
    expect(await seriousA11yViolations(second)).toEqual([]);
    await screenshot(second, 'entry-conflict');

    // Keep editing: the typed value stays and saving again replaces theirs, knowingly.
    await conflict.getByTestId('keep-editing').click();
    await expect.poll(() => mine.inputValue()).toBe('300');
    await second.getByTestId('save').click();
    await expect.poll(() => second.getByTestId('saved').textContent()).toBe('Saved 1 value');
    expect(await apiValues(second, 'PE-05', '2013')).toEqual([expect.objectContaining({ value: 300, version: 2 })]);

    // The first grid now holds a stale version: clearing the cell (a delete) is refused too, and
    // "use theirs" shows the stored value again.
    const firstCell = cell(first, 'Ayacucho 2013');
    await firstCell.fill('');
    await first.getByTestId('save').click();
    await first.getByTestId('conflict').waitFor();
    await expect.poll(() => first.getByTestId('conflict').getByTestId('mine').textContent()).toBe('(cleared)');
    await first.getByTestId('use-theirs').click();
    await expect.poll(() => firstCell.inputValue()).toBe('300');
    await first.context().close();
    await second.context().close();
  });

  it('clears a cell to delete its value', async () => {
    const page = await openGrid('partner');
    const junin = cell(page, 'Junín 2012');
    await junin.fill('40');
    await page.getByTestId('save').click();
    await page.getByTestId('saved').waitFor();
    expect(await apiValues(page, 'PE-12', '2012')).toHaveLength(1);
    await junin.fill('');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/1 changed cell/);
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('saved').textContent()).toBe('Saved 1 value');
    expect(await apiValues(page, 'PE-12', '2012')).toEqual([]);
    await page.context().close();
  });

  it('asks before leaving with unsaved cells, and speaks Spanish', async () => {
    const page = await openGrid('officer', 'es');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ingreso de datos');
    // The unit in Spanish words, not its code ("Unidad: ha" / "Unidad: count").
    await expect.poll(() => page.locator('p.unit').textContent()).toMatch(/^Unidad: hectáreas ·/);
    // A year typed digit by digit changes the columns once it is a year.
    const from = page.getByLabel('Desde el año');
    await from.fill('');
    await from.pressSequentially('2011');
    await page.getByRole('columnheader', { name: '2011', exact: true }).waitFor();
    await expect(page.locator('.entry-grid thead th').allTextContents()).resolves.toEqual(['Lugar', '2011', '2012', '2013']);
    const cusco = cell(page, 'Cusco 2013');
    await cusco.fill('7,5');
    await expect.poll(() => page.locator('td', { has: cusco }).locator('.cell-error').textContent()).toBe('Use punto para los decimales y no separe los miles');
    await cusco.fill('75');
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.locator('.app-nav').getByRole('link', { name: 'Tablero', exact: true }).click();
    expect(asked).toMatch(/sin guardar/);
    expect(new URL(page.url()).pathname).toBe('/entry');
    await expect.poll(() => cusco.inputValue()).toBe('75');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'entry-es');
    await page.context().close();
  });
});

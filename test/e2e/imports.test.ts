/**
 * The "import a CSV with one bad row and see that row's error": the rejected file lists
 * the row, column and reason and imports nothing; the fixed file passes a dry run, then imports.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const HEADER = 'indicator,place,period,disagg,source,value,provenance,note,status,organisation';
const GOOD = ['ERAD_HA,PE-10,2030,,,101,sourced,e2e,,', 'ERAD_HA,PE-22,2030,,,202,sourced,e2e,,', 'ERAD_HA,PE-12,2030,,,303,sourced,e2e,,'];
const dir = mkdtempSync(join(tmpdir(), 'vigia-imports-'));
function csvFile(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

async function importedIn2030(page: Page): Promise<Array<{ place: string; value: number }>> {
  const r = await page.request.get(`${vigia.url}/api/programs/PE/values?indicator=ERAD_HA&period=2030&limit=100`);
  expect(r.ok()).toBe(true);
  return ((await r.json()) as { values: Array<{ place: string; value: number }> }).values.map((v) => ({ place: v.place, value: v.value }));
}

describe('imports', () => {
  it('rejects a CSV with one bad row, naming that row; the fixed file dry-runs, then imports', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    expect(await importedIn2030(page)).toEqual([]);

    // Row 4 (the header is row 1) names a place that does not exist.
    await page.getByTestId('import-file').setInputFiles(csvFile('eradication.csv', [GOOD[0]!, GOOD[1]!, 'ERAD_HA,PE-99,2030,,,404,sourced,e2e,,', GOOD[2]!]));
    expect(await page.getByTestId('import-format').inputValue()).toBe('csv');
    expect(await page.getByTestId('dry-run').isChecked()).toBe(true);
    await page.getByTestId('start-import').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('eradication.csv');
    expect(cells[1]).toBe('4');
    expect(cells[2]).toBe('place');
    expect(cells[3]).toBe('PE-99');
    expect(cells[4]).toMatch(/place/i);
    expect(await page.getByTestId('import-outcome').textContent()).toMatch(/rejected/);
    expect(await page.getByTestId('errors-csv').getAttribute('href')).toMatch(/^\/api\/jobs\/[\w-]+\/errors\.csv$/);
    const errorsCsv = await page.request.get(`${vigia.url}${await page.getByTestId('errors-csv').getAttribute('href')}`);
    expect(await errorsCsv.text()).toMatch(/PE-99/);
    expect(await page.getByTestId('import-for-real').count()).toBe(0);
    expect(await importedIn2030(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Fixed: the dry run passes and still writes nothing.
    await page.getByTestId('import-file').setInputFiles(csvFile('eradication-fixed.csv', GOOD));
    await page.getByTestId('start-import').click();
    await page.locator('[data-testid=import-result][data-status=done]').waitFor();
    expect(await page.getByTestId('import-outcome').textContent()).toMatch(/Dry run passed/);
    expect(await page.getByTestId('count-created').textContent()).toBe('3');
    expect(await importedIn2030(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'imports');

    await page.getByTestId('import-for-real').click();
    await page.getByText('Imported eradication-fixed.csv.').waitFor();
    const after = await importedIn2030(page);
    expect(after.sort((a, b) => a.place.localeCompare(b.place))).toEqual([
      { place: 'PE-10', value: 101 },
      { place: 'PE-12', value: 303 },
      { place: 'PE-22', value: 202 },
    ]);
  });

  it('offers templates to download, in Spanish too', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'partner');
    await page.goto(`${vigia.url}/imports`);
    await page.getByRole('heading', { level: 1, name: 'Importaciones' }).waitFor();
    const href = await page.getByTestId('template-csv').getAttribute('href');
    expect(href).toBe('/api/programs/PE/templates/csv');
    const template = await page.request.get(`${vigia.url}${href}`);
    expect(template.ok()).toBe(true);
    expect((await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^indicator,place,period/);
    expect(await page.getByText('Plantilla Excel (.xlsx)').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

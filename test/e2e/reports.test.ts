/** The reports page: pick a report, preview its HTML in a sandboxed frame, download it in each format. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshot, seriousA11yViolations, signIn } from './browser.js';
import { startVigia, type RunningVigia } from './vigia-server.js';

const NBSP = '\u00a0';
let vigia: RunningVigia;
let browser: Browser;
let downloads: string;
beforeAll(async () => {
  vigia = await startVigia();
  browser = await launchBrowser();
  downloads = mkdtempSync(join(tmpdir(), 'vigia-e2e-reports-'));
});
afterAll(async () => {
  await browser?.close();
  await vigia?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return { pages: pages.length, text: pages.join(' ').replace(/[\s\u00a0]+/g, ' ') };
}

/** Signs in as the officer and chooses the 2012 fact sheet in the page's own controls. */
async function openFactSheet2012(): Promise<Page> {
  const page = await newPage(browser, vigia.url);
  await signIn(page, vigia.url, 'officer');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByLabel('Report', { exact: true }).selectOption('factsheet');
  await page.getByLabel('Type of period').selectOption('year');
  await page.getByLabel('Period', { exact: true }).selectOption('2012');
  return page;
}

/** The text of the preview frame once the server's report is in it. */
async function previewText(page: Page, waitFor: string): Promise<string> {
  const frame = page.frameLocator('iframe[data-testid=report-preview]');
  await frame.getByText(waitFor, { exact: false }).first().waitFor();
  await page.getByTestId('report-rendering').waitFor({ state: 'detached' });
  return (await frame.locator('body').textContent()) ?? '';
}

async function download(page: Page, format: 'md' | 'pdf'): Promise<{ name: string; bytes: Buffer }> {
  const [event] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${format}`).click()]);
  const path = join(downloads, event.suggestedFilename());
  await event.saveAs(path);
  return { name: event.suggestedFilename(), bytes: readFileSync(path) };
}

describe('reports', () => {
  it('previews the 2012 fact sheet in a sandboxed frame of the same origin, with its figures', async () => {
    const page = await openFactSheet2012();
    const iframe = page.locator('iframe[data-testid=report-preview]');
    const src = (await iframe.getAttribute('src')) ?? '';
    expect(src).toBe('/api/reports/factsheet?program=PE&period=2012&lang=en&format=html');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await iframe.getAttribute('title')).toMatch(/^Preview of the report: .*fact sheet, 2012$/);
    const text = await previewText(page, 'Eradication of illicit coca');
    expect(text).toContain('from 10,290 to 14,171 hectares');
    expect(text).toContain('Peru counternarcotics program: fact sheet 2012');
    // The choice is in the address, so a reload (or a shared link) shows the same report.
    expect(new URL(page.url()).searchParams.get('period')).toBe('2012');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'reports');
  });

  it('offers fiscal years and quarters, named as readers name them', async () => {
    const page = await openFactSheet2012();
    await page.getByLabel('Type of period').selectOption('fiscal_year');
    const period = page.getByLabel('Period', { exact: true });
    // From calendar 2012 to the fiscal year that ends in 2012: FY2012 = 2011Oct.
    expect(await period.inputValue()).toBe('2011Oct');
    await period.selectOption('2012Oct');
    expect(await period.locator('option:checked').textContent()).toBe('FY2013 (Oct 2012 – Sep 2013)');
    expect(await page.locator('iframe[data-testid=report-preview]').getAttribute('src')).toContain('period=2012Oct');
    expect(await previewText(page, 'FY2013')).toContain('FY2013');
    // FY2013 starts with the quarter Oct–Dec 2012.
    await page.getByLabel('Type of period').selectOption('quarter');
    expect(await period.inputValue()).toBe('2012Q4');
    expect(await period.locator('option:checked').textContent()).toBe('2012 Q4');
  });

  it('downloads the fact sheet as a PDF that states the figure', async () => {
    const page = await openFactSheet2012();
    const pdf = await download(page, 'pdf');
    expect(pdf.name).toBe('PE-factsheet-2012-en.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The demo fact sheet is two pages in the standard PDF fonts, compressed: about 7 KB.
    expect(pdf.bytes.length).toBeGreaterThan(5_000);
    const { pages, text } = await pdfText(pdf.bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('from 10,290 to 14,171 hectares');
  });

  it('downloads the same fact sheet as Markdown', async () => {
    const page = await openFactSheet2012();
    const md = await download(page, 'md');
    expect(md.name).toBe('PE-factsheet-2012-en.md');
    const text = md.bytes.toString('utf8');
    expect(text).toMatch(/^# /);
    expect(text).toContain('from 10,290 to 14,171 hectares');
  });

  it("makes the report in Spanish, with the server's Spanish numbers, when asked", async () => {
    const page = await openFactSheet2012();
    await page.getByLabel('Language of the report').selectOption('es');
    expect(await page.locator('iframe[data-testid=report-preview]').getAttribute('src')).toContain('lang=es');
    const text = await previewText(page, 'erradicación');
    expect(text).toContain('Programa antidrogas del Perú: hoja informativa 2012');
    expect(text).toContain(`La erradicación de coca ilícita aumentó un 38${NBSP}% entre 2011 y 2012, de 10${NBSP}290 a 14${NBSP}171 hectáreas.`);
    expect(await page.getByTestId('download-pdf').getAttribute('download')).toBe('PE-factsheet-2012-es.pdf');
    // The page itself stays in English: only the report changed language.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Reports');
  });

  it('defaults the report to the Spanish of a Spanish user interface', async () => {
    const page = await newPage(browser, vigia.url, 'es');
    await signIn(page, vigia.url, 'analyst');
    await page.goto(`${vigia.url}/reports?report=progress&period=2012`);
    await page.getByRole('heading', { level: 1, name: 'Informes' }).waitFor();
    expect(await page.getByLabel('Idioma del informe').inputValue()).toBe('es');
    expect(await previewText(page, 'avance de los indicadores')).toContain('Línea de base');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('falls back to a period it offers when the address names another', async () => {
    const page = await newPage(browser, vigia.url);
    await signIn(page, vigia.url, 'officer');
    await page.goto(`${vigia.url}/reports?report=factsheet&period=1990`);
    // 1990 is not offered: the page falls back to a period it offers rather than showing an error.
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).toMatch(/^\d{4}$/);
    expect(await page.getByLabel('Period', { exact: true }).inputValue()).not.toBe('1990');
  });
});

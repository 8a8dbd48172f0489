/** The demo's indicator-progress report: framework order, baseline, target, actual, percent of target, a chart each. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { buildReportDocument } from './report-build.service.js';
import { renderReport } from './report.service.js';
import { blockMarks, type Block, type ReportDocument } from './report-document.js';
import { markLetters } from '../../core/figure-marks.js';
import { rowMarks } from '../../core/row-marks.js';

let t: TestDb;
let en: ReportDocument;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, 'demo/peru');
  en = await buildReportDocument(t.db, { program: 'PE', report: 'progress', period: '2012', lang: 'en' });
}, 120_000);
afterAll(() => t.destroy());

/** The blocks of one indicator: from its bold title to the next title or heading. */
function indicatorBlocks(doc: ReportDocument, title: string): Block[] {
  const start = doc.blocks.findIndex((b) => b.kind === 'paragraph' && b.inlines[0]?.bold && b.inlines[0].text === title);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const rest = doc.blocks.slice(start + 1);
  const end = rest.findIndex((b) => b.kind === 'heading' || (b.kind === 'paragraph' && b.inlines[0]?.bold));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the indicator-progress report', () => {
  it('follows the framework: goals, then their components, in order', () => {
    const headings = en.blocks.flatMap((b) => (b.kind === 'heading' ? [`${b.level} ${b.text}`] : []));
    expect(headings.slice(0, 3)).toEqual(["2 Build Peru's counternarcotics and law enforcement capacity", '3 Police capacity', '3 Demand reduction']);
    expect(headings).toContain('2 Reduce cocaine production and trafficking');
    expect(headings.indexOf('3 Eradication')).toBeGreaterThan(headings.indexOf('2 Reduce cocaine production and trafficking'));
  });

  it('gives baseline, target, actual and percent of target per period, and a chart of actual against target', () => {
    const blocks = indicatorBlocks(en, 'Coca eradicated (hectares)');
    expect(blocks[0]).toEqual({ kind: 'paragraph', inlines: [{ text: 'Baseline: 10,290 (2011)' }] });
    const table = blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.head).toEqual(['', '2011', '2012', '2013', '2014', '2015', '2016']);
    const row = (label: string) =>
      table.rows
        .find((r) => r[0]?.text === label)!
        .slice(1)
        .map((c) => c.text);
    expect(row('Target')).toEqual(['—', '—', '—', '—', '—', '30,000']);
    expect(row('Actual')).toEqual(['10,290', '14,171', '23,947', '31,200', '35,868', '30,151']);
    const actualRow = table.rows.find((r) => r[0]?.text === 'Actual')!.slice(1);
    expect(actualRow.map((c) => markLetters(rowMarks(c)))).toEqual(['i', 'i', 'i', 'i', 'i', 'i']);
    expect(row('% of target')).toEqual(['—', '—', '—', '—', '—', '101%']);
    expect(table.caption).toBeNull();
    expect(blockMarks(table)).toEqual(['illustrative']);
    const chart = blocks.find((b) => b.kind === 'chart');
    if (chart?.kind !== 'chart') throw new Error('no chart');
    expect(chart.chart.series.map((s) => `${s.name}:${s.style}`)).toEqual(['Actual:bar', 'Target:line']);
    expect(chart.query).toMatchObject({ indicator: 'ERAD_HA', periods: ['2011', '2012', '2013', '2014', '2015', '2016'] });
  });

  it('splits an indicator with several sources into one block per source, never adding them', () => {
    const usg = indicatorBlocks(en, 'Coca under cultivation (hectares; US government estimate (ONDCP, published in the INCSR))');
    const unodc = indicatorBlocks(en, 'Coca under cultivation (hectares; UNODC/DEVIDA coca crop monitoring survey)');
    const actual = (blocks: Block[]) => {
      const table = blocks.find((b) => b.kind === 'table');
      return table?.kind === 'table' ? table.rows[1]?.[1]?.text : undefined;
    };
    expect(actual(usg)).toBe('49,500');
    expect(actual(unodc)).toBe('62,500');
  });

  it('in Spanish, as HTML with a chart per indicator, and as PDF', async () => {
    const html = (await renderReport(t.db, { program: 'PE', report: 'progress', period: '2012', lang: 'es', format: 'html' })).body.toString();
    expect(html).toContain('<p>Línea de base: 10\u00a0290 (2011)</p>');
    expect(html).toMatch(/<figure class="chart" data-query="[^"]*" data-query-program="PE" data-query-indicator="ERAD_HA"/);
    expect(html).toContain('<th scope="row">% de la meta</th>');
    const pdf = await renderReport(t.db, { program: 'PE', report: 'progress', period: '2012', lang: 'en', format: 'pdf' });
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.fileName).toBe('PE-progress-2012-en.pdf');
  });
});

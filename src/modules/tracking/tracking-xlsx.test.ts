/**
 * Acceptance 3 of issue 15: the XLSX tracking table opens with exceljs; numbers are numeric
 * cells with the indicator's decimals as their format, the header row is frozen, each row's
 * values equal the JSON, and deviations over 10 % are highlighted. The CSV carries the same
 * columns and values; Markdown, HTML and PDF render through the report machinery.
 */
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { monthRange, writeTrackingProgram, type TrackingProgram } from '../../../test/helpers/tracking-program.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import type { Actor } from '../access/actor.js';
import { LANGS } from '../../core/statements/language.js';
import { trackingTable } from './tracking-table.service.js';
import { setExplanation } from './tracking-explanations.service.js';
import { renderTrackingTable } from './tracking-render.service.js';
import { trackingColumns, type TrackingColumnKey } from './tracking-columns.js';
import type { TrackingRow } from './tracking-table.js';
import { DEVIATION_FILL, numberFormat } from './tracking-xlsx.js';

const OFFICER: Actor = { userId: null, role: 'officer', organisationId: null, clearance: 'restricted' };
let t: TestDb;
let folder: TrackingProgram;
beforeAll(async () => {
  t = await createTestDb();
  folder = writeTrackingProgram({
    code: 'OCT',
    fiscalStartMonth: 10,
    fiscalYear: '2012Oct',
    months: monthRange('201207', '201312'),
    emptyMonths: monthRange('201304', '201306'),
    targetPeriod: '2012Oct',
    baselinePeriod: '2011Oct',
  });
  await loadProgramFolder(t.db, folder.dir);
  // A text that a spreadsheet would run as a formula, and markup, to show both are made inert.
  await setExplanation(t.db, OFFICER, 'OCT', '2012Oct', 'TWO_N', '=HYPERLINK("http://x") more volunteers <script>alert(1)</script> than planned');
}, 60_000);
afterAll(async () => {
  await t.destroy();
  rmSync(folder.dir, { recursive: true, force: true });
});

/** What the JSON row says a column holds: a number, a text, or nothing. */
function jsonValue(row: TrackingRow, key: TrackingColumnKey): number | string | null {
  switch (key) {
    case 'indicator':
      return row.indicator;
    case 'source':
      return row.source;
    case 'unit':
      return row.unit;
    case 'baseline':
      return row.baseline?.value ?? null;
    case 'target':
      return row.target;
    case 'q1':
    case 'q2':
    case 'q3':
    case 'q4':
      return row.quarters[Number(key.slice(1)) - 1]!.actual;
    case 'actual':
      return row.actual;
    case 'achieved_pct':
      return row.achieved_pct;
    case 'lop_target':
      return row.lop_target;
    case 'lop_actual':
      return row.lop_actual;
    default:
      return undefined as never;
  }
}
const COMPARED: TrackingColumnKey[] = [
  'indicator',
  'source',
  'unit',
  'baseline',
  'target',
  'q1',
  'q2',
  'q3',
  'q4',
  'actual',
  'achieved_pct',
  'lop_target',
  'lop_actual',
];

describe.each(LANGS)('the XLSX tracking table (%s)', (lang) => {
  it('has a frozen header, numeric cells with the decimals, rows equal to the JSON, deviations highlighted', async () => {
    const table = await trackingTable(t.db, 'OCT', '2012Oct');
    const file = await renderTrackingTable(t.db, { program: 'OCT', fiscalYear: '2012Oct', lang, format: 'xlsx' });
    expect(file.fileName).toBe(`OCT-itt-2012Oct-${lang}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const columns = trackingColumns(table, lang);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.head));
    expect(ws.getRow(1).getCell(8).value).toBe(lang === 'en' ? 'Q1 (2012 Q4)' : 'T1 (4.º trim. 2012)');
    expect(ws.rowCount).toBe(table.rows.length + 1);

    table.rows.forEach((row, i) => {
      const xrow = ws.getRow(i + 2);
      for (const key of COMPARED) {
        const cell = xrow.getCell(columns.findIndex((c) => c.key === key) + 1);
        const want = jsonValue(row, key);
        expect(cell.value ?? null, `${row.indicator} ${row.source} ${key}`).toEqual(want);
        if (typeof want === 'number') {
          expect(cell.type).toBe(ExcelJS.ValueType.Number);
          expect(cell.numFmt).toBe(key === 'achieved_pct' ? '0.0' : numberFormat(row.decimals));
        }
      }
      const actual = xrow.getCell(columns.findIndex((c) => c.key === 'actual') + 1);
      const fill = actual.fill?.type === 'pattern' ? actual.fill.fgColor?.argb : undefined;
      expect(fill, `${row.indicator} highlighted`).toBe(row.explanation_required ? DEVIATION_FILL : undefined);
      const explanation = xrow.getCell(columns.length).value;
      if (row.deviation_explanation) expect(explanation).toBe(`'${row.deviation_explanation}`);
      else if (row.explanation_required) expect(String(explanation)).toMatch(lang === 'en' ? /^Required/ : /^Requerida/);
      else expect(explanation).toBeNull();
    });
    // The data exercise numbers with decimals, a highlighted row and an empty quarter.
    expect(table.rows.some((r) => r.decimals === 2 && r.actual !== null)).toBe(true);
    expect(table.rows.some((r) => r.explanation_required)).toBe(true);
    expect(table.rows.some((r) => r.quarters.some((q) => q.actual === null) && r.actual !== null)).toBe(true);
  });

  it('as CSV: the same columns and values, empty where there is no data', async () => {
    const table = await trackingTable(t.db, 'OCT', '2012Oct');
    const csv = (await renderTrackingTable(t.db, { program: 'OCT', fiscalYear: '2012Oct', lang, format: 'csv' })).body.toString('utf8');
    const [head, ...rows] = parse(csv) as string[][];
    const columns = trackingColumns(table, lang);
    expect(head).toEqual(columns.map((c) => c.head));
    table.rows.forEach((row, i) => {
      for (const key of COMPARED) {
        const want = jsonValue(row, key);
        expect(rows[i]![columns.findIndex((c) => c.key === key)], `${row.indicator} ${key}`).toBe(want === null ? '' : String(want));
      }
    });
  });

  it('as Markdown, HTML and PDF through the report renderers, each figure with its query', async () => {
    const md = (await renderTrackingTable(t.db, { program: 'OCT', fiscalYear: '2012Oct', lang, format: 'md' })).body.toString('utf8');
    expect(md).toContain(lang === 'en' ? '# Indicator tracking table — FY2013' : '# Tabla de seguimiento de indicadores — AF2013');
    expect(md).toContain('`OCT: indicator=SUM_N place=OCT periods=2012Q4,2013Q1,2013Q2,2013Q3,2012Oct approved`');
    const html = (await renderTrackingTable(t.db, { program: 'OCT', fiscalYear: '2012Oct', lang, format: 'html' })).body.toString('utf8');
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).not.toContain('<script');
    expect(html).toContain('more volunteers &lt;script&gt;alert(1)&lt;/script&gt; than planned');
    expect(md).toContain(`SUM\\_N — ${lang === 'en' ? 'Indicator' : 'Indicador'} SUM\\_N`);
    const pdf = (await renderTrackingTable(t.db, { program: 'OCT', fiscalYear: '2012Oct', lang, format: 'pdf' })).body;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

/**
 * Issue 14, acceptance 6: one derived and one illustrative figure, planted in a program of their
 * own, carry the same flag letters in every output that shows them — the analytics API, the
 * Markdown, HTML and PDF reports and the CSV export — and each output explains the flags it
 * shows in a legend, in the report's language (core/figure-marks.ts is the notation).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { MARK_LEGEND, type FigureMark } from '../../core/figure-marks.js';
import { formatNumber } from '../../core/number-format.js';
import { createApp, type App } from '../../server/app.js';
import { csvSink } from '../exchange/spreadsheet/table-sink.js';
import { exportAnalyticsTable } from '../exchange/spreadsheet/spreadsheet-export.service.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { renderReport } from './report.service.js';

const dir = mkdtempSync(join(tmpdir(), 'vigia-marks-'));

/** The planted figures of 2019, the value each shows and the flags it must carry. */
const FIGURES = {
  ERRAD: { value: 1234, marks: ['illustrative'] as FigureMark[], letters: 'i' },
  CALC: { value: 1000, marks: ['derived'] as FigureMark[], letters: 'd' },
} as const;
type Code = keyof typeof FIGURES;
const CODES = Object.keys(FIGURES) as Code[];
const EXPECTED = Object.fromEntries(CODES.map((c) => [c, FIGURES[c].letters]));

const indicator = (code: string, en: string, es: string) => ({
  code,
  component: 'C1',
  name: { en, es },
  unit: 'ha',
  direction: 'up',
  agg_time: 'sum',
  agg_place: 'sum',
  sensitivity: 'public',
  origin: 'reported',
  decimals: 0,
  sources: [],
  dimensions: [],
});

beforeAll(() => {
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'values'));
  mkdirSync(join(dir, 'reports'));
  file('program.json', JSON.stringify({ code: 'MK', name: { en: 'Marks program', es: 'Programa de marcas' }, country: 'MK', fiscal_year_start_month: 1 }));
  file('places.csv', 'code,name,level,parent,lat,lon,iso\nMK,Markland,1,,,,\nMK-01,North,2,MK,,,\n');
  file('framework.csv', 'code,kind,parent,name_en,name_es,description_en,description_es\nG1,goal,,Goal,Objetivo,,\nC1,component,G1,Component,Componente,,\n');
  file(
    'indicators.json',
    JSON.stringify([
      indicator('ERRAD', 'Eradication', 'Erradicación'),
      indicator('CALC', 'Crops worked out from eradication', 'Cultivos calculados a partir de la erradicación'),
    ]),
  );
  file(
    'values/all.csv',
    [
      'indicator,place,period,disagg,source,value,provenance,note,status,organisation',
      `ERRAD,MK-01,2019,,,${FIGURES.ERRAD.value},illustrative,,approved,`,
      `CALC,MK,2019,,,${FIGURES.CALC.value},derived,,approved,`,
    ].join('\n'),
  );
  file(
    'reports/figures.json',
    JSON.stringify({
      code: 'figures',
      title: { en: 'Figures {{period}}', es: 'Cifras {{period}}' },
      sections: [{ type: 'table', rows: [{ indicator: 'ERRAD' }, { indicator: 'CALC' }], periods: { from: 0, to: 0 } }],
    }),
  );
});

let t: TestDb;
let app: App;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, dir);
  app = createApp({ db: t.db, engine: t.engine });
}, 60_000);
afterAll(async () => {
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const report = async (format: 'md' | 'html' | 'pdf', lang: 'en' | 'es') =>
  (await renderReport(t.db, { program: 'MK', report: 'figures', period: '2019', lang, format })).body;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The letters written after each planted figure in `text`, found by the figure's formatted value and `after` (the markup). */
function lettersIn(text: string, lang: 'en' | 'es', after: (value: string) => RegExp): Record<string, string> {
  return Object.fromEntries(
    CODES.map((c) => {
      const m = after(escape(formatNumber(FIGURES[c].value, lang))).exec(text);
      if (!m) throw new Error(`${c}: no figure ${formatNumber(FIGURES[c].value, lang)} in ${text.slice(0, 2000)}`);
      return [c, m[1] ?? ''];
    }),
  );
}

/** Each flag's legend line, in `lang`, is in `text` (after the PDF's or HTML's own escaping of it). */
function expectLegends(text: string, lang: 'en' | 'es') {
  for (const m of ['derived', 'illustrative'] as const) expect(text).toContain(MARK_LEGEND[lang][m]);
  expect(text).not.toContain(MARK_LEGEND[lang].draft);
}

describe('one provenance notation in every output', () => {
  it('the analytics API gives each figure its marks', async () => {
    const res = await app.request('/api/analytics?program=MK&indicator=ERRAD,CALC&from=2019&to=2019');
    expect(res.status).toBe(200);
    const { rows } = (await res.json()) as { rows: { indicator: string; value: number; marks: FigureMark[] }[] };
    for (const c of CODES) expect(rows.find((r) => r.indicator === c)).toMatchObject({ value: FIGURES[c].value, marks: FIGURES[c].marks });
  });

  it.each(['en', 'es'] as const)('the Markdown, HTML and PDF reports write the same letters after each figure, with a legend (%s)', async (lang) => {
    const md = (await report('md', lang)).toString();
    expect(lettersIn(md, lang, (v) => new RegExp(`\\| ${v}(?: <sup>([a-z ]+)</sup>)? \\|`))).toEqual(EXPECTED);
    expectLegends(md, lang);

    const html = (await report('html', lang)).toString();
    expect(lettersIn(html, lang, (v) => new RegExp(`>${v}(?:<sup class="marks"[^>]*>([a-z ]+)</sup>)?</td>`))).toEqual(EXPECTED);
    for (const c of CODES) expect(html).toContain(`data-marks="${FIGURES[c].marks.join(' ')}"`);
    expectLegends(html, lang);

    // In the PDF the letters follow the figure as text; the legend's own lines start "d — ".
    const pdf = await pdfText(await report('pdf', lang));
    expect(lettersIn(pdf, lang, (v) => new RegExp(`(?:^| )${v}((?: [dip](?= )(?! —))*)`))).toEqual(
      Object.fromEntries(CODES.map((c) => [c, ` ${FIGURES[c].letters}`])),
    );
    expectLegends(pdf, lang);
  });

  it('the CSV export carries the same letters in its flags column', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await exportAnalyticsTable(t.db, csvSink(out), { program: 'MK', analytics: { indicators: ['ERRAD', 'CALC'], by: [], from: '2019', to: '2019' } });
    const rows = parse(Buffer.concat(chunks).toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.fromEntries(rows.map((r) => [r.indicator, r.flags]))).toEqual(EXPECTED);
    expect(rows.map((r) => Number(r.value))).toEqual(CODES.map((c) => FIGURES[c].value));
  });
});

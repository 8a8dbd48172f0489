/** The pure parts of reports: narrative Markdown, chart layout and SVG, and the three renderers on a hand-made document. */
import { describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { fillPlaceholders, parseInlines, parseNarrative } from './narrative-markdown.js';
import { layoutChart, niceStep, type ChartModel } from './chart-layout.js';
import { chartSvg } from './chart-svg.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';
import { pdfSafe, renderPdf } from './render-pdf.js';
import type { ReportDocument } from './report-document.js';

describe('narrative Markdown', () => {
  it('reads headings, paragraphs, lists and emphasis', () => {
    const blocks = parseNarrative('# Goals\n\nWe aim to:\n\n- cut **coca**;\n- train *judges*\n  and prosecutors.\n\nSee [UNODC](https://www.unodc.org).');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Goals' },
      { kind: 'paragraph', inlines: [{ text: 'We aim to:' }] },
      {
        kind: 'list',
        items: [
          [{ text: 'cut ' }, { text: 'coca', bold: true }, { text: ';' }],
          [{ text: 'train ' }, { text: 'judges', italic: true }, { text: ' and prosecutors.' }],
        ],
      },
      { kind: 'paragraph', inlines: [{ text: 'See ' }, { text: 'UNODC', href: 'https://www.unodc.org' }, { text: '.' }] },
    ]);
  });
  it('keeps only web links', () => {
    expect(parseInlines('[x](javascript:alert(1))')).toEqual([{ text: 'x' }]);
  });
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(fillPlaceholders('{{program}} in {{ period }}, {{typo}}', { program: 'PE', period: '2012' })).toBe('PE in 2012, {{typo}}');
  });
});

const chart: ChartModel = {
  title: 'Coca <under> cultivation',
  unitLabel: 'hectares',
  categories: ['2010', '2011', '2012'],
  series: [
    { name: 'Actual', style: 'bar', values: [61_200, null, 60_400] },
    { name: 'Target', style: 'line', values: [null, 55_000, 50_000] },
    { name: 'Nothing', style: 'line', values: [null, null, null] },
  ],
  lang: 'en',
};

describe('charts', () => {
  it('picks round axis steps', () => {
    expect(niceStep(62_500)).toBe(20_000);
    expect(niceStep(3)).toBe(1);
    expect(niceStep(0.7)).toBe(0.2);
  });
  it('draws bars for actual values, a line with markers for targets, no data as a gap, and no empty series', () => {
    const { shapes } = layoutChart(chart);
    const bars = shapes.filter((s) => s.kind === 'rect' && s.w > 10);
    expect(bars).toHaveLength(2);
    expect(shapes.filter((s) => s.kind === 'polyline')).toHaveLength(1);
    expect(shapes.filter((s) => s.kind === 'circle')).toHaveLength(3); // two targets and one legend marker
    const labels = shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(labels).toEqual(expect.arrayContaining(['80,000', '2011', 'Actual', 'Target', 'hectares']));
    expect(labels).not.toContain('Nothing');
  });
  it('writes SVG with escaped text, identical every time', () => {
    const svg = chartSvg(chart);
    expect(svg).toContain('<title>Coca &lt;under&gt; cultivation</title>');
    expect(svg).toBe(chartSvg(chart));
  });
});

const doc: ReportDocument = {
  lang: 'es',
  title: 'Informe <prueba> & más',
  subtitle: null,
  program: { code: 'XX', name: 'Programa' },
  period: { id: '2012Oct', label: 'AF2013' },
  dataVersion: 4,
  definition: { code: 'brief', name: 'Brief', hash: 'abc123abc123' },
  approvedOnly: true,
  blocks: [
    { kind: 'heading', level: 2, text: 'Resultados' },
    {
      kind: 'statements',
      style: 'list',
      items: [
        {
          text: 'La erradicación aumentó un 38\u00a0% en el año fiscal 2013.',
          tone: 'good',
          available: true,
          provenance: ['sourced', 'derived'],
          query: {
            kind: 'analytics',
            program: 'XX',
            indicator: 'ERAD_HA',
            source: '',
            place: '',
            zone: '',
            periods: ['2011Oct', '2012Oct'],
            disagg: '',
            approvedOnly: true,
          },
        },
      ],
    },
    { kind: 'paragraph', inlines: [{ text: '<script>alert(1)</script>' }] },
  ],
};

describe('renderers', () => {
  it('Markdown: statements with their provenance label and query footnote', () => {
    const md = renderMarkdown(doc);
    expect(md).toContain('- La erradicación aumentó un 38\u00a0% en el año fiscal 2013. <sup>d</sup>[^1]');
    expect(md).toContain('*d — derivada: calculada a partir de otros indicadores o registros*');
    expect(md).toContain('[^1]: `XX: indicator=ERAD_HA periods=2011Oct,2012Oct approved`');
    expect(md).toContain('versión 4 de los datos');
  });
  it('HTML: escapes text, validates, and carries the query', async () => {
    const html = renderHtml(doc);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('data-query-periods="2011Oct,2012Oct"');
    expect((await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html)).valid).toBe(true);
  });
  it('PDF: deterministic bytes, dated by the period', async () => {
    const a = await renderPdf(doc);
    expect(a.equals(await renderPdf(doc))).toBe(true);
    // The creation date is the end of fiscal year 2013, not the clock.
    expect(a.toString('latin1')).toContain('(D:20130930000000Z)');
    expect(pdfSafe('49\u202f500 → x')).toBe('49\u00a0500 ? x');
  });
});

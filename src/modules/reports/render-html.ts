/**
 * The report as one printable HTML5 page with its CSS inline and charts as inline SVG. Every
 * figure sits in an element whose `data-query-*` attributes hold the query that reproduces it
 * (indicator, source, place, periods, disaggregation) and `data-provenance` its kind of data.
 */
import { chartSvg } from './chart-svg.js';
import { escapeXml } from '../../core/xml-escape.js';
import {
  REPORT_WORDS,
  blockMarks,
  queryAttributes,
  type Block,
  type FigureQuery,
  type Inline,
  type ReportDocument,
  type TableCell,
} from './report-document.js';
import type { ProvenanceKind } from '../../core/aggregation.js';
import { MARK_LEGEND, markLetters, type FigureMark } from '../../core/figure-marks.js';
import type { Language } from '../../core/languages.js';
import { legendLines } from '../../core/marks-legend.js';
import { rowMarks } from '../../core/row-marks.js';

/** A figure's flags as a superscript after it, named in words for screen readers and on hover. */
function flags(marks: readonly FigureMark[], lang: Language): string {
  if (!marks.length) return '';
  const words = marks.map((m) => MARK_LEGEND[lang][m]).join('; ');
  return `<sup class="marks" data-marks="${marks.join(' ')}" title="${escapeXml(words)}">${markLetters(marks)}</sup>`;
}

/** The legend under a block: one line per flag its figures carry. */
function legend(marks: readonly FigureMark[], lang: Language): string {
  if (!marks.length) return '';
  const lines = legendLines(marks, lang).map((l, i) => `<li data-mark="${marks[i]}">${escapeXml(l)}</li>`);
  return `\n<ul class="marks-legend">${lines.join('')}</ul>`;
}

const CSS = `
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; font-size: 11pt; }
h1 { font-size: 1.6rem; color: #1f3f5b; margin-bottom: .2rem; }
h2 { font-size: 1.2rem; color: #1f3f5b; border-bottom: 1px solid #c8d3dd; padding-bottom: .15rem; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; color: #2c5573; margin-top: 1.2rem; }
.subtitle { color: #555; font-style: italic; margin-top: 0; }
ul.statements li { margin-bottom: .45rem; }
.statement.unavailable { color: #777; }
.tone-good { border-left: 3px solid #4d7c3a; padding-left: .35rem; }
.tone-bad { border-left: 3px solid #c0392b; padding-left: .35rem; }
.marks { color: #8a5a00; }
ul.marks-legend { list-style: none; padding: 0; margin: .2rem 0 .8rem; font-size: .85em; color: #555; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92em; }
th, td { border-bottom: 1px solid #dde3e8; padding: .25rem .5rem; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: bottom; text-align: left; font-size: .85em; color: #555; padding-top: .2rem; }
figure { margin: .8rem 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .85em; color: #555; }
footer { margin-top: 2rem; border-top: 1px solid #c8d3dd; padding-top: .4rem; font-size: .8em; color: #666; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
`.trim();

function attrs(q: FigureQuery | null | undefined, provenance?: readonly ProvenanceKind[]): string {
  const parts: string[] = [];
  if (q) {
    parts.push(`data-query="${escapeXml(JSON.stringify(q))}"`);
    for (const [k, v] of queryAttributes(q)) parts.push(`data-query-${k}="${escapeXml(v)}"`);
  }
  if (provenance?.length) parts.push(`data-provenance="${provenance.join(' ')}"`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function inlines(runs: readonly Inline[]): string {
  return runs
    .map((r) => {
      let t = escapeXml(r.text);
      if (r.bold) t = `<strong>${t}</strong>`;
      if (r.italic) t = `<em>${t}</em>`;
      if (r.href) t = `<a href="${escapeXml(r.href)}">${t}</a>`;
      return t;
    })
    .join('');
}

function cellHtml(c: TableCell, tag: 'td' | 'th', lang: Language): string {
  const cls = c.numeric ? ' class="num"' : '';
  return `<${tag}${cls}${attrs(c.query, c.provenance)}>${escapeXml(c.text)}${flags(rowMarks(c), lang)}</${tag}>`;
}

function block(b: Block, doc: ReportDocument): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeXml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inlines(b.inlines)}</p>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inlines(i)}</li>`).join('\n')}\n</ul>`;
    case 'statements': {
      const items = b.items.map((s) => {
        const cls = `statement tone-${s.tone}${s.available ? '' : ' unavailable'}`;
        const body = `<span class="${cls}"${attrs(s.query, s.provenance)}>${escapeXml(s.text)}</span>${flags(rowMarks(s), doc.lang)}`;
        return b.style === 'list' ? `<li>${body}</li>` : body;
      });
      const list = b.style === 'list' ? `<ul class="statements">\n${items.join('\n')}\n</ul>` : `<p>${items.join(' ')}</p>`;
      return `${list}${legend(blockMarks(b), doc.lang)}`;
    }
    case 'table': {
      const head = `<thead><tr>${b.head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${escapeXml(h)}</th>`).join('')}</tr></thead>`;
      const rows = b.rows.map(
        (r) => `<tr>${r.map((c, i) => (i === 0 ? cellHtml(c, 'th', doc.lang).replace('<th', '<th scope="row"') : cellHtml(c, 'td', doc.lang))).join('')}</tr>`,
      );
      const caption = b.caption ? `<caption>${escapeXml(b.caption)}</caption>` : '';
      return `<table>${caption}\n${head}\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>${legend(blockMarks(b), doc.lang)}`;
    }
    case 'chart':
      return `<figure class="chart"${attrs(b.query)}>\n${chartSvg(b.chart)}\n${b.caption ? `<figcaption>${escapeXml(b.caption)}</figcaption>` : ''}\n</figure>${legend(blockMarks(b), doc.lang)}`;
  }
}

/** Renders the document as a standalone HTML5 page. */
export function renderHtml(doc: ReportDocument): string {
  const meta = [
    ['vigia-program', doc.program.code],
    ['vigia-period', doc.period.id],
    ['vigia-data-version', String(doc.dataVersion)],
    ['vigia-report', doc.definition.code],
    ['vigia-definition-hash', doc.definition.hash],
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(doc.title)}</title>`,
    ...meta.map(([n, c]) => `<meta name="${n}" content="${escapeXml(c ?? '')}">`),
    `<style>\n${CSS}\n</style>`,
    '</head>',
    `<body data-data-version="${doc.dataVersion}">`,
    '<header>',
    `<h1>${escapeXml(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${escapeXml(doc.subtitle)}</p>` : '',
    '</header>',
    '<main>',
    ...doc.blocks.map((b) => block(b, doc)),
    '</main>',
    `<footer><p>${escapeXml(REPORT_WORDS[doc.lang].madeFrom(doc))}</p></footer>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n')
    .concat('\n');
}

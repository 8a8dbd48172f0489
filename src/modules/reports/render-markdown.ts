/**
 * The report as Markdown (GitHub-flavoured: tables and footnotes). Each statement, table row
 * and chart has a footnote with the query that reproduces it; charts are inline SVG images.
 */
import { chartSvg } from './chart-svg.js';
import { escapeMarkdown } from './escape.js';
import { REPORT_WORDS, blockMarks, queryText, type FigureQuery, type Inline, type ReportDocument, type TableCell } from './report-document.js';
import { markLetters, type FigureMark } from '../../core/figure-marks.js';
import { legendLines } from '../../core/marks-legend.js';
import { rowMarks } from '../../core/row-marks.js';

/** A figure's flags as a superscript after it (GitHub-flavoured Markdown keeps <sup>). */
function flags(marks: readonly FigureMark[]): string {
  return marks.length ? ` <sup>${markLetters(marks)}</sup>` : '';
}

function inlines(runs: readonly Inline[]): string {
  return runs
    .map((r) => {
      let t = escapeMarkdown(r.text);
      if (r.bold) t = `**${t}**`;
      if (r.italic) t = `*${t}*`;
      if (r.href) t = `[${t}](${r.href})`;
      return t;
    })
    .join('');
}

/** The query of a table row: its first figure's, over every period of the row. */
function rowQuery(cells: readonly TableCell[]): FigureQuery | null {
  const qs = cells.flatMap((c) => (c.query ? [c.query] : []));
  const first = qs[0];
  if (!first) return null;
  if (first.kind !== 'analytics') return first;
  // Cells of one period (a target and its actual) name it once.
  return { ...first, periods: [...new Set(qs.flatMap((q) => (q.kind === 'analytics' ? q.periods : [])))] };
}

/** Renders the document as Markdown text. */
export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  const notes: string[] = [];
  const cite = (q: FigureQuery | null): string => {
    if (!q) return '';
    notes.push(`[^${notes.length + 1}]: \`${queryText(q).replace(/`/g, "'")}\``);
    return `[^${notes.length}]`;
  };
  out.push(`# ${escapeMarkdown(doc.title)}`, '');
  if (doc.subtitle) out.push(`*${escapeMarkdown(doc.subtitle)}*`, '');

  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`, '');
        break;
      case 'paragraph':
        out.push(inlines(b.inlines), '');
        break;
      case 'list':
        out.push(...b.items.map((i) => `- ${inlines(i)}`), '');
        break;
      case 'statements': {
        const texts = b.items.map((s) => `${escapeMarkdown(s.text)}${flags(rowMarks(s))}${cite(s.query)}`);
        if (b.style === 'list') out.push(...texts.map((t) => `- ${t}`), '');
        else out.push(texts.join(' '), '');
        break;
      }
      case 'table': {
        const cell = (c: TableCell) => `${escapeMarkdown(c.text)}${flags(rowMarks(c))}`;
        out.push(`| ${b.head.map(escapeMarkdown).join(' | ')} |`);
        out.push(`| ${b.head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
        for (const row of b.rows) {
          const [first, ...rest] = row;
          const label = first ? `${cell(first)}${cite(rowQuery(rest))}` : '';
          out.push(`| ${[label, ...rest.map(cell)].join(' | ')} |`);
        }
        out.push('');
        if (b.caption) out.push(`*${escapeMarkdown(b.caption)}*`, '');
        break;
      }
      case 'chart': {
        const svg = Buffer.from(chartSvg(b.chart), 'utf8').toString('base64');
        const alt = escapeMarkdown(b.caption ?? b.chart.title);
        out.push(`![${alt}](data:image/svg+xml;base64,${svg})${cite(b.query)}`, '');
        if (b.caption) out.push(`*${alt}*`, '');
        break;
      }
    }
    const legend = legendLines(blockMarks(b), doc.lang);
    if (legend.length) out.push(legend.map((l) => `*${escapeMarkdown(l)}*`).join('  \n'), '');
  }
  out.push('---', '', `*${escapeMarkdown(REPORT_WORDS[doc.lang].madeFrom(doc))}*`, '');
  if (notes.length) out.push(...notes, '');
  return out.join('\n');
}

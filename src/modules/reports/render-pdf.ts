/**
 * The report as PDF through pdfkit (pure npm, no browser). Text uses the standard Helvetica
 * fonts, whose Latin-1 encoding covers Spanish; charts are painted from the same layout as the
 * SVG. Each figure has a numbered reference to its query in a closing list, and the document
 * carries the data version in its metadata. No clock is read: the creation date is the end of
 * the report period, so the same data version gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import { layoutChart, type Shape } from './chart-layout.js';
import { REPORT_WORDS, blockMarks, queryText, type Block, type FigureQuery, type Inline, type ReportDocument, type TableCell } from './report-document.js';
import { markLetters } from '../../core/figure-marks.js';
import { legendLines } from '../../core/marks-legend.js';
import { rowMarks } from '../../core/row-marks.js';

/** A figure's flags written after it ("1,234 d"): letters survive WinAnsi and text extraction. */
const flagged = (text: string, f: { provenance?: readonly string[]; unapproved?: boolean }): string => {
  const letters = markLetters(rowMarks(f));
  return letters ? `${text} ${letters}` : text;
};
import { parsePeriod } from '../../core/periods.js';

type Doc = PDFKit.PDFDocument;

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique' };
const MARGIN = 50;
const INK = '#222222';
const MUTED = '#666666';
const HEADING = '#1f3f5b';

const WORDS = {
  en: { queries: 'The data behind each figure', version: 'data version', page: (n: number, of: number) => `page ${n} of ${of}` },
  es: { queries: 'Los datos detrás de cada cifra', version: 'versión de datos', page: (n: number, of: number) => `página ${n} de ${of}` },
} as const;

/**
 * Standard PDF fonts speak WinAnsi (Latin-1 and a few more): thin spaces become no-break
 * spaces, typographic marks their nearest kin, and anything else outside it a question mark
 * rather than a wrong glyph.
 */
export function pdfSafe(text: string): string {
  return text
    .replace(/[\u2009\u202f\u2007]/g, '\u00a0')
    .replace(/[\u2010\u2011\u2012\u2212]/g, '-')
    .replace(/\s/g, (c) => (c === '\u00a0' ? c : ' '))
    .replace(/[^\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u20ac]/g, '?');
}

class PdfWriter {
  readonly doc: Doc;
  readonly queries: FigureQuery[] = [];

  constructor(private readonly report: ReportDocument) {
    const created = new Date(`${parsePeriod(report.period.id).end}T00:00:00Z`);
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      compress: true,
      lang: report.lang,
      displayTitle: true,
      info: {
        Title: pdfSafe(report.title),
        Author: 'Vigia',
        Creator: 'Vigia',
        Subject: pdfSafe(`${report.program.name} — ${report.period.label}`),
        Keywords: `vigia; program=${report.program.code}; period=${report.period.id}; data_version=${report.dataVersion}; report=${report.definition.code}; definition=${report.definition.hash}`,
        CreationDate: created,
        ModDate: created,
      },
    });
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  cite(q: FigureQuery | null): string {
    if (!q) return '';
    this.queries.push(q);
    return ` [${this.queries.length}]`;
  }

  runs(runs: readonly Inline[], size = 10.5, indent = 0, tail: Inline[] = []): void {
    const all = [...runs, ...tail].filter((r) => r.text);
    const doc = this.doc;
    const x = MARGIN + indent;
    const width = this.width - indent;
    doc.fillColor(INK);
    if (!all.length) return;
    all.forEach((r, i) => {
      const font = r.bold && r.italic ? FONT.boldItalic : r.bold ? FONT.bold : r.italic ? FONT.italic : FONT.regular;
      doc
        .font(font)
        .fontSize(size)
        .fillColor(r.href ? '#1f5f8b' : INK);
      const opts = { continued: i < all.length - 1, width, lineGap: 2, ...(r.href ? { link: r.href, underline: true } : { underline: false }) };
      if (i === 0) doc.text(pdfSafe(r.text), x, doc.y, opts);
      else doc.text(pdfSafe(r.text), opts);
    });
    doc.fillColor(INK);
  }

  /** `keep`: the height of what follows, which the heading must not be parted from. */
  heading(text: string, level: 1 | 2 | 3, keep = 40): void {
    const size = level === 1 ? 18 : level === 2 ? 14 : 12;
    this.ensure(size * 2 + keep);
    this.doc.moveDown(level === 1 ? 0 : 0.6);
    this.doc.font(FONT.bold).fontSize(size).fillColor(HEADING).text(pdfSafe(text), MARGIN, this.doc.y, { width: this.width });
    this.doc.fillColor(INK).moveDown(0.3);
  }

  bullet(runs: readonly Inline[], tail: Inline[] = []): void {
    this.ensure(28);
    const y = this.doc.y;
    this.doc
      .font(FONT.regular)
      .fontSize(10.5)
      .fillColor(INK)
      .text('•', MARGIN + 4, y, { lineBreak: false });
    this.doc.y = y;
    this.runs(runs, 10.5, 16, tail);
    this.doc.moveDown(0.35);
  }

  table(head: readonly string[], rows: readonly TableCell[][], caption: string | null): void {
    const doc = this.doc;
    const cols = head.length;
    const firstW = cols > 1 ? Math.min(this.width * 0.4, 200) : this.width;
    const restW = cols > 1 ? (this.width - firstW) / (cols - 1) : 0;
    const colX = (i: number) => MARGIN + (i === 0 ? 0 : firstW + restW * (i - 1));
    const colW = (i: number) => (i === 0 ? firstW : restW) - 6;
    const fontOf = (bold: boolean, i: number) => (bold || i === 0 ? FONT.bold : FONT.regular);
    const drawRow = (cells: readonly { text: string; numeric: boolean }[], bold: boolean) => {
      // Measured in the font each cell is drawn in: a bold label wraps sooner.
      const h =
        Math.max(
          ...cells.map((c, i) =>
            doc
              .font(fontOf(bold, i))
              .fontSize(9)
              .heightOfString(pdfSafe(c.text), { width: colW(i) }),
          ),
        ) + 6;
      if (doc.y + h > this.bottom) {
        doc.addPage();
        if (!bold)
          drawRow(
            head.map((t, i) => ({ text: t, numeric: i > 0 })),
            true,
          );
      }
      const y = doc.y;
      cells.forEach((c, i) => {
        doc.font(fontOf(bold, i)).fontSize(9).fillColor(INK);
        doc.text(pdfSafe(c.text), colX(i) + 3, y + 3, { width: colW(i), align: c.numeric ? 'right' : 'left' });
      });
      doc
        .moveTo(MARGIN, y + h)
        .lineTo(MARGIN + this.width, y + h)
        .lineWidth(0.5)
        .strokeColor('#c8d3dd')
        .stroke();
      doc.x = MARGIN;
      doc.y = y + h;
    };
    this.ensure(40);
    drawRow(
      head.map((t, i) => ({ text: t, numeric: i > 0 })),
      true,
    );
    for (const r of rows) drawRow(r, false);
    if (caption) {
      doc.moveDown(0.3);
      doc.font(FONT.italic).fontSize(8.5).fillColor(MUTED).text(pdfSafe(caption), MARGIN, doc.y, { width: this.width });
    }
    doc.fillColor(INK).moveDown(0.6);
  }

  chart(block: Extract<Block, { kind: 'chart' }>): void {
    const layout = layoutChart(block.chart);
    const scale = Math.min(1, this.width / layout.width);
    const h = layout.height * scale;
    this.ensure(h + 30);
    const doc = this.doc;
    const x0 = MARGIN;
    const y0 = doc.y;
    doc.save();
    doc.translate(x0, y0).scale(scale);
    for (const s of layout.shapes) this.shape(s);
    doc.restore();
    doc.x = MARGIN;
    doc.y = y0 + h + 4;
    if (block.caption) {
      doc
        .font(FONT.italic)
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(pdfSafe(`${block.caption}${this.cite(block.query)}`), MARGIN, doc.y, { width: this.width });
    } else this.cite(block.query);
    doc.fillColor(INK).moveDown(0.6);
  }

  shape(s: Shape): void {
    const doc = this.doc;
    switch (s.kind) {
      case 'rect':
        doc.rect(s.x, s.y, s.w, s.h).fill(s.fill);
        break;
      case 'line':
        doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width).stroke(s.stroke);
        break;
      case 'polyline': {
        const [first, ...rest] = s.points;
        if (!first) break;
        doc.moveTo(first[0], first[1]);
        for (const [x, y] of rest) doc.lineTo(x, y);
        doc.lineWidth(s.width).stroke(s.stroke);
        break;
      }
      case 'circle':
        doc.circle(s.cx, s.cy, s.r).lineWidth(2).fillAndStroke(s.fill, s.stroke);
        break;
      case 'text': {
        const text = pdfSafe(s.text);
        doc.font(FONT.regular).fontSize(s.size).fillColor(s.fill);
        const w = doc.widthOfString(text);
        const x = s.anchor === 'end' ? s.x - w : s.anchor === 'middle' ? s.x - w / 2 : s.x;
        // SVG places text by its baseline, pdfkit by the top of the line.
        doc.text(text, x, s.y - s.size * 0.78, { lineBreak: false });
        break;
      }
    }
  }

  /** About how tall the start of a block is, to keep a heading with it. */
  leadHeight(b: Block | undefined): number {
    if (!b) return 0;
    if (b.kind === 'chart') return layoutChart(b.chart).height * Math.min(1, this.width / layoutChart(b.chart).width) + 30;
    if (b.kind === 'table') return 70;
    return 45;
  }

  /** The legend under a block: one line per flag its figures carry. */
  legend(b: Block): void {
    const lines = legendLines(blockMarks(b), this.report.lang);
    if (!lines.length) return;
    this.ensure(12 * lines.length);
    for (const l of lines) this.doc.font(FONT.italic).fontSize(8.5).fillColor(MUTED).text(pdfSafe(l), MARGIN, this.doc.y, { width: this.width });
    this.doc.fillColor(INK).moveDown(0.5);
  }

  block(b: Block, next?: Block): void {
    this.blockBody(b, next);
    this.legend(b);
  }

  blockBody(b: Block, next?: Block): void {
    switch (b.kind) {
      case 'heading':
        this.heading(b.text, b.level, this.leadHeight(next));
        break;
      case 'paragraph':
        this.ensure(30);
        this.runs(b.inlines);
        this.doc.moveDown(0.6);
        break;
      case 'list':
        for (const item of b.items) this.bullet(item);
        this.doc.moveDown(0.3);
        break;
      case 'statements': {
        const items = b.items.map((s) => {
          const letters = markLetters(rowMarks(s));
          const tail: Inline[] = [];
          if (letters) tail.push({ text: ` ${letters}` });
          const ref = this.cite(s.query);
          if (ref) tail.push({ text: ref });
          return { runs: [{ text: s.text }], tail };
        });
        if (b.style === 'list') for (const it of items) this.bullet(it.runs, it.tail);
        else {
          this.ensure(30);
          this.runs(items.flatMap((it, i) => [...(i ? [{ text: ' ' }] : []), ...it.runs, ...it.tail]));
        }
        this.doc.moveDown(0.4);
        break;
      }
      case 'table': {
        const rows = b.rows.map((r) => {
          const refs = r.flatMap((c) => (c.query ? [c.query] : []));
          const first = refs[0];
          const q =
            first && first.kind === 'analytics'
              ? { ...first, periods: [...new Set(refs.flatMap((x) => (x.kind === 'analytics' ? x.periods : [])))] }
              : (first ?? null);
          const [label, ...rest] = r;
          return [{ text: `${label?.text ?? ''}${this.cite(q)}`, numeric: false }, ...rest.map((c) => ({ ...c, text: flagged(c.text, c) }))];
        });
        this.table(b.head, rows, b.caption);
        break;
      }
      case 'chart':
        this.chart(b);
        break;
    }
  }

  write(): Doc {
    const { doc, report } = this;
    const lang = report.lang;
    this.heading(report.title, 1);
    if (report.subtitle) {
      doc.font(FONT.italic).fontSize(11).fillColor(MUTED).text(pdfSafe(report.subtitle), MARGIN, doc.y, { width: this.width });
      doc.fillColor(INK).moveDown(0.6);
    }
    report.blocks.forEach((b, i) => this.block(b, report.blocks[i + 1]));

    this.ensure(60);
    doc.moveDown(0.8);
    doc
      .font(FONT.italic)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(pdfSafe(REPORT_WORDS[lang].madeFrom(report)), MARGIN, doc.y, { width: this.width });
    if (this.queries.length) {
      this.heading(WORDS[lang].queries, 3);
      this.queries.forEach((q, i) => {
        this.ensure(14);
        doc
          .font(FONT.regular)
          .fontSize(8)
          .fillColor(MUTED)
          .text(pdfSafe(`[${i + 1}] ${queryText(q)}`), MARGIN, doc.y, { width: this.width });
      });
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const footer = `${report.program.code} · ${report.period.label} · ${WORDS[lang].version} ${report.dataVersion} · ${WORDS[lang].page(i + 1, range.count)}`;
      // Writing inside the bottom margin must not trigger a page break.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(pdfSafe(footer), MARGIN, doc.page.height - 32, { width: this.width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
    return doc;
  }
}

/** Renders the document as PDF bytes. */
export function renderPdf(report: ReportDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const writer = new PdfWriter(report);
    const chunks: Buffer[] = [];
    writer.doc.on('data', (c: Buffer) => chunks.push(c));
    writer.doc.on('end', () => resolve(Buffer.concat(chunks)));
    writer.doc.on('error', reject);
    try {
      writer.write();
    } catch (e) {
      reject(e);
    }
  });
}

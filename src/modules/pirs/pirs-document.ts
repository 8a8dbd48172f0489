/**
 * The PIRS book (or one sheet) as a report document, so that the report renderers draw it as
 * Markdown, HTML and PDF like the fact sheet: per indicator its reference fields (an empty
 * required one named "not yet defined"), completeness, a table of baseline, targets and latest
 * actuals (each row with the query that reproduces it, provenance labelled), the last DQA with
 * its open actions, and the changes to the indicator with the date the sheet was last updated.
 */
import type { Lang } from '../../core/statements/language.js';
import { formatNumber, formatPercent } from '../../core/number-format.js';
import { parsePeriod, periodLabel } from '../../core/periods.js';
import { DQA_RATING_LABELS, DQA_STANDARD_LABELS } from '../../core/dqa.js';
import { REFERENCE_TEXT_FIELDS, type PirsField, type ReferenceTextField } from '../../core/reference-sheet.js';
import type { AnalyticsFigureQuery, Block, Inline, ReportDocument, TableCell } from '../reports/report-document.js';
import { unitLabel, valueCell } from '../reports/figure-sections.service.js';
import type { DqaPerson } from '../dqa/dqa-read.service.js';
import type { PirsBook, PirsFigure, PirsSeries, PirsSheet } from './pirs-book.js';
import { PIRS_FIELD_LABELS, PIRS_FIELD_ORDER, PIRS_WORDS } from './pirs-words.js';

const isText = (f: PirsField): f is ReferenceTextField => (REFERENCE_TEXT_FIELDS as readonly string[]).includes(f);
const other = (lang: Lang): Lang => (lang === 'en' ? 'es' : 'en');
const dateOf = (iso: string) => iso.slice(0, 10);

/** A field's value as runs: its text, the other language's marked as such, or "not yet defined". */
function fieldValue(s: PirsSheet, f: PirsField, lang: Lang): Inline[] {
  const w = PIRS_WORDS[lang];
  const view = s.sheet;
  const missing = view.completeness.missing.includes(f);
  const empty: Inline[] = [missing ? { text: w.notYetDefined, italic: true } : { text: '—' }];
  if (isText(f)) {
    const t = view.reference[f];
    if (t?.[lang]) return [{ text: t[lang] }];
    if (t?.[other(lang)]) return [{ text: `${t[other(lang)]!} ` }, { text: w.onlyIn(w.otherLang), italic: true }];
    return empty;
  }
  if (f === 'unit') return view.unit ? [{ text: unitLabel(view.unit, lang) || view.unit }] : empty;
  if (f === 'disaggregations') return [{ text: view.disaggregations.length ? view.disaggregations.join(', ') : w.none }];
  if (f === 'responsible_person') {
    const p = view.reference.responsible_person;
    if (!p) return empty;
    return [{ text: 'name' in p ? p.name : (view.responsible_user_name ?? `user ${p.user_id}`) }];
  }
  // The data source: the sources named, the formula, and the sheet's description of them.
  const parts: Inline[] = [];
  if (view.sources.length) parts.push({ text: view.sources.join(', ') });
  if (view.formula) parts.push({ text: `${parts.length ? '; ' : ''}${w.formula} ${view.formula}` });
  const described = view.reference.data_source?.[lang] ?? view.reference.data_source?.[other(lang)];
  if (described) parts.push({ text: `${parts.length ? '. ' : ''}${described}` });
  return parts.length ? parts : empty;
}

function query(book: PirsBook, indicator: string, source: string, period: string): AnalyticsFigureQuery {
  return { kind: 'analytics', program: book.program, indicator, source, place: book.place.code, zone: '', periods: [period], disagg: '', approvedOnly: true };
}

function figureRow(book: PirsBook, s: PirsSheet, series: PirsSeries, f: PirsFigure, lang: Lang): TableCell[] {
  const w = PIRS_WORDS[lang];
  const q = query(book, s.sheet.indicator, series.source, f.period);
  const label = `${periodLabel(parsePeriod(f.period), lang)} (${f.kinds.map((k) => w.rowKinds[k]).join(', ')})`;
  const num = (v: number | null): TableCell => ({ text: valueCell(v, s.decimals, lang), numeric: true, query: q });
  return [
    { text: label, numeric: false },
    num(f.baseline),
    num(f.target),
    { text: valueCell(f.actual, s.decimals, lang), numeric: true, query: q, provenance: f.provenance },
    { text: f.pct_of_target === null ? '—' : formatPercent(f.pct_of_target, lang, 0), numeric: true, query: q },
  ];
}

function figureBlocks(book: PirsBook, s: PirsSheet, lang: Lang): Block[] {
  const w = PIRS_WORDS[lang];
  const blocks: Block[] = [
    { kind: 'heading', level: 3, text: w.figures },
    { kind: 'paragraph', inlines: [{ text: w.figuresNote(`${book.place.name} (${book.place.code})`) }] },
  ];
  const shown = s.series.filter((x) => x.figures.length);
  if (!shown.length) return [...blocks, { kind: 'paragraph', inlines: [{ text: w.noFigures, italic: true }] }];
  for (const series of shown) {
    blocks.push({
      kind: 'table',
      caption: series.source ? `${w.source}: ${series.source}` : null,
      head: [w.period, w.baseline, w.target, w.actual, w.pctOfTarget],
      rows: series.figures.map((f) => figureRow(book, s, series, f, lang)),
    });
  }
  return blocks;
}

const personName = (p: DqaPerson) => p.name ?? (p.user_id !== null ? `user ${p.user_id}` : '—');

function dqaBlocks(s: PirsSheet, lang: Lang): Block[] {
  const w = PIRS_WORDS[lang];
  const blocks: Block[] = [{ kind: 'heading', level: 3, text: w.dqa }];
  const last = s.last_dqa;
  if (!last) return [...blocks, { kind: 'paragraph', inlines: [{ text: w.noDqa, italic: true }] }];
  const d = last.dqa;
  blocks.push({
    kind: 'paragraph',
    inlines: [{ text: w.lastDqa(d.date, DQA_RATING_LABELS[d.result][lang]), bold: true }, { text: ` ${w.assessor}: ${personName(d.assessor)}.` }],
  });
  blocks.push({
    kind: 'list',
    items: d.standards.map((r) => [
      { text: `${DQA_STANDARD_LABELS[r.standard][lang]}:`, bold: true },
      { text: ` ${DQA_RATING_LABELS[r.rating][lang]}` },
      ...(r.notes ? [{ text: ` — ${r.notes}` }] : []),
    ]),
  });
  if (d.limitations) blocks.push({ kind: 'paragraph', inlines: [{ text: `${w.limitations}:`, bold: true }, { text: ` ${d.limitations}` }] });
  blocks.push({ kind: 'paragraph', inlines: [{ text: w.openActions, bold: true }] });
  blocks.push(
    last.open_actions.length
      ? {
          kind: 'list',
          items: last.open_actions.map((a) => [
            { text: `${a.text} ` },
            { text: `(${w.owner}: ${personName(a.owner)}; ${w.due}: ${a.due_date})`, italic: true },
          ]),
        }
      : { kind: 'paragraph', inlines: [{ text: w.noOpenActions, italic: true }] },
  );
  return blocks;
}

function changeBlocks(s: PirsSheet, lang: Lang): Block[] {
  const w = PIRS_WORDS[lang];
  const view = s.sheet;
  const label = (f: string) => PIRS_FIELD_LABELS[f as PirsField]?.[lang] ?? f;
  return [
    { kind: 'heading', level: 3, text: w.changes },
    { kind: 'paragraph', inlines: [{ text: view.last_updated ? w.lastUpdated(dateOf(view.last_updated)) : w.neverUpdated }] },
    view.history.length
      ? { kind: 'list', items: [...view.history].reverse().map((h) => [{ text: w.changeLine(dateOf(h.at), label(h.field), h.by, h.reason) }]) }
      : { kind: 'paragraph', inlines: [{ text: w.noChanges, italic: true }] },
  ];
}

const sheetHeading = (s: PirsSheet, lang: Lang) => `${s.sheet.indicator} — ${s.sheet.name[lang]}`;

function sheetBlocks(book: PirsBook, s: PirsSheet, section: string | null, lang: Lang): Block[] {
  const w = PIRS_WORDS[lang];
  const c = s.sheet.completeness;
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: sheetHeading(s, lang) }];
  if (section) blocks.push({ kind: 'paragraph', inlines: [{ text: section, italic: true }] });
  blocks.push({ kind: 'paragraph', inlines: [{ text: w.completeness(c.filled, c.required, formatPercent((c.filled / c.required) * 100, lang, 0)) }] });
  for (const f of PIRS_FIELD_ORDER)
    blocks.push({ kind: 'paragraph', inlines: [{ text: `${PIRS_FIELD_LABELS[f][lang]}:`, bold: true }, { text: ' ' }, ...fieldValue(s, f, lang)] });
  return [...blocks, ...figureBlocks(book, s, lang), ...dqaBlocks(s, lang), ...changeBlocks(s, lang)];
}

/** The latest period any figure of the book is for: the document's period (and the PDF's date). */
function latestPeriod(book: PirsBook): string {
  const periods = book.sections.flatMap((x) => x.sheets.flatMap((s) => s.series.flatMap((r) => r.figures.map((f) => parsePeriod(f.period)))));
  const latest = periods.reduce<(typeof periods)[number] | null>((a, p) => (!a || p.end > a.end ? p : a), null);
  return latest?.id ?? String(new Date().getUTCFullYear());
}

/** The report document of a PIRS book, or of one indicator's sheet. */
export function pirsDocument(book: PirsBook, lang: Lang): ReportDocument {
  const w = PIRS_WORDS[lang];
  const sheets = book.sections.flatMap((x) => x.sheets);
  const one = book.indicator !== null && sheets.length === 1 ? sheets[0]! : null;
  const title = one ? w.sheetTitle(one.sheet.indicator) : w.bookTitle;
  const blocks: Block[] = [];
  if (!one) {
    const filled = sheets.reduce((n, s) => n + s.sheet.completeness.filled, 0);
    const required = sheets.reduce((n, s) => n + s.sheet.completeness.required, 0);
    const pct = formatPercent(required ? (filled / required) * 100 : 100, lang, 0);
    blocks.push({ kind: 'paragraph', inlines: [{ text: w.bookCompleteness(filled, required, pct, sheets.length) }] });
    blocks.push({ kind: 'heading', level: 2, text: w.contents });
    blocks.push({
      kind: 'list',
      items: book.sections.flatMap((x) => [
        ...(x.name ? [[{ text: `${x.code}: ${x.name[lang]}`, bold: true }]] : []),
        ...x.sheets.map((s) => [{ text: `${sheetHeading(s, lang)} (${formatNumber(s.sheet.completeness.filled, lang)}/${s.sheet.completeness.required})` }]),
      ]),
    });
  }
  for (const x of book.sections) for (const s of x.sheets) blocks.push(...sheetBlocks(book, s, x.name ? `${x.code}: ${x.name[lang]}` : null, lang));
  const period = latestPeriod(book);
  return {
    lang,
    title,
    subtitle: book.program_name[lang],
    program: { code: book.program, name: book.program_name[lang] },
    period: { id: period, label: periodLabel(parsePeriod(period), lang) },
    dataVersion: book.data_version,
    definition: { code: 'pirs', name: title, hash: 'built-in' },
    approvedOnly: true,
    blocks,
  };
}

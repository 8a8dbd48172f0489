/**
 * The one intermediate form every output is rendered from: headings, paragraphs, result
 * statements, tables and charts, each figure with the query that reproduces it. Building a
 * document reads the database; rendering it (Markdown, HTML, PDF) reads nothing else, so the
 * three outputs always say the same thing.
 */
import type { Lang } from '../../core/statements/language.js';
import type { Tone } from '../../core/statements/statement.js';
import type { ProvenanceKind } from '../../core/aggregation.js';
import type { ChartModel } from './chart-layout.js';
import type { FigureMark } from '../../core/figure-marks.js';
import { rowMarks } from '../../core/row-marks.js';
import { marksPresent } from '../../core/marks-legend.js';

/** The analytics query behind a figure: enough to reproduce it through the API or the CLI. */
export interface AnalyticsFigureQuery {
  kind: 'analytics';
  program: string;
  indicator: string;
  /** '' when the indicator has a single source. */
  source: string;
  /** Place code ('' = the whole program) or zone code. */
  place: string;
  zone: string;
  /** Period ids the figure reads, in order. */
  periods: string[];
  /** Canonical disaggregation key, '' for none. */
  disagg: string;
  approvedOnly: boolean;
}

/** A figure taken from one record (a project's status). */
export interface RecordFigureQuery {
  kind: 'record';
  program: string;
  recordType: string;
  ref: string;
}

export type FigureQuery = AnalyticsFigureQuery | RecordFigureQuery;

/** A run of text with emphasis; `href` makes it a link. */
export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

/** A result statement with where it came from. */
export interface StatementItem {
  text: string;
  tone: Tone;
  available: boolean;
  /** null for narrative items that carry no figure. */
  query: FigureQuery | null;
  /** Kinds of data behind it; anything but 'sourced' is labelled in every output. */
  provenance: ProvenanceKind[];
}

export interface TableCell {
  text: string;
  /** Numbers align right. */
  numeric: boolean;
  query?: FigureQuery;
  provenance?: ProvenanceKind[];
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'statements'; style: 'list' | 'paragraph'; items: StatementItem[] }
  | { kind: 'table'; caption: string | null; head: string[]; rows: TableCell[][] }
  /** `marks`: the flags of the figures the chart draws, for its legend (a chart writes no letters on its bars). */
  | { kind: 'chart'; caption: string | null; chart: ChartModel; query: FigureQuery; marks?: FigureMark[] };

export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string | null;
  program: { code: string; name: string };
  period: { id: string; label: string };
  /** The program's data version the report was made from. */
  dataVersion: number;
  /** The definition's code and hash, and its name in the document's language (its title without the period). */
  definition: { code: string; name: string; hash: string };
  approvedOnly: boolean;
  blocks: Block[];
}

/** Words the outputs share, in both languages. */
export const REPORT_WORDS = {
  en: {
    madeFrom: (d: ReportDocument) =>
      `Made by Vigia from data version ${d.dataVersion} of program ${d.program.code} (report definition “${d.definition.name}”, ${d.definition.hash}); ${d.approvedOnly ? 'approved data only' : 'all data entered, approved or not'}.`,
    notAvailable: 'not available',
  },
  es: {
    madeFrom: (d: ReportDocument) =>
      `Elaborado por Vigia a partir de la versión ${d.dataVersion} de los datos del programa ${d.program.code} (definición del informe «${d.definition.name}», ${d.definition.hash}); ${d.approvedOnly ? 'solo datos aprobados' : 'todos los datos ingresados, aprobados o no'}.`,
    notAvailable: 'no disponible',
  },
} as const;

/** The flags present in a block, for the legend under it (none for narrative blocks); each figure's own are rowMarks(cell or statement). */
export function blockMarks(b: Block): FigureMark[] {
  if (b.kind === 'table') return marksPresent(b.rows.flatMap((r) => r.map(rowMarks)));
  if (b.kind === 'statements') return marksPresent(b.items.map(rowMarks));
  if (b.kind === 'chart') return marksPresent([b.marks ?? []]);
  return [];
}

/** The query as attribute pairs (indicator, source, place, periods, disagg, …) for HTML. */
export function queryAttributes(q: FigureQuery): [string, string][] {
  if (q.kind === 'record') {
    return [
      ['program', q.program],
      ['record-type', q.recordType],
      ['ref', q.ref],
    ];
  }
  return [
    ['program', q.program],
    ['indicator', q.indicator],
    ['source', q.source],
    ['place', q.place],
    ['zone', q.zone],
    ['periods', q.periods.join(',')],
    ['disagg', q.disagg],
    ['approved-only', String(q.approvedOnly)],
  ];
}

/** The query as one line for people: `PE: indicator=ERAD_HA periods=2011,2012 approved`. */
export function queryText(q: FigureQuery): string {
  if (q.kind === 'record') return `${q.program}: record type=${q.recordType} ref=${q.ref}`;
  const parts = [`indicator=${q.indicator}`];
  if (q.source) parts.push(`source=${q.source}`);
  if (q.place) parts.push(`place=${q.place}`);
  if (q.zone) parts.push(`zone=${q.zone}`);
  if (q.disagg) parts.push(`disagg=${q.disagg}`);
  parts.push(`periods=${q.periods.join(',')}`);
  if (q.approvedOnly) parts.push('approved');
  return `${q.program}: ${parts.join(' ')}`;
}

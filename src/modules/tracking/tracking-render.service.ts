/**
 * The tracking table in every format people ask for: XLSX and CSV for spreadsheets, Markdown,
 * HTML and PDF through the report renderers, JSON for scripts. The CLI (`vigia report itt`,
 * `vigia itt`) and the API call this one function.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { LANGS, type Lang } from '../../core/statements/language.js';
import { renderMarkdown } from '../reports/render-markdown.js';
import { renderHtml } from '../reports/render-html.js';
import { renderPdf } from '../reports/render-pdf.js';
import { trackingTable, type TrackingRequest } from './tracking-table.service.js';
import { trackingXlsx } from './tracking-xlsx.js';
import { trackingCsv } from './tracking-csv.js';
import { trackingDocument } from './tracking-document.js';

export const TRACKING_FORMATS = ['xlsx', 'csv', 'md', 'html', 'pdf', 'json'] as const;
export type TrackingFormat = (typeof TRACKING_FORMATS)[number];

const CONTENT_TYPES: Record<TrackingFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

export interface RenderedTracking {
  body: Buffer;
  contentType: string;
  /** `PE-itt-2012Oct-en.xlsx` */
  fileName: string;
  dataVersion: number;
}

/** Checks a language and a format as people type them, naming the field. */
export function parseTrackingOptions(lang: string, format: string): { lang: Lang; format: TrackingFormat } {
  const details = [];
  if (!LANGS.includes(lang as Lang)) details.push({ column: 'lang', value: lang, reason: `use ${LANGS.join(' or ')}` });
  if (!TRACKING_FORMATS.includes(format as TrackingFormat)) details.push({ column: 'format', value: format, reason: `use ${TRACKING_FORMATS.join(', ')}` });
  if (details.length) throw validationError('bad tracking-table options', details);
  return { lang: lang as Lang, format: format as TrackingFormat };
}

/** The tracking table of `program` for `fiscalYear`, rendered as `format` in `lang`. */
export async function renderTrackingTable(
  db: Kysely<Database>,
  req: TrackingRequest & { program: string; fiscalYear: string; lang: Lang; format: TrackingFormat },
): Promise<RenderedTracking> {
  const table = await trackingTable(db, req.program, req.fiscalYear, req);
  const { lang, format } = req;
  let body: Buffer;
  if (format === 'xlsx') body = await trackingXlsx(table, lang);
  else if (format === 'csv') body = Buffer.from(trackingCsv(table, lang), 'utf8');
  else if (format === 'json') body = Buffer.from(JSON.stringify(table), 'utf8');
  else {
    const doc = trackingDocument(table, lang);
    body = format === 'pdf' ? await renderPdf(doc) : Buffer.from(format === 'html' ? renderHtml(doc) : renderMarkdown(doc), 'utf8');
  }
  return { body, contentType: CONTENT_TYPES[format], fileName: `${table.program}-itt-${table.fiscal_year}-${lang}.${format}`, dataVersion: table.data_version };
}

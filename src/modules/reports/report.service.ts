/**
 * Making a report: build its document from live data, then render it as Markdown, HTML or
 * PDF. The CLI and the API call this one function.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { LANGS, type Lang } from '../../core/statements/language.js';
import { buildReportDocument, type ReportRequest } from './report-build.service.js';
import { renderMarkdown } from './render-markdown.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';

export const REPORT_FORMATS = ['md', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  /** A file name for it: `PE-factsheet-2012-en.pdf`. */
  fileName: string;
  dataVersion: number;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** Checks a language and a format as people type them, with a clear error. */
export function parseReportOptions(lang: string, format: string): { lang: Lang; format: ReportFormat } {
  const details = [];
  if (!LANGS.includes(lang as Lang)) details.push({ column: 'lang', value: lang, reason: `use ${LANGS.join(' or ')}` });
  if (!REPORT_FORMATS.includes(format as ReportFormat)) details.push({ column: 'format', value: format, reason: `use ${REPORT_FORMATS.join(', ')}` });
  if (details.length) throw validationError('bad report options', details);
  return { lang: lang as Lang, format: format as ReportFormat };
}

/** Builds and renders a report; the same data version and definition give the same bytes. */
export async function renderReport(db: Kysely<Database>, req: ReportRequest & { format: ReportFormat }): Promise<RenderedReport> {
  const doc = await buildReportDocument(db, req);
  const body = req.format === 'pdf' ? await renderPdf(doc) : Buffer.from(req.format === 'html' ? renderHtml(doc) : renderMarkdown(doc), 'utf8');
  return {
    body,
    contentType: CONTENT_TYPES[req.format],
    fileName: `${doc.program.code}-${doc.definition.code}-${doc.period.id}-${doc.lang}.${req.format}`,
    dataVersion: doc.dataVersion,
  };
}

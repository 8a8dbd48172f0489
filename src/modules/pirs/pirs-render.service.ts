/**
 * The PIRS book (or one sheet) as Markdown, HTML or PDF through the report renderers. The CLI
 * (`vigia report pirs`) and the API call this one function; bad options name their field.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { validationError } from '../../core/errors.js';
import { LANGS, type Lang } from '../../core/statements/language.js';
import { renderMarkdown } from '../reports/render-markdown.js';
import { renderHtml } from '../reports/render-html.js';
import { renderPdf } from '../reports/render-pdf.js';
import { pirsBook, type PirsRequest } from './pirs-book.service.js';
import { pirsDocument } from './pirs-document.js';

export const PIRS_FORMATS = ['md', 'html', 'pdf'] as const;
export type PirsFormat = (typeof PIRS_FORMATS)[number];

const CONTENT_TYPES: Record<PirsFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export interface RenderedPirs {
  body: Buffer;
  contentType: string;
  /** `PE-pirs-en.pdf`, `PE-pirs-ERAD_HA-es.html` */
  fileName: string;
  dataVersion: number;
}

/** Checks a language and a format as people type them, naming the field. */
export function parsePirsOptions(lang: string, format: string): { lang: Lang; format: PirsFormat } {
  const details = [];
  if (!LANGS.includes(lang as Lang)) details.push({ column: 'lang', value: lang, reason: `use ${LANGS.join(' or ')}` });
  if (!PIRS_FORMATS.includes(format as PirsFormat)) details.push({ column: 'format', value: format, reason: `use ${PIRS_FORMATS.join(', ')}` });
  if (details.length) throw validationError(`bad PIRS options: ${details.map((d) => `${d.column} "${d.value}" (${d.reason})`).join('; ')}`, details);
  return { lang: lang as Lang, format: format as PirsFormat };
}

/** The PIRS book of `program` (or of one indicator), rendered as `format` in `lang`. */
export async function renderPirs(db: Kysely<Database>, req: PirsRequest & { lang: Lang; format: PirsFormat }): Promise<RenderedPirs> {
  const book = await pirsBook(db, req);
  const doc = pirsDocument(book, req.lang);
  const body = req.format === 'pdf' ? await renderPdf(doc) : Buffer.from(req.format === 'html' ? renderHtml(doc) : renderMarkdown(doc), 'utf8');
  const name = [book.program, 'pirs', ...(book.indicator ? [book.indicator] : []), req.lang].join('-');
  return { body, contentType: CONTENT_TYPES[req.format], fileName: `${name}.${req.format}`, dataVersion: book.data_version };
}

/** The text of a PDF as pdf.js reads it, for tests of the reports that check what a PDF says. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** White space (no-break spaces included) collapsed to one space. */
export const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');

/** The text of every page of a PDF, one string, white space collapsed. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const pdf = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fonts, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return squash(pages.join(' '));
}

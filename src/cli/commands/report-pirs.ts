/**
 * The `pirs` case of `vigia report`: the program's Performance Indicator Reference Sheets (the
 * whole book, or one indicator's sheet) as Markdown, HTML or PDF, written to the -o file or
 * standard output, with the same summary the other reports print.
 */
import { writeFile } from 'node:fs/promises';
import { withDatabase } from '../context.js';
import { parsePirsOptions, renderPirs } from '../../modules/pirs/pirs-render.service.js';

/** What `vigia report pirs` was given. */
export interface PirsReportOptions {
  program: string;
  indicator?: string | undefined;
  lang: string;
  format: string;
  output?: string | undefined;
  json?: boolean | undefined;
}

/** Writes the PIRS book as `vigia report pirs` asks. The CLI reads every indicator and names who changed what. */
export async function writePirsReport(opts: PirsReportOptions): Promise<void> {
  const { lang, format } = parsePirsOptions(opts.lang, opts.format);
  await withDatabase(async ({ db }) => {
    const r = await renderPirs(db, { program: opts.program, indicator: opts.indicator, lang, format, namesAuthors: true });
    if (opts.output) await writeFile(opts.output, r.body);
    else process.stdout.write(r.body);
    const summary = { file: opts.output ?? null, format, bytes: r.body.length, data_version: r.dataVersion };
    // With no -o the book itself is on standard output, so the summary goes to stderr.
    const say = opts.output ? (t: string) => console.log(t) : (t: string) => console.error(t);
    if (opts.json) say(JSON.stringify(summary));
    else if (opts.output) say(`${opts.output}: ${format}, ${r.body.length} bytes, data version ${r.dataVersion}`);
  });
}

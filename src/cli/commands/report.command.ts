import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { parseReportOptions, renderReport } from '../../modules/reports/report.service.js';
import { writeTrackingReport } from './itt.command.js';
import { writePirsReport } from './report-pirs.js';
import { validationError } from '../../core/errors.js';

interface ReportOptions {
  program: string;
  period?: string;
  indicator?: string;
  lang: string;
  format?: string;
  output?: string;
  json?: boolean;
  component?: string;
}

/** `-o report.pdf` implies `--format pdf`; without either, Markdown. */
function formatOf(opts: ReportOptions): string {
  if (opts.format) return opts.format;
  const ext = opts.output ? extname(opts.output).slice(1).toLowerCase() : '';
  if (ext === 'markdown') return 'md';
  if (ext === 'htm') return 'html';
  return ext || 'md';
}

/** Every report but the PIRS is of a period. */
function periodOf(opts: ReportOptions): string {
  if (opts.period) return opts.period;
  throw validationError('--period is required for this report', [{ column: 'period', reason: 'required: 2012, 2012Q3, 2012Oct, … or latest' }]);
}

/** `vigia report factsheet|progress|pirs|itt|CODE`: a report from live data, as Markdown, HTML or PDF. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description("Make a report (factsheet, progress, pirs, itt, or a program's own definition) from the live data")
    .argument(
      '<report>',
      "report definition code: factsheet, progress, …; pirs: the indicator reference sheets (the program's book, or --indicator's sheet); itt: the indicator tracking table of a fiscal year",
    )
    .requiredOption('--program <code>', 'program code, e.g. PE')
    .option('--period <period>', 'report period (all but pirs): 2012, 2012Q3, 2012Oct (fiscal year 2013), …, or latest (the latest complete year)')
    .option('--indicator <code>', "pirs: only this indicator's sheet (default: the whole book, in framework order)")
    .option('--lang <lang>', 'en or es', 'en')
    .option('--format <format>', 'md, html or pdf; for itt also xlsx and csv (default: from the -o file name, else md)')
    .option('--component <code>', 'itt: only the indicators of this component (or goal)')
    .option('-o, --output <file>', 'write here instead of to standard output')
    .option('--json', 'print what was written as JSON')
    .action(
      action(async (report: string, opts: ReportOptions) => {
        if (report === 'pirs') return writePirsReport({ ...opts, format: formatOf(opts) });
        if (report === 'itt') return writeTrackingReport({ ...opts, period: periodOf(opts), format: formatOf(opts) });
        const { lang, format } = parseReportOptions(opts.lang, formatOf(opts));
        await withDatabase(async ({ db }) => {
          const r = await renderReport(db, { program: opts.program, report, period: periodOf(opts), lang, format });
          if (opts.output) await writeFile(opts.output, r.body);
          else process.stdout.write(r.body);
          const summary = { file: opts.output ?? null, format, bytes: r.body.length, data_version: r.dataVersion };
          // With no -o the report itself is on standard output, so the summary goes to stderr.
          const say = opts.output ? (t: string) => console.log(t) : (t: string) => console.error(t);
          if (opts.json) say(JSON.stringify(summary));
          else if (opts.output) say(`${opts.output}: ${format}, ${r.body.length} bytes, data version ${r.dataVersion}`);
        });
      }),
    );
}

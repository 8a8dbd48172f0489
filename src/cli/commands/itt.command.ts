/**
 * `vigia itt`: the indicator tracking table of a fiscal year (baseline, target, the four fiscal
 * quarters, the year, percent of target, deviation explanations), as JSON or a plain listing;
 * and the `itt` case of `vigia report`, which writes it as XLSX, CSV, Markdown, HTML or PDF.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { formatValue, resolveProgramCode } from '../analytics-options.js';
import { trackingTable } from '../../modules/tracking/tracking-table.service.js';
import { parseTrackingOptions, renderTrackingTable } from '../../modules/tracking/tracking-render.service.js';

interface IttOptions {
  program?: string;
  period: string;
  component?: string;
  json?: boolean;
}

/** What `vigia report itt` was given. */
export interface TrackingReportOptions {
  program: string;
  period: string;
  lang: string;
  format: string;
  output?: string | undefined;
  json?: boolean | undefined;
  component?: string | undefined;
}

/** Writes the tracking table as `vigia report itt` asks: to the -o file or standard output. */
export async function writeTrackingReport(opts: TrackingReportOptions): Promise<void> {
  const { lang, format } = parseTrackingOptions(opts.lang, opts.format);
  await withDatabase(async ({ db }) => {
    const r = await renderTrackingTable(db, { program: opts.program, fiscalYear: opts.period, lang, format, component: opts.component });
    if (opts.output) await writeFile(opts.output, r.body);
    else process.stdout.write(r.body);
    const summary = { file: opts.output ?? null, format, bytes: r.body.length, data_version: r.dataVersion };
    // With no -o the table itself is on standard output, so the summary goes to stderr.
    const say = opts.output ? (t: string) => console.log(t) : (t: string) => console.error(t);
    if (opts.json) say(JSON.stringify(summary));
    else if (opts.output) say(`${opts.output}: ${format}, ${r.body.length} bytes, data version ${r.dataVersion}`);
  });
}

export function registerItt(program: Command): void {
  program
    .command('itt')
    .description(
      'The indicator tracking table of a fiscal year: baseline, target, actuals by fiscal quarter and for the year, % of target, deviation explanations (approved data only)',
    )
    .requiredOption('--period <fy>', "a fiscal year of the program's calendar: 2012Oct is US FY2013 (Oct 2012–Sep 2013); 2013Jan for a calendar-year program")
    .option('--program <code>', 'program code (default: the only program in the database)')
    .option('--component <code>', 'only the indicators of this component (or goal)')
    .option('--json', 'print the table as JSON (the API gives the same)')
    .addHelpText('after', '\nAs a file: vigia report itt --program PE --period 2012Oct --lang es --format xlsx -o itt.xlsx (xlsx, csv, md, html, pdf)')
    .action(
      action(async (opts: IttOptions) => {
        await withDatabase(async ({ db }) => {
          const table = await trackingTable(db, await resolveProgramCode(db, opts.program), opts.period, { component: opts.component });
          if (opts.json) {
            console.log(JSON.stringify(table));
            return;
          }
          console.log(`${table.program} ${table.fiscal_year} (quarters ${table.quarters.join(', ')}), ${table.place}, approved data only`);
          for (const r of table.rows) {
            const quarters = r.quarters.map((q) => formatValue(q.actual)).join(' | ');
            const pct = r.achieved_pct === null ? '' : ` (${formatValue(r.achieved_pct)}%)`;
            const note = r.explanation_required ? (r.deviation_explanation ? ` — ${r.deviation_explanation}` : ' — explanation required') : '';
            console.log(`${r.indicator}${r.source ? `/${r.source}` : ''}: ${quarters} → ${formatValue(r.actual)} of ${formatValue(r.target)}${pct}${note}`);
          }
        });
      }),
    );
}

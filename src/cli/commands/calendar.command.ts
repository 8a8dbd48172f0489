/**
 * `vigia calendar`: a program's expected reports (from its reporting calendar) and their status
 * today — not due yet, on time, late, missing — from the command line (all organisations:
 * whoever runs the CLI holds the database).
 */
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { asOfClock, checkedProgram, langOption } from '../calendar-options.js';
import { expectedReports } from '../../modules/calendar/expected-reports.service.js';
import { REPORT_STATUS_LABELS } from '../../core/reporting-calendar.js';
import { LANGUAGES } from '../../core/languages.js';

/** `vigia calendar --program PE [--period P] [--organisation ORG] [--as-of DATE] [--json]`. */
export function registerCalendar(root: Command): void {
  root
    .command('calendar')
    .description("The expected reports of a program's reporting calendar and their status: not due yet, on time, late, missing")
    .option('--program <code>', 'program code (may be left out when the database holds one program)')
    .option('--period <period>', 'only reports of periods within this one (2013, 2013Q1, 2012Oct)')
    .option('--organisation <code>', 'only this organisation')
    .option('--as-of <date>', 'judge on this day, YYYY-MM-DD (default today)')
    .option('--lang <lang>', `language of the text output: ${LANGUAGES.join(', ')}`, 'en')
    .option('--json', 'print JSON: {"as_of", "reports": [{"organisation", "period", "due_on", "submitted_at", "status", …}]}')
    .addHelpText(
      'after',
      `
The calendar is the program folder's calendar.json (docs/program-format.md) or
PUT /api/programs/{program}/calendar.

Examples:
  vigia calendar --program PE
  vigia calendar --program PE --period 2013 --as-of 2013-12-31 --json`,
    )
    .action(
      action(async (opts: { program?: string; period?: string; organisation?: string; asOf?: string; lang?: string; json?: boolean }) => {
        const clock = asOfClock(opts.asOf);
        const lang = langOption(opts.lang);
        await withDatabase(async ({ db }) => {
          const program = await checkedProgram(db, opts.program);
          const out = await expectedReports(db, undefined, program, { period: opts.period, organisation: opts.organisation }, clock);
          if (opts.json) return console.log(JSON.stringify(out));
          const es = lang === 'es';
          if (!out.reports.length) return console.log(es ? `no se esperan informes (al ${out.as_of})` : `no reports expected (as of ${out.as_of})`);
          console.log(es ? `Informes esperados al ${out.as_of}:` : `Expected reports as of ${out.as_of}:`);
          for (const r of out.reports) {
            const submitted = r.submitted_at ? ` ${es ? 'presentado' : 'submitted'} ${r.submitted_at.slice(0, 10)}` : '';
            const closed = r.closed ? (es ? ' (cerrado)' : ' (closed)') : '';
            console.log(
              `  ${r.organisation.padEnd(14)}${r.period.padEnd(10)}${es ? 'vence' : 'due'} ${r.due_on}  ${REPORT_STATUS_LABELS[r.status][lang].padEnd(14)}${submitted}${closed}`,
            );
          }
        });
      }),
    );
}

/**
 * `vigia calendar`: a program's expected reports (from its reporting calendar) and their status
 * today — not due yet, on time, late, missing — from the command line (all organisations:
 * whoever runs the CLI holds the database).
 */
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { asOfClock, checkedProgram } from '../calendar-options.js';
import { expectedReports } from '../../modules/calendar/expected-reports.service.js';

/** `vigia calendar --program PE [--period P] [--organisation ORG] [--as-of DATE] [--json]`. */
export function registerCalendar(root: Command): void {
  root
    .command('calendar')
    .description("The expected reports of a program's reporting calendar and their status: not due yet, on time, late, missing")
    .option('--program <code>', 'program code (may be left out when the database holds one program)')
    .option('--period <period>', 'only reports of periods within this one (2013, 2013Q1, 2012Oct)')
    .option('--organisation <code>', 'only this organisation')
    .option('--as-of <date>', 'judge on this day, YYYY-MM-DD (default today)')
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
      action(async (opts: { program?: string; period?: string; organisation?: string; asOf?: string; json?: boolean }) => {
        const clock = asOfClock(opts.asOf);
        await withDatabase(async ({ db }) => {
          const program = await checkedProgram(db, opts.program);
          const out = await expectedReports(db, undefined, program, { period: opts.period, organisation: opts.organisation }, clock);
          if (opts.json) return console.log(JSON.stringify(out));
          if (!out.reports.length) return console.log(`no reports expected (as of ${out.as_of})`);
          console.log(`Expected reports as of ${out.as_of}:`);
          for (const r of out.reports)
            console.log(
              `  ${r.organisation.padEnd(12)}${r.period.padEnd(10)}due ${r.due_on}  ${r.status.padEnd(8)}${r.submitted_at ? ` submitted ${r.submitted_at.slice(0, 10)}` : ''}${r.closed ? ' (closed)' : ''}`,
            );
        });
      }),
    );
}

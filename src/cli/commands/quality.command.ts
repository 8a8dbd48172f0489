/**
 * `vigia quality`: a program's data quality as one JSON object that more checks join —
 * completeness and timeliness of the expected reports per organisation × period (from the
 * reporting calendar) today; rule violations and outliers are added beside them.
 */
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { asOfClock, checkedProgram, langOption } from '../calendar-options.js';
import { LANGUAGES } from '../../core/languages.js';
import { REPORT_STATUS_LABELS } from '../../core/reporting-calendar.js';
import { completeness } from '../../modules/calendar/expected-reports.service.js';

/** `vigia quality --program PE [--period P] [--as-of DATE] [--json]`. */
export function registerQuality(root: Command): void {
  root
    .command('quality')
    .description('Data quality of a program: completeness and timeliness of the expected reports per organisation and period')
    .option('--program <code>', 'program code (may be left out when the database holds one program)')
    .option('--period <period>', 'only periods within this one (2013, 2013Q1, 2012Oct)')
    .option('--as-of <date>', 'judge on this day, YYYY-MM-DD (default today)')
    .option('--lang <lang>', `language of the text output: ${LANGUAGES.join(', ')}`, 'en')
    .option('--json', 'print JSON: {"completeness": [{"organisation", "period", "expected", "submitted", "on_time", "status"}]}')
    .addHelpText('after', '\nExamples:\n  vigia quality --program PE --json\n  vigia quality --program PE --period 2013Q1 --as-of 2013-06-30')
    .action(
      action(async (opts: { program?: string; period?: string; asOf?: string; lang?: string; json?: boolean }) => {
        const clock = asOfClock(opts.asOf);
        const lang = langOption(opts.lang);
        const es = lang === 'es';
        await withDatabase(async ({ db }) => {
          const program = await checkedProgram(db, opts.program);
          const c = await completeness(db, undefined, program, { period: opts.period }, clock);
          const report = { completeness: c.completeness };
          if (opts.json) return console.log(JSON.stringify(report));
          const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
          console.log(es ? `Completitud y puntualidad al ${c.as_of}:` : `Completeness and timeliness as of ${c.as_of}:`);
          if (!c.completeness.length) console.log(es ? '  no se esperan informes' : '  no reports expected');
          for (const r of c.completeness)
            console.log(
              `  ${r.organisation.padEnd(14)}${r.period.padEnd(10)}${r.submitted}/${r.expected} ${es ? 'presentados' : 'submitted'}, ${r.on_time} ${es ? 'a tiempo' : 'on time'}  ${REPORT_STATUS_LABELS[r.status][lang]}`,
            );
          for (const p of c.program)
            console.log(
              `  ${(es ? 'programa' : 'program').padEnd(14)}${p.period.padEnd(10)}${es ? 'completitud' : 'completeness'} ${pct(p.completeness)}, ${es ? 'puntualidad' : 'timeliness'} ${pct(p.timeliness)}`,
            );
        });
      }),
    );
}

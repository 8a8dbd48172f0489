/**
 * `vigia quality`: a program's data quality as one JSON object, the same as
 * `GET /api/programs/{program}/quality` answers (one service: quality-report.service.ts) — open
 * rule warnings, open outliers, and completeness and timeliness of the expected reports per
 * organisation × period — or as text in English or Spanish.
 */
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { asOfClock, checkedProgram, langOption, periodOption } from '../calendar-options.js';
import { LANGUAGES } from '../../core/languages.js';
import { REPORT_STATUS_LABELS } from '../../core/reporting-calendar.js';
import { completeness } from '../../modules/calendar/expected-reports.service.js';
import { qualityReport } from '../../modules/quality-report/quality-report.service.js';

const JSON_SHAPE =
  '{"violations": [{"rule", "severity", "indicator", "place", "period", "value", "message"}], ' +
  '"outliers": [{"indicator", "place", "period", "value", "expected": {"low", "high"}}], ' +
  '"completeness": [{"organisation", "period", "expected", "submitted", "on_time", "status"}], "truncated"}';

const HELP = `
What it reports:
  violations    open warnings of the program's validation rules (not yet acknowledged by an officer)
  outliers      open outlier flags: values far from their series' history, with the range expected
  completeness  per organisation and period of the reporting calendar: reports expected, submitted,
                submitted on time, and the status (on time, late, missing, not due yet)
With --period, only values and reports of periods within it; "truncated" is true when more than
5,000 open flags exist (see GET /api/programs/{program}/value-flags for all of them).

Examples:
  vigia quality --program PE --json
  vigia quality --program PE --period 2013Q1 --as-of 2013-06-30 --lang es`;

type Opts = { program?: string; period?: string; asOf?: string; lang?: string; json?: boolean };

/** `vigia quality --program PE [--period P] [--as-of DATE] [--lang en|es] [--json]`. */
export function registerQuality(root: Command): void {
  root
    .command('quality')
    .description('Data quality of a program: open rule warnings and outliers, completeness and timeliness of the expected reports')
    .option('--program <code>', 'program code (may be left out when the database holds one program)')
    .option('--period <period>', 'only periods within this one (2013, 2013Q1, 201301, 2012Oct)')
    .option('--as-of <date>', 'judge the calendar on this day, YYYY-MM-DD (default today)')
    .option('--lang <lang>', `language of the text output: ${LANGUAGES.join(', ')}`, 'en')
    .option('--json', `print JSON: ${JSON_SHAPE}`)
    .addHelpText('after', HELP)
    .action(
      action(async (opts: Opts) => {
        const clock = asOfClock(opts.asOf);
        const lang = langOption(opts.lang);
        const period = periodOption(opts.period);
        await withDatabase(async ({ db }) => {
          const program = await checkedProgram(db, opts.program);
          const report = await qualityReport(db, undefined, program, { period }, clock);
          if (opts.json) return console.log(JSON.stringify(report));
          const es = lang === 'es';
          const t = (en: string, sp: string) => (es ? sp : en);
          console.log(t(`Open rule warnings (${report.violations.length}):`, `Advertencias de reglas abiertas (${report.violations.length}):`));
          for (const v of report.violations)
            console.log(`  ${v.period.padEnd(10)}${v.indicator.padEnd(16)}${v.place.padEnd(12)}${String(v.value ?? '—').padEnd(12)}${v.rule}: ${v.message}`);
          console.log(t(`Open outliers (${report.outliers.length}):`, `Valores atípicos abiertos (${report.outliers.length}):`));
          for (const o of report.outliers)
            console.log(
              `  ${o.period.padEnd(10)}${o.indicator.padEnd(16)}${o.place.padEnd(12)}${String(o.value).padEnd(12)}${t('expected', 'esperado')} ${o.expected.low} – ${o.expected.high}`,
            );
          if (report.truncated) console.log(t('  … more open flags than listed (5,000)', '  … más marcas abiertas que las listadas (5.000)'));
          // The per-program shares come with the calendar's own answer.
          const c = await completeness(db, undefined, program, { period }, clock);
          const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);
          console.log(t(`Completeness and timeliness as of ${c.as_of}:`, `Completitud y puntualidad al ${c.as_of}:`));
          if (!c.completeness.length) console.log(t('  no reports expected', '  no se esperan informes'));
          for (const r of c.completeness)
            console.log(
              `  ${r.organisation.padEnd(14)}${r.period.padEnd(10)}${r.submitted}/${r.expected} ${t('submitted', 'presentados')}, ${r.on_time} ${t('on time', 'a tiempo')}  ${REPORT_STATUS_LABELS[r.status][lang]}`,
            );
          for (const p of c.program)
            console.log(
              `  ${t('program', 'programa').padEnd(14)}${p.period.padEnd(10)}${t('completeness', 'completitud')} ${pct(p.completeness)}, ${t('timeliness', 'puntualidad')} ${pct(p.timeliness)}`,
            );
        });
      }),
    );
}

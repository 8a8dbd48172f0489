/**
 * `vigia dqa list|overdue`: a program's data quality assessments and the indicators whose DQA
 * is overdue, from the command line (full clearance: whoever runs the CLI holds the database).
 * Entering DQAs is done in the web app or over the API, where it is audited per user.
 */
import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { resolveProgramCode } from '../analytics-options.js';
import { isVigiaError, validationError } from '../../core/errors.js';
import { DQA_ACTION_STATUS_LABELS, DQA_INTERVAL_YEARS, DQA_RATING_LABELS, DQA_STANDARD_LABELS, isIsoDate } from '../../core/dqa.js';
import { isLanguage, LANGUAGES, type Language } from '../../core/languages.js';
import type { Db } from '../../db/database.js';
import { findProgram } from '../../modules/catalog/catalog.repo.js';
import { listDqas, overdueDqas, type DqaView } from '../../modules/dqa/dqa-read.service.js';

interface Common {
  program?: string;
  json?: boolean;
  lang?: string;
}

/** The program asked for; an unknown code is bad input (exit 2) naming --program. */
async function programOf(db: Db, given: string | undefined): Promise<string> {
  const code = await resolveProgramCode(db, given);
  try {
    await findProgram(db, code);
  } catch (e) {
    if (isVigiaError(e) && e.kind === 'not_found')
      throw validationError(`--program: ${e.message}`, [{ column: 'program', value: code, reason: 'no such program' }]);
    throw e;
  }
  return code;
}

function langOf(text: string | undefined): Language {
  const lang = text ?? 'en';
  if (!isLanguage(lang)) throw validationError(`--lang must be one of ${LANGUAGES.join(', ')}`, [{ column: 'lang', value: text, reason: 'unknown language' }]);
  return lang;
}

function printDqa(d: DqaView, lang: Language): void {
  console.log(`${d.indicator}  ${d.date}  ${DQA_RATING_LABELS[d.result][lang]}  — ${d.assessor.name ?? ''} (DQA ${d.id})`);
  for (const s of d.standards) console.log(`    ${DQA_STANDARD_LABELS[s.standard][lang].padEnd(14)}${DQA_RATING_LABELS[s.rating][lang]}`);
  for (const a of d.actions) {
    const status = `${DQA_ACTION_STATUS_LABELS[a.status][lang]}${a.status_date ? ` ${a.status_date}` : ''}`;
    console.log(`    - [${status}] ${a.text} (${a.owner.name ?? ''}, ${a.due_date})`);
  }
}

const program = (cmd: Command) =>
  cmd
    .option('--program <code>', 'program code (may be left out when the database holds one program)')
    .option('--lang <lang>', `language of the labels: ${LANGUAGES.join(', ')}`, 'en')
    .option('--json', 'print JSON');

/** `vigia dqa list` and `vigia dqa overdue`. */
export function registerDqa(root: Command): void {
  const dqa = root
    .command('dqa')
    .description('Data quality assessments (DQA) of the indicators: list them, and list the indicators whose DQA is overdue')
    .addHelpText(
      'after',
      `
A DQA rates an indicator's data against five standards (validity, integrity, precision,
reliability, timeliness) as met, partly met or not met, with the limitations found and the
actions agreed. Each indicator needs one at least every ${DQA_INTERVAL_YEARS} years. DQAs are entered by
officers in the web app or over the API (POST /api/programs/{program}/dqa), or with a program
folder's dqa.json (docs/program-format.md).`,
    );

  program(dqa.command('list').description("A program's DQAs, per indicator in framework order, newest first"))
    .option('--indicator <code>', 'only this indicator')
    .addHelpText('after', '\nExamples:\n  vigia dqa list --program PE\n  vigia dqa list --program PE --indicator ERAD_HA --json')
    .action(
      action(async (opts: Common & { indicator?: string }) => {
        const lang = langOf(opts.lang);
        await withDatabase(async ({ db }) => {
          const dqas = await listDqas(db, await programOf(db, opts.program), 'restricted', opts.indicator);
          if (opts.json) return console.log(JSON.stringify({ dqas }));
          if (!dqas.length) return console.log('no DQAs');
          for (const d of dqas) printDqa(d, lang);
        });
      }),
    );

  program(dqa.command('overdue').description(`Indicators whose last DQA is older than ${DQA_INTERVAL_YEARS} years, or that never had one`))
    .option('--as-of <date>', 'judge on this day, YYYY-MM-DD (default today)')
    .addHelpText('after', '\nExamples:\n  vigia dqa overdue --program PE\n  vigia dqa overdue --program PE --as-of 2016-09-30 --json')
    .action(
      action(async (opts: Common & { asOf?: string }) => {
        langOf(opts.lang);
        if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
          throw validationError('--as-of must be a date written YYYY-MM-DD', [{ column: 'as-of', value: opts.asOf, reason: 'not a calendar date YYYY-MM-DD' }]);
        const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
        await withDatabase(async ({ db }) => {
          const indicators = await overdueDqas(db, await programOf(db, opts.program), 'restricted', asOf);
          if (opts.json) return console.log(JSON.stringify({ as_of: asOf, indicators }));
          if (!indicators.length) return console.log(`no DQA is overdue on ${asOf}`);
          const lang = langOf(opts.lang);
          console.log(lang === 'es' ? `DQA vencidas al ${asOf}:` : `DQAs overdue on ${asOf}:`);
          for (const i of indicators) {
            const name = lang === 'es' ? i.name_es : i.name_en;
            const last = i.last_dqa
              ? `${lang === 'es' ? 'última' : 'last'} ${i.last_dqa.date}, ${lang === 'es' ? 'vencía' : 'due'} ${i.due_date}`
              : lang === 'es'
                ? 'nunca evaluado'
                : 'never assessed';
            console.log(`  ${i.indicator.padEnd(22)}${last}  — ${name}`);
          }
        });
      }),
    );
}

/**
 * `vigia import FORMAT FILE`, `vigia export FORMAT -o FILE` and `vigia template KIND -o FILE`:
 * data exchange from the command line, acting as the system (no per-user rules). Formats come
 * from the exchange registry (csv, xlsx, and the DHIS2, ADX and IATI ones). A rejected file
 * exits with code 2 and its row errors (the first 50; all of them with --json).
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { action, withDatabase } from '../context.js';
import { checkInputFile, openInputFile, readInputText } from '../input-file.js';
import { addScopeOptions, disaggOption, resolveProgramCode, type ScopeOptions } from '../analytics-options.js';
import { notFound, validationError } from '../../core/errors.js';
import { findFormat, formatNames } from '../../modules/exchange/exchange-registry.js';
import type { ExchangeFormat, ExportOptions, ImportReport } from '../../modules/exchange/exchange-format.js';
import type { GroupBy } from '../../modules/analytics/analytics.service.js';
import { writeTemplate } from '../../modules/exchange/spreadsheet/template.service.js';

function requireFormat(name: string, needs: 'import' | 'export'): ExchangeFormat {
  const format = findFormat(name);
  if (!format) throw notFound(`no exchange format "${name}" (known: ${formatNames().join(', ')})`);
  if (!format[needs]) {
    const able = formatNames().filter((n) => findFormat(n)?.[needs]);
    throw validationError(`the ${name} format cannot ${needs} (formats that can: ${able.join(', ')})`, [
      { column: 'format', value: name, reason: `no ${needs}` },
    ]);
  }
  return format;
}

async function readMapping(file: string | undefined): Promise<unknown> {
  if (!file) return undefined;
  const text = await readInputText(file, 'the mapping file');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw validationError(`the mapping file ${file} is not readable JSON: ${e instanceof Error ? e.message : String(e)}`, [{ file, reason: 'not JSON' }]);
  }
}

/** A progress bar on stderr when it is a terminal: rows checked, then rows written. */
function progressBar(): { onProgress: (done: number, total?: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  let bar: cliProgress.SingleBar | null = null;
  let checking = true;
  return {
    onProgress(done, total) {
      if (total === undefined) {
        if (done > 0) process.stderr.write(`\rchecking… ${done.toLocaleString('en')} rows`);
        return;
      }
      if (checking) {
        process.stderr.write('\n');
        checking = false;
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: 'writing  [{bar}] {percentage}% {value}/{total} rows', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done);
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}

function printReport(r: ImportReport, file: string): void {
  const what = r.dryRun ? 'dry run (nothing written): would import' : 'imported';
  console.log(`${file}: ${what} ${r.rows} row(s): ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged`);
}

/** Writes to `file` through `write`, removing the file again if writing fails. */
async function toFile(file: string, write: (out: Writable) => Promise<void>): Promise<void> {
  const out = createWriteStream(file);
  try {
    await write(out);
    if (!out.writableFinished) {
      if (!out.writableEnded) out.end();
      await finished(out);
    }
  } catch (e) {
    out.destroy();
    await rm(file, { force: true });
    throw e;
  }
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

interface ImportCli {
  program?: string;
  mapping?: string;
  type?: string;
  dryRun?: boolean;
  json?: boolean;
  expectedRows?: string;
}

/** `--expected-rows N`: the data rows the file must hold (a truncated file is refused). */
function expectedRowsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value))
    throw validationError('--expected-rows must be a whole number of rows', [{ column: 'expected-rows', value, reason: 'a whole number' }]);
  return Number(value);
}

interface ExportCli extends ScopeOptions {
  output: string;
  type?: string;
  mapping?: string;
  indicator?: string;
  by?: string;
  from?: string;
  to?: string;
  lang?: 'en' | 'es';
}

export function registerExchange(program: Command): void {
  program
    .command('import')
    .description(`Import a file into a program, all-or-nothing (formats: ${formatNames().join(', ')})`)
    .argument('<format>', 'csv, xlsx, dhis2-json, dhis2-csv, dhis2-xml, adx, …')
    .argument('<file>', 'the file to import')
    .option('--program <code>', 'program code (default: the only program in the database)')
    .option('--mapping <file>', 'JSON mapping of codes (DHIS2 and ADX: data elements, org units, category option combos)')
    .option('--type <record-type>', 'csv/xlsx: import records of this type instead of data values')
    .option('--dry-run', 'check everything and count what would change, writing nothing')
    .option('--json', 'print the report (or every problem) as JSON')
    .option('--expected-rows <n>', 'csv/xlsx: the number of data rows the file holds; another number (a truncated file) is refused')
    .action(
      action(async (formatName: string, file: string, opts: ImportCli) => {
        const format = requireFormat(formatName, 'import');
        const expectedRows = expectedRowsOption(opts.expectedRows);
        await checkInputFile(file, 'the import file');
        const mapping = await readMapping(opts.mapping);
        await withDatabase(async ({ db }) => {
          const programCode = await resolveProgramCode(db, opts.program);
          const progress = progressBar();
          let report: ImportReport;
          try {
            report = await format.import!(db, await openInputFile(file, 'the import file'), {
              program: programCode,
              dryRun: opts.dryRun ?? false,
              mapping,
              recordType: opts.type,
              file: basename(file),
              onProgress: progress.onProgress,
              expectedRows,
            });
          } finally {
            progress.stop();
          }
          if (report.errors.length) {
            const total = report.errorsTotal ?? report.errors.length;
            throw validationError(`${basename(file)} was rejected with ${total} problem(s); nothing was imported`, report.errors);
          }
          if (opts.json) console.log(JSON.stringify(report));
          else printReport(report, basename(file));
        });
      }),
    );

  addScopeOptions(
    program
      .command('export')
      .description(`Export a program's data to a file (formats: ${formatNames().join(', ')})`)
      .argument('<format>', 'csv, xlsx, dhis2-json, dhis2-csv, dhis2-xml, adx, iati')
      .requiredOption('-o, --output <file>', 'the file to write')
      .option('--type <record-type>', 'csv/xlsx: export the records of this type')
      .option('--mapping <file>', 'JSON mapping of codes (DHIS2, ADX)')
      .option('--indicator <codes>', 'csv/xlsx: export an analytics result of these indicators (comma-separated) instead of the data values')
      .option('--by <groupings>', 'with --indicator: place-level:N, period:year|quarter|month|fy-oct, disagg:NAME, source (comma-separated)')
      .option('--from <period>', 'with --indicator: first period')
      .option('--to <period>', 'with --indicator: last period')
      .option('--lang <lang>', 'language of names, en or es', 'en'),
  ).action(
    action(async (formatName: string, opts: ExportCli) => {
      const format = requireFormat(formatName, 'export');
      const mapping = await readMapping(opts.mapping);
      await withDatabase(async ({ db }) => {
        const programCode = await resolveProgramCode(db, opts.program);
        const indicators = list(opts.indicator);
        const options: ExportOptions = {
          program: programCode,
          recordType: opts.type,
          mapping,
          approvedOnly: opts.approvedOnly ?? false,
          lang: opts.lang === 'es' ? 'es' : 'en',
          ...(indicators.length
            ? {
                analytics: {
                  indicators,
                  by: list(opts.by) as GroupBy[],
                  source: opts.source,
                  place: opts.place,
                  zone: opts.zone,
                  from: opts.from,
                  to: opts.to,
                  disagg: disaggOption(opts.disagg),
                },
              }
            : {}),
        };
        await toFile(opts.output, (out) => format.export!(db, out, options));
        if (opts.json) console.log(JSON.stringify({ format: format.name, file: opts.output }));
        else console.log(`wrote ${opts.output} (${format.name})`);
      });
    }),
  );

  program
    .command('template')
    .description('Write a blank spreadsheet to fill in and import: data values of an indicator set, or records of one type')
    .argument('<kind>', 'xlsx (drop-down lists, notes in English and Spanish) or csv (the header row)')
    .requiredOption('-o, --output <file>', 'the file to write')
    .option('--program <code>', 'program code (default: the only program in the database)')
    .option('--type <record-type>', 'a template for records of this type')
    .option('--indicators <codes>', 'the indicator set (comma-separated; default every reported indicator)')
    .action(
      action(async (kind: string, opts: { output: string; program?: string; type?: string; indicators?: string }) => {
        if (kind !== 'xlsx' && kind !== 'csv')
          throw validationError(`a template is xlsx or csv, not "${kind}"`, [{ column: 'kind', value: kind, reason: 'xlsx or csv' }]);
        await withDatabase(async ({ db }) => {
          const programCode = await resolveProgramCode(db, opts.program);
          await toFile(opts.output, (out) => writeTemplate(db, out, kind, { program: programCode, recordType: opts.type, indicators: list(opts.indicators) }));
          console.log(`wrote ${opts.output}`);
        });
      }),
    );
}

/**
 * `vigia dump --program CODE -o FOLDER`: one program out of the database as a program folder, in
 * exactly the format `vigia load` reads — the human-readable backup of one program, and the way
 * to move it to another server.
 */
import type { Command } from 'commander';
import { validationError } from '../../core/errors.js';
import { dumpProgram } from '../../modules/programs/program-dump.service.js';
import { resolveProgramCode } from '../analytics-options.js';
import { action, withDatabase } from '../context.js';
import { progressLine } from './backup-progress.js';

interface DumpOptions {
  program?: string;
  output?: string;
  force?: boolean;
  json?: boolean;
}

export function registerDump(program: Command): void {
  program
    .command('dump')
    .description('Write one program to a program folder (CSV and JSON files) that `vigia load` reads back')
    .option('--program <code>', 'the program to write (may be left out when the database holds only one)')
    .option('-o, --output <folder>', 'the folder to write (required; new or empty)')
    .option('--force', 'write into a folder that is not empty, replacing the program files there (other files are left)')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
Writes the program's design (program.json, framework.csv, indicators.json with reference
sheets, dimensions.json, sources.csv), places, zones, organisations, targets, values (one
file per indicator in values/, each with its status, provenance, source, note and reporting
organisation), records and the program's own record types, report definitions, boundaries,
validation rules, the reporting calendar and data quality assessments — see
docs/program-format.md. Loading the folder into an empty database gives the same program.
Everything is read in one consistent snapshot, while the server keeps running.

Progress of the values is shown on stderr. Exit codes: 0 written, 2 bad arguments (no -o,
an unknown program, a folder that is not empty without --force), 1 any other failure.

Examples:
  npx vigia dump --program PE -o backups/peru
  npx vigia load backups/peru            # into another database`,
    )
    .action(
      action(async (opts: DumpOptions) => {
        if (!opts.output) throw validationError('say where to write the program folder: -o FOLDER');
        const output = opts.output;
        await withDatabase(async ({ db, label }) => {
          const code = await resolveProgramCode(db, opts.program);
          const summary = await dumpProgram(db, code, output, { force: opts.force ?? false, onProgress: progressLine('dump', 'values') });
          if (opts.json) console.log(JSON.stringify({ database: label, ...summary }));
          else
            console.log(
              `program ${summary.program} written to ${summary.dir}: ${summary.files.length} files — ${summary.places} places, ` +
                `${summary.targets} targets, ${summary.values} values, records of ${summary.record_types} types, ${summary.reports} reports`,
            );
        });
      }),
    );
}

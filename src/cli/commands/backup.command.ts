/**
 * `vigia backup -o FILE`: a consistent copy of the configured database while the server keeps
 * running and writing — SQLite's online backup API for the SQLite file, `pg_dump` (custom
 * format) for PostgreSQL. `vigia restore` puts it back.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseConfig } from '../../config.js';
import { validationError } from '../../core/errors.js';
import { backupSqlite } from '../../db/backup-sqlite.js';
import { backupPostgres } from '../../db/backup-postgres.js';
import { action } from '../context.js';
import { progressLine } from './backup-progress.js';

interface BackupOptions {
  output?: string;
  force?: boolean;
  json?: boolean;
}

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent copy of the database to a file, while the server keeps running')
    .option('-o, --output <file>', 'the backup file to write (required)')
    .option('--force', 'replace the output file if it exists')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The database is the one every command uses: the SQLite file in VIGIA_DB (default
./data/vigia.db), or PostgreSQL when DATABASE_URL is set.

  SQLite      SQLite's online backup API: one consistent snapshot, taken while the server
              reads and writes; the copy is integrity-checked. The file is a SQLite database.
  PostgreSQL  pg_dump --format=custom of the schema Vigia works in (from PATH, or
              /usr/lib/postgresql/<version>/bin); a consistent snapshot too.

The file is written as FILE.partial and renamed when complete, so an interrupted backup never
leaves a file under the name asked for. Put it back with \`vigia restore FILE\`.
Exit codes: 0 done, 2 bad input (no -o, the file exists without --force), 1 any other failure.

Examples:
  npx vigia backup -o backups/vigia-$(date +%F).db
  DATABASE_URL=postgres://vigia:secret@127.0.0.1:5432/vigia npx vigia backup -o vigia.dump`,
    )
    .action(
      action(async (opts: BackupOptions) => {
        if (!opts.output) throw validationError('say where to write the backup: -o FILE', [{ column: 'output', reason: 'required' }]);
        const target = resolve(opts.output);
        if (existsSync(target) && !opts.force) {
          throw validationError(`${opts.output} exists: choose another name or add --force to replace it`, [
            { column: 'output', value: opts.output, reason: 'the file exists' },
          ]);
        }
        const config = parseConfig();
        const started = Date.now();
        if (config.DATABASE_URL) {
          const r = await backupPostgres(config.DATABASE_URL, target, progressLine('backup', 'tables'));
          const seconds = (Date.now() - started) / 1000;
          if (opts.json) console.log(JSON.stringify({ engine: 'postgres', file: target, schema: r.schema, tables: r.tables, seconds }));
          else console.log(`backed up PostgreSQL schema ${r.schema} (${r.tables} tables) to ${target} in ${seconds.toFixed(1)} s`);
          return;
        }
        const r = await backupSqlite(config.VIGIA_DB, target, progressLine('backup', 'pages'));
        const seconds = (Date.now() - started) / 1000;
        if (opts.json) console.log(JSON.stringify({ engine: 'sqlite', file: target, pages: r.pages, bytes: r.bytes, integrity: 'ok', seconds }));
        else console.log(`backed up ${config.VIGIA_DB} to ${target} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok) in ${seconds.toFixed(1)} s`);
      }),
    );
}

/**
 * `vigia restore FILE`: puts a backup made by `vigia backup` back as the configured database.
 * It refuses to replace a database that holds anything unless told to (--force).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseConfig } from '../../config.js';
import { restoreSqlite } from '../../db/backup-sqlite.js';
import { restorePostgres } from '../../db/backup-postgres.js';
import { action } from '../context.js';
import { checkInputFile } from '../input-file.js';
import { progressLine } from './backup-progress.js';

interface RestoreOptions {
  force?: boolean;
  json?: boolean;
}

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('Replace the database by a backup made with `vigia backup` (stop the server first)')
    .argument('<file>', 'the backup file')
    .option('--force', 'replace a database that is not empty (everything in it is lost)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The database is the one every command uses: the SQLite file in VIGIA_DB (default
./data/vigia.db), or PostgreSQL when DATABASE_URL is set. Stop \`vigia serve\` first: a server
still running keeps the old database open.

  SQLite      the backup must pass PRAGMA integrity_check and be a Vigia database; it is
              copied next to VIGIA_DB, checked again, and moved into place.
  PostgreSQL  pg_restore of a pg_dump custom-format file into the schema DATABASE_URL works in
              (the same schema name as the backup's), in one transaction.

A database that holds any table is replaced only with --force. The next start migrates the
restored database if it is older than this Vigia.
Exit codes: 0 done, 2 bad input (no such file, not a Vigia backup, not empty without --force),
1 any other failure.

Examples:
  npx vigia restore backups/vigia-2026-12-01.db
  VIGIA_DB=./data/copy.db npx vigia restore backups/vigia-2026-12-01.db
  DATABASE_URL=postgres://vigia:secret@127.0.0.1:5432/vigia npx vigia restore vigia.dump --force`,
    )
    .action(
      action(async (file: string, opts: RestoreOptions) => {
        const config = parseConfig();
        const source = resolve(await checkInputFile(file, 'the backup'));
        const started = Date.now();
        if (config.DATABASE_URL) {
          const r = await restorePostgres(config.DATABASE_URL, source, opts.force === true, progressLine('restore', 'tables'));
          const seconds = (Date.now() - started) / 1000;
          if (opts.json) console.log(JSON.stringify({ engine: 'postgres', file: source, schema: r.schema, tables: r.tables, seconds }));
          else console.log(`restored ${source} into PostgreSQL schema ${r.schema} (${r.tables} tables) in ${seconds.toFixed(1)} s`);
          return;
        }
        const r = await restoreSqlite(source, resolve(config.VIGIA_DB), opts.force === true, progressLine('restore', 'pages'));
        const seconds = (Date.now() - started) / 1000;
        if (opts.json)
          console.log(JSON.stringify({ engine: 'sqlite', file: source, database: config.VIGIA_DB, pages: r.pages, bytes: r.bytes, integrity: 'ok', seconds }));
        else console.log(`restored ${source} into ${config.VIGIA_DB} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok) in ${seconds.toFixed(1)} s`);
      }),
    );
}

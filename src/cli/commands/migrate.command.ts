import type { Command } from 'commander';
import { action, withDatabase } from '../context.js';
import { migrateToLatest } from '../../db/migrate.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (also done automatically at start-up)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        await withDatabase(async ({ db, label }) => {
          const results = await migrateToLatest(db);
          const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
          if (opts.json) console.log(JSON.stringify({ database: label, applied }));
          else console.log(applied.length ? `${label}: applied ${applied.join(', ')}` : `${label}: already up to date`);
        }, false);
      }),
    );
}

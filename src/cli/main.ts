/**
 * The `vigia` command. Each sub-command lives in its own file under commands/ and registers
 * itself here.
 */
import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.command.js';

const program = new Command();
program
  .name('vigia')
  .description(
    'Vigia: monitoring and reporting for counternarcotics and rule-of-law assistance programs.\n' +
      'Database: the SQLite file in VIGIA_DB (default ./data/vigia.db), or PostgreSQL when DATABASE_URL is a postgres:// URL.',
  )
  .showHelpAfterError();

registerMigrate(program);

await program.parseAsync(process.argv);

/**
 * The `vigia` command. Each sub-command lives in its own file under commands/ and registers
 * itself here.
 */
import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.command.js';
import { registerLoad } from './commands/load.command.js';
import { registerDemo } from './commands/demo.command.js';
import { registerAnalytics } from './commands/analytics.command.js';
import { registerServe } from './commands/serve.command.js';
import { registerReport } from './commands/report.command.js';
import { registerItt } from './commands/itt.command.js';
import { registerUsers } from './commands/users.command.js';
import { registerRecords } from './commands/records.command.js';
import { registerExchange } from './commands/exchange.command.js';
import { registerBackup } from './commands/backup.command.js';
import { registerRestore } from './commands/restore.command.js';
import { registerDqa } from './commands/dqa.command.js';
import { registerCalendar } from './commands/calendar.command.js';
import { registerQuality } from './commands/quality.command.js';
import { registerDump } from './commands/dump.command.js';

const program = new Command();
program
  .name('vigia')
  .description(
    'Vigia: monitoring and reporting for counternarcotics and rule-of-law assistance programs.\n' +
      'Database: the SQLite file in VIGIA_DB (default ./data/vigia.db), or PostgreSQL when DATABASE_URL is a postgres:// URL.',
  )
  .showHelpAfterError();

registerMigrate(program);
registerLoad(program);
registerDemo(program);
registerAnalytics(program);
registerServe(program);
registerReport(program);
registerItt(program);
registerUsers(program);
registerRecords(program);
registerExchange(program);
registerBackup(program);
registerRestore(program);
registerDqa(program);
registerCalendar(program);
registerQuality(program);
registerDump(program);

await program.parseAsync(process.argv);

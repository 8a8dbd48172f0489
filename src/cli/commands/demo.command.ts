import { resolve } from 'node:path';
import type { Command } from 'commander';
import { action } from '../context.js';
import { packageRoot } from '../package-root.js';
import { runLoad, type LoadCommandOptions } from './load.command.js';

/** The demo program folder that ships with Vigia, wherever the command is run from. */
export function demoFolder(): string {
  return resolve(packageRoot(), 'demo/peru');
}

/** `vigia demo [--dry-run] [--json]`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Load the demo program (INL Peru, from the folder demo/peru that ships with Vigia) into the database')
    .option('--dry-run', 'check the demo folder and count what would change, but write nothing')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      `
The database is the one configured for every command: the SQLite file in VIGIA_DB (default
./data/vigia.db), or PostgreSQL when DATABASE_URL is set. Loading the demo again changes
nothing; it is loaded like any program folder (see \`vigia load --help\`).

Example:
  VIGIA_DB=./data/demo.db vigia demo && vigia serve`,
    )
    .action(action(async (opts: LoadCommandOptions) => runLoad(demoFolder(), opts)));
}

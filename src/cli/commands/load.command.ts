import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { action, withDatabase } from '../context.js';
import { checkInputFolder } from '../input-file.js';
import { SUMMARY_KINDS, loadProgramFolder, type LoadProgress, type LoadSummary } from '../../modules/programs/program-load.service.js';

export interface LoadCommandOptions {
  dryRun?: boolean;
  json?: boolean;
}

/** Show a progress bar only for loads that last long enough to need one. */
const PROGRESS_AFTER_MS = 1_000;

/**
 * A progress callback that draws a bar on stderr once the load has run for a second, when
 * stderr is a terminal (never in scripts or CI logs). Call the returned stop() when done.
 */
function progressBar(): { onProgress: (p: LoadProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  let stage: LoadProgress['stage'] | null = null;
  return {
    onProgress(p) {
      if (!bar && Date.now() - started < PROGRESS_AFTER_MS) return;
      if (stage !== p.stage) {
        bar?.stop();
        const label = p.stage === 'check' ? 'checking values files' : 'writing values      ';
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: `${label} [{bar}] {percentage}% {value}/{total}`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total, p.done);
        stage = p.stage;
      }
      bar?.update(p.done);
    },
    stop: () => bar?.stop(),
  };
}

function printSummary(summary: LoadSummary, database: string): void {
  const what = summary.dryRun ? 'checked (dry run: nothing was written)' : 'loaded';
  console.log(`program ${summary.program} ${what} — ${summary.files.length} files, database ${database}`);
  console.log(`  ${'kind'.padEnd(22)}${'inserted'.padStart(10)}${'updated'.padStart(10)}${'unchanged'.padStart(11)}`);
  for (const kind of SUMMARY_KINDS) {
    const c = summary.counts[kind];
    console.log(`  ${kind.padEnd(22)}${String(c.inserted).padStart(10)}${String(c.updated).padStart(10)}${String(c.unchanged).padStart(11)}`);
  }
}

/** Loads a folder into the configured database and prints the summary; shared with `vigia demo`. */
export async function runLoad(dir: string, opts: LoadCommandOptions): Promise<void> {
  await checkInputFolder(dir, 'the program folder');
  await withDatabase(async ({ db, label }) => {
    const progress = progressBar();
    let summary: LoadSummary;
    try {
      summary = await loadProgramFolder(db, dir, { dryRun: opts.dryRun ?? false, onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    if (opts.json) console.log(JSON.stringify({ database: label, ...summary }));
    else printSummary(summary, label);
  });
}

/** `vigia load <dir> [--dry-run] [--json]`. */
export function registerLoad(program: Command): void {
  program
    .command('load')
    .description('Load a program folder (CSV and JSON files, see docs/program-format.md) into the database')
    .argument('<dir>', 'the program folder: program.json, places.csv, framework.csv, indicators.json, …')
    .option('--dry-run', 'check everything and count what would change, but write nothing')
    .option('--json', 'print the summary, or the problems, as JSON')
    .addHelpText(
      'after',
      `
Every file is read and every reference checked before anything is written; any problem stops
the load and is listed with its file, row (line number, the header being row 1) and column.
The load is all-or-nothing, in one transaction. Things are matched by code (values by
indicator, place, period, disaggregation and source), so loading the same folder twice changes
nothing the second time; a load adds and updates, it never deletes.

Exit codes: 0 loaded, 2 problems in the folder (nothing written), 1 any other failure.

Examples:
  vigia load demo/peru --dry-run
  VIGIA_DB=./data/colombia.db vigia load ./colombia --json`,
    )
    .action(action(async (dir: string, opts: LoadCommandOptions) => runLoad(dir, opts)));
}

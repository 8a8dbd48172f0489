/**
 * The demo fact sheet rendered to PDF from live data: the demo program loaded into its own
 * SQLite file, then the whole path timed (analytics reads, statements, layout, PDF bytes).
 * Target: a median of 1,000 ms or less.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { renderReport } from '../src/modules/reports/report.service.js';
import type { Benchmark } from './bench-context.js';
import { median, round, timed } from './stats.js';

const root = resolve(import.meta.dirname, '..');
/** Enough renders for a steady median; each is a fraction of a second. */
const MAX_RUNS = 15;

export const factsheetBench: Benchmark = {
  name: 'factsheet',
  description: 'render the demo fact sheet (PE, 2012, English) to PDF from live data',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-factsheet-bench-'));
    const { db } = openDatabase({ file: join(dir, 'demo.db') });
    try {
      await migrateToLatest(db);
      await loadProgramFolder(db, join(root, 'demo/peru'));
      const req = { program: 'PE', report: 'factsheet', period: '2012', lang: 'en' as const, format: 'pdf' as const };
      // The first render warms module and statement caches; it is not counted.
      const warm = await renderReport(db, req);
      const samples: number[] = [];
      for (let i = 0; i < Math.min(ctx.options.runs, MAX_RUNS); i++) samples.push((await timed(() => renderReport(db, req))).ms);
      ctx.log(`factsheet: ${samples.length} renders, ${warm.body.length} bytes each`);
      return { factsheet_pdf_ms: round(median(samples), 1), factsheet_pdf_bytes: warm.body.length };
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/**
 * The demo's whole PIRS book rendered to PDF from live data (issue 15, acceptance 8): the demo
 * program loaded into its own SQLite file, then the whole path of `vigia report pirs --format
 * pdf` timed — catalog, framework order, reference sheets and their histories, the analytics
 * reads of baselines, targets and latest actuals, last DQAs, layout and PDF bytes. Target: a
 * median of 1,000 ms or less; the median CPU time is reported beside it, as for the tracking table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadProgramFolder } from '../src/modules/programs/program-load.service.js';
import { renderPirs } from '../src/modules/pirs/pirs-render.service.js';
import type { Benchmark } from './bench-context.js';
import { median, round, timed } from './stats.js';

const root = resolve(import.meta.dirname, '..');
/** Enough renders for a steady median; each is well under a second. */
const MAX_RUNS = 15;

export const pirsBench: Benchmark = {
  name: 'pirs',
  description: "render the demo's whole PIRS book (PE, English, every indicator) to PDF from live data",
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'vigia-pirs-bench-'));
    const { db } = openDatabase({ file: join(dir, 'demo.db') });
    try {
      await migrateToLatest(db);
      await loadProgramFolder(db, join(root, 'demo/peru'));
      const req = { program: 'PE', lang: 'en' as const, format: 'pdf' as const, namesAuthors: true };
      // The first render warms module and statement caches; it is not counted.
      const warm = await renderPirs(db, req);
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < Math.min(ctx.options.runs, MAX_RUNS); i++) {
        const r = await timed(() => renderPirs(db, req));
        samples.push(r.ms);
        cpu.push(r.cpuMs);
      }
      ctx.log(`pirs: ${samples.length} renders, ${warm.body.length} bytes each`);
      return { pirs_book_pdf_ms: round(median(samples), 1), pirs_book_pdf_cpu_ms: round(median(cpu), 1), pirs_book_pdf_bytes: warm.body.length };
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

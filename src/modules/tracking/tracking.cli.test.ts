/**
 * `vigia itt` and `vigia report itt` as people run them: the contract's JSON, a file for each
 * format, and exit code 2 naming the field for a period that is not a fiscal year, an unknown
 * program or component, and an unknown format.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../../test/helpers/cli.js';
import { monthRange, writeTrackingProgram, type TrackingProgram } from '../../../test/helpers/tracking-program.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadProgramFolder } from '../programs/program-load.service.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let folder: TrackingProgram;
const vigia = (...args: string[]) => runVigia(env, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-itt-cli-'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  folder = writeTrackingProgram({
    code: 'JAN',
    fiscalStartMonth: 1,
    fiscalYear: '2013Jan',
    months: monthRange('201210', '201403'),
    emptyMonths: monthRange('201307', '201309'),
    targetPeriod: '2013',
    baselinePeriod: '2012',
  });
  await loadProgramFolder(db, folder.dir);
  await db.destroy();
  env = { ...process.env, VIGIA_DB: file, DATABASE_URL: '' };
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(folder.dir, { recursive: true, force: true });
});

// Each case starts a child process (tsx compiles the CLI): minutes on a loaded machine, not seconds.
describe('vigia itt', { timeout: 180_000 }, () => {
  it('prints the contract JSON: fiscal year, rows with four quarters in fiscal order', async () => {
    const r = await vigia('itt', '--program', 'JAN', '--period', '2013Jan', '--json');
    expect(r.code).toBe(0);
    const table = JSON.parse(r.stdout);
    expect(table.fiscal_year).toBe('2013Jan');
    const sum = table.rows.find((x: { indicator: string }) => x.indicator === 'SUM_N');
    expect(Object.keys(sum)).toEqual(
      expect.arrayContaining([
        'indicator',
        'baseline',
        'target',
        'quarters',
        'actual',
        'achieved_pct',
        'lop_target',
        'lop_actual',
        'deviation_explanation',
        'explanation_required',
      ]),
    );
    expect(sum.quarters.map((q: { period: string }) => q.period)).toEqual(['2013Q1', '2013Q2', '2013Q3', '2013Q4']);
    expect(sum.quarters[2].actual).toBeNull();
  });

  it('exits 2 naming the field for bad input', async () => {
    const cases: [string[], string][] = [
      [['itt', '--program', 'JAN', '--period', '2013'], 'period'],
      [['itt', '--program', 'JAN', '--period', '2012Oct'], 'period'],
      [['itt', '--program', 'NOPE', '--period', '2013Jan'], 'program'],
      [['itt', '--program', 'JAN', '--period', '2013Jan', '--component', 'C9'], 'component'],
      [['report', 'itt', '--program', 'JAN', '--period', '2013Jan', '--format', 'docx'], 'format'],
    ];
    for (const [args, field] of cases) {
      const r = await vigia(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`column ${field}`);
    }
  });
});

describe('vigia report itt', { timeout: 180_000 }, () => {
  it('writes each format to the -o file and prints what it wrote with --json', async () => {
    for (const format of ['xlsx', 'csv', 'md', 'html', 'pdf']) {
      const out = join(dir, `itt.${format}`);
      const r = await vigia('report', 'itt', '--program', 'JAN', '--period', '2013Jan', '--lang', 'es', '-o', out, '--json');
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ file: out, format });
      expect(readFileSync(out).length).toBe(summary.bytes);
    }
    expect(readFileSync(join(dir, 'itt.csv'), 'utf8')).toMatch(/^Indicador,Nombre,Fuente/);
  });
});

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigia } from '../../../test/helpers/cli.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import type { DqaView, OverdueIndicator } from './dqa-read.service.js';

let dir: string;
let env: NodeJS.ProcessEnv;
const vigia = (...args: string[]) => runVigia(env, ...args);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigia-dqa-cli-'));
  // The mini fixture has the demo's COCA_HA and ERAD_HA: load it with the demo's dqa.json.
  const folder = join(dir, 'program');
  cpSync('test/fixtures/programs/mini', folder, { recursive: true });
  cpSync('demo/peru/dqa.json', join(folder, 'dqa.json'));
  const file = join(dir, 'vigia.db');
  const { db } = openDatabase({ file });
  await migrateToLatest(db);
  await loadProgramFolder(db, folder);
  await db.destroy();
  env = { ...process.env, VIGIA_DB: file };
  delete env.DATABASE_URL;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each case starts a child process (tsx compiles the CLI): minutes on a loaded machine, not seconds.
describe('vigia dqa (child process, SQLite file)', { timeout: 180_000 }, () => {
  it('list --json prints the DQAs; --indicator narrows to one indicator; the text form names ratings in the language asked', async () => {
    const all = await vigia('dqa', 'list', '--program', 'TP', '--json');
    expect(all.code, all.stderr).toBe(0);
    expect((JSON.parse(all.stdout) as { dqas: DqaView[] }).dqas.map((d) => [d.indicator, d.date]).sort()).toEqual([
      ['COCA_HA', '2014-03-14'],
      ['ERAD_HA', '2015-02-10'],
    ]);
    const one = await vigia('dqa', 'list', '--program', 'TP', '--indicator', 'ERAD_HA', '--json');
    expect((JSON.parse(one.stdout) as { dqas: DqaView[] }).dqas.map((d) => d.indicator)).toEqual(['ERAD_HA']);
    const es = await vigia('dqa', 'list', '--indicator', 'ERAD_HA', '--lang', 'es');
    expect(es.code, es.stderr).toBe(0);
    expect(es.stdout).toContain('Integridad');
    expect(es.stdout).toContain('Cumple parcialmente');
    expect(es.stdout).toContain('[Descartada 2015-09-15]');
  });

  it('overdue lists indicators past three years or never assessed', async () => {
    const r = await vigia('dqa', 'overdue', '--program', 'TP', '--as-of', '2018-02-10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { as_of: string; indicators: OverdueIndicator[] };
    expect(out.as_of).toBe('2018-02-10');
    const codes = out.indicators.map((i) => i.indicator);
    expect(codes).toContain('COCA_HA');
    expect(codes).toContain('SEIZ_KG');
    expect(codes).not.toContain('ERAD_HA');
    expect((await vigia('dqa', 'overdue', '--program', 'TP', '--as-of', '2018-02-11', '--json')).stdout).toContain('"ERAD_HA"');
    const text = await vigia('dqa', 'overdue', '--as-of', '2018-02-11');
    expect(text.stdout).toMatch(/COCA_HA\s+last 2014-03-14, due 2017-03-14/);
    expect(text.stdout).toMatch(/SEIZ_KG\s+never assessed/);
  });

  it('bad input exits 2 naming the option; --help explains', async () => {
    for (const [args, field] of [
      [['dqa', 'list', '--indicator', 'NOPE'], 'indicator'],
      [['dqa', 'list', '--program', 'NOPE'], 'program'],
      [['dqa', 'list', '--lang', 'fr'], 'lang'],
      [['dqa', 'overdue', '--as-of', '2018-02-30'], 'as-of'],
    ] as const) {
      const r = await vigia(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(field);
    }
    const help = await vigia('dqa', '--help');
    expect(help.stdout).toContain('validity, integrity, precision');
    expect((await vigia('dqa', 'overdue', '--help')).stdout).toContain('--as-of');
  });
});

/**
 * `vigia dump` as people run it (a child process on a SQLite file): help that says what it
 * writes, one-line errors with exit code 2 for bad arguments, a progress line on stderr, and a
 * folder that `vigia load` takes back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'vigia-dump-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const db = join(work, 'a.db');

function vigia(args: string[], file = db) {
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIA_DB: file };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/vigia.mjs', ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

describe('vigia dump (child process)', () => {
  beforeAll(() => {
    expect(vigia(['load', 'test/fixtures/programs/mini']).status).toBe(0);
  }, 120_000);

  it('explains itself in --help', () => {
    const r = vigia(['dump', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--program <code>');
    expect(r.stdout).toContain('-o, --output <folder>');
    expect(r.stdout).toContain('--force');
    expect(r.stdout).toContain('Exit codes');
  });

  it('refuses bad arguments on one line, with exit code 2', () => {
    const cases: Array<[string[], string]> = [
      [['dump', '--program', 'TP'], '-o FOLDER'],
      [['dump', '--program', 'XX', '-o', join(work, 'x')], 'XX: no such program'],
      [['dump', '--program', 'a/b', '-o', join(work, 'x')], 'is not a program code'],
    ];
    for (const [args, says] of cases) {
      const r = vigia(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const busy = join(work, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'something.txt'), 'x');
    const r = vigia(['dump', '--program', 'TP', '-o', busy]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not empty');
    expect(r.stderr).toContain('--force');
  });

  it('writes the folder with a progress line on stderr, and vigia load takes it back', () => {
    const out = join(work, 'tp');
    const r = vigia(['dump', '--program', 'TP', '-o', out, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('dump: 100% (9/9 values)');
    expect(JSON.parse(r.stdout)).toMatchObject({ program: 'TP', values: 9, targets: 4, places: 6 });
    const load = vigia(['load', out, '--json'], join(work, 'b.db'));
    expect(load.status).toBe(0);
    expect(JSON.parse(load.stdout)).toMatchObject({ program: 'TP', counts: { places: { inserted: 6 }, values: { inserted: 9 }, targets: { inserted: 4 } } });
  });
});

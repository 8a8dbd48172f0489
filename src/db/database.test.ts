/**
 * The SQLite durability setting: VIGIA_SQLITE_SYNCHRONOUS reaches the connection (NORMAL by
 * default, FULL or EXTRA on request) and anything else is refused at start-up, naming it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { openConfiguredDatabase } from '../cli/context.js';
import { runVigia } from '../../test/helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigia-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** SQLite's numbers for the `synchronous` pragma. */
const LEVEL = { NORMAL: 1, FULL: 2, EXTRA: 3 } as const;

describe('VIGIA_SQLITE_SYNCHRONOUS', () => {
  for (const [setting, level] of [
    [undefined, LEVEL.NORMAL],
    ['NORMAL', LEVEL.NORMAL],
    ['FULL', LEVEL.FULL],
    ['EXTRA', LEVEL.EXTRA],
  ] as const) {
    it(`${setting ?? 'unset'}: the connection runs with synchronous = ${level}, in WAL mode`, async () => {
      const config = parseConfig({ VIGIA_DB: join(dir, `${setting ?? 'unset'}.db`), ...(setting ? { VIGIA_SQLITE_SYNCHRONOUS: setting } : {}) });
      const { db } = await openConfiguredDatabase(config);
      try {
        const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
        expect(sync.rows[0]?.synchronous).toBe(level);
        const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db);
        expect(mode.rows[0]?.journal_mode).toBe('wal');
      } finally {
        await db.destroy();
      }
    });
  }

  it('refuses any other value, naming the variable (the command exits before touching the database)', async () => {
    expect(() => parseConfig({ VIGIA_SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(/VIGIA_SQLITE_SYNCHRONOUS/);
    const r = await runVigia({ ...process.env, VIGIA_DB: join(dir, 'refused.db'), DATABASE_URL: '', VIGIA_SQLITE_SYNCHRONOUS: 'off' }, 'migrate');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('VIGIA_SQLITE_SYNCHRONOUS');
  });
});

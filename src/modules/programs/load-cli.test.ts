import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = 'test/fixtures/programs/mini';
const work = mkdtempSync(join(tmpdir(), 'vigia-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real `vigia` binary against a SQLite file of its own. */
function vigia(args: string[], db: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, VIGIA_DB: db };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/vigia.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('vigia load (child process)', () => {
  it('a bad folder exits with 2 and names file, row and column on stderr; nothing is written', () => {
    const dir = join(work, 'bad');
    cpSync(FIXTURE, dir, { recursive: true });
    const values = join(dir, 'values/eradication.csv');
    writeFileSync(values, readFileSync(values, 'utf8').replace('ERAD_HA,R2-A,2012Q1', 'ERAD_HA,R9-Z,2012Q1'));
    const db = join(work, 'bad.db');
    const r = vigia(['load', dir], db);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('values/eradication.csv, row 5, column place: unknown place code (value: "R9-Z")');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const summary = vigia(['load', FIXTURE, '--dry-run', '--json'], db);
    expect(summary.status).toBe(0);
    // The dry run against the same database still finds everything new: the bad load wrote nothing.
    expect(JSON.parse(summary.stdout)).toMatchObject({ program: 'TP', dryRun: true, counts: { places: { inserted: 6 }, values: { inserted: 9 } } });
  });

  it('counts the boundaries of boundaries.geojson in the summary, as text and JSON', () => {
    const dir = join(work, 'with-boundaries');
    cpSync(FIXTURE, dir, { recursive: true });
    const ring = [
      [-76.5, -9.5],
      [-75.5, -9.5],
      [-75.5, -8.5],
      [-76.5, -8.5],
      [-76.5, -9.5],
    ];
    const features = ['R1', 'R2'].map((code) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [ring] } }));
    writeFileSync(join(dir, 'boundaries.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    const db = join(work, 'boundaries.db');
    const dry = vigia(['load', dir, '--dry-run', '--json'], db);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      files: expect.arrayContaining(['boundaries.geojson']),
      counts: { boundaries: { inserted: 2, updated: 0, unchanged: 0 } },
    });
    const loaded = vigia(['load', dir], db);
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).toMatch(/\n {2}boundaries\s+2\s+0\s+0\n/);
  });

  it('a good folder loads (exit 0, summary on stdout), and a second load changes nothing', () => {
    const db = join(work, 'good.db');
    const first = vigia(['load', FIXTURE], db);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/program TP loaded/);
    expect(first.stdout).toMatch(/values\s+9\s+0\s+0/);
    // The mini folder has no boundaries.geojson: the line is there, with nothing counted.
    expect(first.stdout).toMatch(/boundaries\s+0\s+0\s+0/);
    const again = vigia(['load', FIXTURE, '--json'], db);
    expect(again.status).toBe(0);
    const counts = (JSON.parse(again.stdout) as { counts: Record<string, { inserted: number; updated: number }> }).counts;
    expect(Object.values(counts).every((c) => c.inserted === 0 && c.updated === 0)).toBe(true);
  });
});

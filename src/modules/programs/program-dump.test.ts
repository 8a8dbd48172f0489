/**
 * `vigia dump` then `vigia load` (issue 17, acceptance 5): each program is loaded from its folder
 * into one database, dumped, and the dump loaded into an empty database. Both give the same
 * analytics for every indicator by every grouping, the same records field by field and the same
 * reports byte for byte; and the dump of the dump is the dump, file by file. Real databases on
 * the engine under test (SQLite, or PostgreSQL with VIGIA_TEST_DATABASE_URL).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import type { Db } from '../../db/database.js';
import { queryAnalytics, type GroupBy } from '../analytics/analytics.service.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { createRecord } from '../records/records.service.js';
import { renderReport, type ReportFormat } from '../reports/report.service.js';
import { dumpProgram } from './program-dump.service.js';
import { loadProgramFolder } from './program-load.service.js';

const engine = process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const TODAY = '2026-01-15';
const work = mkdtempSync(join(tmpdir(), 'vigia-dump-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * An answer as text to compare. SQLite: to the last digit. PostgreSQL adds a sum's float8 terms
 * in the order it reads the rows, which a reload may change: record roll-ups (many fractional
 * kilograms) then differ in the 16th significant digit. There, figures are compared to 12
 * significant digits, and the remaining work (exact sums) is written in docs/program-format.md.
 */
function sameFigures(answer: unknown): string {
  return JSON.stringify(answer, (_key, v: unknown) => (engine === 'postgres' && typeof v === 'number' ? Number(v.toPrecision(12)) : v));
}

/** Every file under `dir`, by path relative to it, with its text. */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The groupings an indicator can be read by: every place level, every period kind, each of its dimensions, its sources. */
async function groupings(db: Db, program: string): Promise<Map<string, GroupBy[][]>> {
  const catalog = await loadCatalog(db, program);
  const levels = new Set([...catalog.places.values()].map((p) => p.level));
  const common: GroupBy[][] = [
    [],
    ...[...levels].sort().map((l): GroupBy[] => [`place-level:${l}`]),
    ['period:year'],
    ['period:quarter'],
    ['period:month'],
    ['period:fy-oct'],
    ['source'],
    ['place-level:2', 'period:year'],
  ];
  const out = new Map<string, GroupBy[][]>();
  for (const [code, ind] of catalog.indicators) {
    out.set(code, [...common, ...[...ind.dimensions.keys()].map((d): GroupBy[] => [`disagg:${d}`, 'period:year'])]);
  }
  return out;
}

/** Every analytics answer of the program: each indicator by each grouping, all data and approved only. */
async function allAnalytics(db: Db, program: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [indicator, bys] of await groupings(db, program)) {
    for (const by of bys) {
      for (const approvedOnly of [false, true]) {
        const { rows } = await queryAnalytics(db, { program, indicators: [indicator], by, approvedOnly }, { today: TODAY });
        out[`${indicator} by ${by.join('+') || 'nothing'}${approvedOnly ? ' approved' : ''}`] = rows;
      }
    }
  }
  return out;
}

/** The program's records as readers know them: codes, not ids. */
async function allRecords(db: Db, program: string) {
  const rows = await db
    .selectFrom('record as r')
    .innerJoin('program as p', 'p.id', 'r.program_id')
    .innerJoin('place as pl', 'pl.id', 'r.place_id')
    .leftJoin('organisation as o', 'o.id', 'r.organisation_id')
    .select(['r.type_code', 'r.ref', 'pl.code as place', 'r.date', 'o.code as organisation', 'r.status', 'r.provenance', 'r.note', 'r.data'])
    .where('p.code', '=', program)
    .orderBy('r.type_code')
    .orderBy('r.date')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }));
}

/** The program's values with everything the folder carries: status, provenance, note, reporting organisation. */
async function allValues(db: Db, program: string) {
  return db
    .selectFrom('data_value as v')
    .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
    .innerJoin('program as p', 'p.id', 'i.program_id')
    .innerJoin('place as pl', 'pl.id', 'v.place_id')
    .leftJoin('organisation as o', 'o.id', 'v.organisation_id')
    .select([
      'i.code as indicator',
      'pl.code as place',
      'v.period',
      'v.disagg',
      'v.source',
      'v.value',
      'v.status',
      'v.provenance',
      'v.note',
      'o.code as organisation',
    ])
    .where('p.code', '=', program)
    .orderBy('i.code')
    .orderBy('pl.code')
    .orderBy('v.period')
    .orderBy('v.disagg')
    .orderBy('v.source')
    .execute();
}

interface RoundTrip {
  from: TestDb;
  to: TestDb;
  first: string;
  second: string;
}

/** Loads `folder` into a database (then `prepare`), dumps it, loads the dump into an empty database and dumps that. */
async function roundTrip(folder: string, program: string, prepare?: (db: Db) => Promise<void>): Promise<RoundTrip> {
  const from = await createTestDb();
  await loadProgramFolder(from.db, folder);
  await prepare?.(from.db);
  const first = join(work, `${program}-1`);
  await dumpProgram(from.db, program, first);
  const to = await createTestDb();
  await loadProgramFolder(to.db, first);
  const second = join(work, `${program}-2`);
  await dumpProgram(to.db, program, second);
  return { from, to, first, second };
}

describe(`vigia dump, then vigia load into an empty database (${engine})`, () => {
  describe('the Peru demo, with records and reports', () => {
    let r: RoundTrip;
    beforeAll(async () => {
      r = await roundTrip('demo/peru', 'PE');
    }, 600_000);
    afterAll(async () => {
      await r.from.destroy();
      await r.to.destroy();
    });

    it('writes every kind of file the demo has', () => {
      const files = [...filesOf(r.first).keys()];
      for (const f of ['program.json', 'places.csv', 'zones.csv', 'zone-places.csv', 'organisations.csv', 'sources.csv', 'dimensions.json', 'framework.csv'])
        expect(files).toContain(f);
      for (const f of ['indicators.json', 'targets.csv', 'validation-rules.json', 'calendar.json', 'dqa.json', 'reports/progress.json', 'records/seizure.csv'])
        expect(files).toContain(f);
      expect(files.filter((f) => f.startsWith('values/')).length).toBe(readdirSync('demo/peru/values').length);
    });

    it('gives the same analytics for every indicator by every grouping', async () => {
      const [before, after] = [await allAnalytics(r.from.db, 'PE'), await allAnalytics(r.to.db, 'PE')];
      expect(Object.keys(before).length).toBeGreaterThan(500);
      // The same questions (in whatever order the catalog lists an indicator's dimensions), the same answers.
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      // Named, so that a difference says which indicator and grouping it is in.
      const differ = Object.keys(before).filter((k) => sameFigures(after[k]) !== sameFigures(before[k]));
      expect(differ).toEqual([]);
    }, 600_000);

    it('gives the same values, with their status, provenance, note and organisation', async () => {
      const before = await allValues(r.from.db, 'PE');
      expect(before.length).toBe(150);
      expect(await allValues(r.to.db, 'PE')).toEqual(before);
    });

    it('gives the same records, field by field', async () => {
      const before = await allRecords(r.from.db, 'PE');
      expect(before.length).toBeGreaterThan(100);
      expect(await allRecords(r.to.db, 'PE')).toEqual(before);
    });

    it('gives the same reports, byte for byte, for the same data version', async () => {
      const version = async (db: Db) => (await db.selectFrom('program').select('data_version').where('code', '=', 'PE').executeTakeFirstOrThrow()).data_version;
      // The data version counts the writes a database saw; the report names it. Same data, same version: the same report.
      await r.to.db
        .updateTable('program')
        .set({ data_version: await version(r.from.db) })
        .where('code', '=', 'PE')
        .execute();
      for (const report of ['factsheet', 'progress']) {
        for (const lang of ['en', 'es'] as const) {
          for (const format of ['md', 'html'] as ReportFormat[]) {
            const req = { program: 'PE', report, period: '2012', lang, format };
            const [a, b] = [await renderReport(r.from.db, req), await renderReport(r.to.db, req)];
            expect(b.body.toString('utf8'), `${report} ${lang} ${format}`).toBe(a.body.toString('utf8'));
          }
        }
      }
    }, 300_000);

    it('dumps the dump identically, file by file', () => {
      expect(filesOf(r.second)).toEqual(filesOf(r.first));
    });
  });

  describe('a second program: its own record type, and a record entered without a ref', () => {
    let r: RoundTrip;
    beforeAll(async () => {
      r = await roundTrip('test/fixtures/programs/records-custom', 'RC', async (db) => {
        await createRecord(db, 'RC', 'seizure', {
          data: { date: '2013-02-01', place: 'N-1', agency: 'POLICE', substance: 'cocaine_base', quantity: '1250 lb', case_reference: 'EXP-9' },
          note: '=typed in the app, with no ref',
        });
      });
    }, 300_000);
    afterAll(async () => {
      await r.from.destroy();
      await r.to.destroy();
    });

    it('gives the same analytics and records; the record without a ref gets one', async () => {
      expect(await allAnalytics(r.to.db, 'RC')).toEqual(await allAnalytics(r.from.db, 'RC'));
      const before = await allRecords(r.from.db, 'RC');
      const after = await allRecords(r.to.db, 'RC');
      expect(after.map(({ ref: _ref, ...rest }) => rest)).toEqual(before.map(({ ref: _ref, ...rest }) => rest));
      expect(after.filter((a) => a.ref?.startsWith('id-'))).toHaveLength(1);
      expect(after.find((a) => a.ref?.startsWith('id-'))?.data).toMatchObject({ quantity: { amount: 1250, unit: 'lb' } });
      expect(filesOf(r.first).has('record-types/crop-substitution-contract.json')).toBe(true);
    });

    it('dumps the dump identically, file by file', () => {
      expect(filesOf(r.second)).toEqual(filesOf(r.first));
    });
  });

  describe('the small test program', () => {
    let r: RoundTrip;
    beforeAll(async () => {
      r = await roundTrip('test/fixtures/programs/mini', 'TP');
    }, 300_000);
    afterAll(async () => {
      await r.from.destroy();
      await r.to.destroy();
    });

    it('gives the same values and analytics, and the dump of the dump is the dump', async () => {
      const values = await allValues(r.from.db, 'TP');
      expect(new Set(values.map((v) => v.status)).size).toBeGreaterThan(1);
      expect(await allValues(r.to.db, 'TP')).toEqual(values);
      expect(await allAnalytics(r.to.db, 'TP')).toEqual(await allAnalytics(r.from.db, 'TP'));
      expect(filesOf(r.second)).toEqual(filesOf(r.first));
    });
  });

  describe('refusals', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
      await loadProgramFolder(t.db, 'test/fixtures/programs/mini');
    }, 120_000);
    afterAll(() => t.destroy());

    it('refuses an unknown program and a bad code, naming them', async () => {
      await expect(dumpProgram(t.db, 'NOPE', join(work, 'nope'))).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('NOPE') });
      await expect(dumpProgram(t.db, 'a b', join(work, 'bad'))).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('a b') });
    });

    it('refuses a folder that is not empty unless forced, and then keeps what is not the program’s', async () => {
      const dir = join(work, 'busy');
      await dumpProgram(t.db, 'TP', dir);
      writeFileSync(join(dir, 'values', 'stale.csv'), 'indicator,place,period,value,provenance\n');
      writeFileSync(join(dir, 'NOTES.md'), 'mine');
      await expect(dumpProgram(t.db, 'TP', dir)).rejects.toMatchObject({ kind: 'validation', message: expect.stringContaining('--force') });
      await dumpProgram(t.db, 'TP', dir, { force: true });
      const files = filesOf(dir);
      expect(files.has('values/stale.csv')).toBe(false);
      expect(files.get('NOTES.md')).toBe('mine');
    });
  });
});

/**
 * Acceptance: the demo's data values exported to CSV and to XLSX, imported into an empty copy of
 * the program (the demo folder loaded without its values), give the same analytics to the last
 * digit.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/helpers/test-db.js';
import { loadProgramFolder } from '../../programs/program-load.service.js';
import { queryAnalytics, type GroupBy } from '../../analytics/analytics.service.js';
import { findFormat } from '../exchange-registry.js';
import { readableOf } from '../upload-spool.js';

const demo = resolve(import.meta.dirname, '../../../../demo/peru');
let full: TestDb;
let dir: string;

async function exported(db: TestDb['db'], format: 'csv' | 'xlsx'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await findFormat(format)!.export!(db, out, { program: 'PE' });
  return Buffer.concat(chunks);
}

/** Every reported indicator by source, department, year and each of its dimensions. */
async function analytics(db: TestDb['db']) {
  const indicators = await db.selectFrom('indicator').select(['code', 'id']).where('origin', '=', 'reported').orderBy('code').execute();
  const out: Record<string, unknown> = {};
  for (const i of indicators) {
    const dims = await db
      .selectFrom('indicator_dimension as x')
      .innerJoin('dimension as d', 'd.id', 'x.dimension_id')
      .select('d.code')
      .where('x.indicator_id', '=', i.id)
      .execute();
    const by = ['source', 'place-level:2', 'period:year', ...dims.map((d) => `disagg:${d.code}`)] as GroupBy[];
    out[i.code] = (await queryAnalytics(db, { program: 'PE', indicators: [i.code], by })).rows;
  }
  return out;
}

beforeAll(async () => {
  full = await createTestDb();
  await loadProgramFolder(full.db, demo);
  dir = mkdtempSync(join(tmpdir(), 'vigia-demo-novalues-'));
  cpSync(demo, dir, { recursive: true, filter: (src) => !src.startsWith(join(demo, 'values')) });
}, 120_000);
afterAll(async () => {
  await full.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`through ${format}: analytics agree to the last digit`, async () => {
      const file = await exported(full.db, format);
      const empty = await createTestDb();
      try {
        await loadProgramFolder(empty.db, dir);
        const before = await analytics(empty.db);
        const report = await findFormat(format)!.import!(empty.db, readableOf(file), { program: 'PE', dryRun: false, file: `values.${format}` });
        expect(report.errors).toEqual([]);
        const count = await full.db
          .selectFrom('data_value')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        expect(report.rows).toBe(Number(count.n));
        expect(report.inserted).toBe(report.rows);
        const expected = await analytics(full.db);
        expect(await analytics(empty.db)).toEqual(expected);
        expect(before).not.toEqual(expected);
        const values = (db: TestDb['db']) =>
          db
            .selectFrom('data_value as v')
            .innerJoin('indicator as i', 'i.id', 'v.indicator_id')
            .innerJoin('place as p', 'p.id', 'v.place_id')
            .select(['i.code', 'p.code as place', 'v.period', 'v.disagg', 'v.source', 'v.value', 'v.provenance', 'v.note', 'v.status'])
            .orderBy('i.code')
            .orderBy('p.code')
            .orderBy('v.period')
            .orderBy('v.disagg')
            .orderBy('v.source')
            .execute();
        expect(await values(empty.db)).toEqual(await values(full.db));
      } finally {
        await empty.destroy();
      }
    }, 120_000);
  }
});

/**
 * Coverage of event data (issue 14, acceptance 1's fiscal-year finding): record-fed indicators
 * count the quarters of a year that have any record, program-wide, not departments × months —
 * a department without a seizure this year is no missing report, and one quarter of records is
 * not a fiscal year. Counted here from the demo's seizure CSV, not by the code under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { queryAnalytics } from './analytics.service.js';

const DEMO = join(import.meta.dirname, '../../../demo/peru');
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadProgramFolder(t.db, DEMO);
}, 120_000);
afterAll(() => t.destroy());

/** The calendar quarters (e.g. 2012Q4) of each October fiscal year with an approved cocaine seizure, from the CSV. */
function quartersByFiscalYear(): Map<string, Set<string>> {
  const [head, ...lines] = readFileSync(join(DEMO, 'records/seizure.csv'), 'utf8').trim().split('\n');
  const col = (name: string) => head!.split(',').indexOf(name);
  const [status, date, substance] = [col('status'), col('date'), col('substance')];
  const out = new Map<string, Set<string>>();
  for (const line of lines) {
    // The note column is quoted and holds commas: read the plain columns before it from the left.
    const cells = line.replace(/"[^"]*"/g, '""').split(',');
    if (cells[status] !== 'approved' || !['cocaine_base', 'cocaine_hcl'].includes(cells[substance]!)) continue;
    const [y, m] = cells[date]!.split('-').map(Number) as [number, number];
    const fy = `${m >= 10 ? y : y - 1}Oct`;
    const quarters = out.get(fy) ?? new Set<string>();
    quarters.add(`${y}Q${Math.ceil(m / 3)}`);
    out.set(fy, quarters);
  }
  return out;
}

describe(`coverage of event data (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('a fiscal year of seizure records counts its quarters with records against those of the year before', async () => {
    const byHand = quartersByFiscalYear();
    const { rows } = await queryAnalytics(
      t.db,
      { program: 'PE', indicators: ['SEIZ_REC_COCAINE_KG'], by: ['period:fy-oct'], approvedOnly: true },
      { coverage: true, today: '2030-01-01' },
    );
    const years = [...byHand.keys()].sort();
    expect(years.length).toBeGreaterThan(2);
    for (const [i, fy] of years.entries()) {
      const coverage = rows.find((r) => r.period === fy)?.coverage;
      if (i === 0) {
        expect(coverage, fy).toBeNull();
        continue;
      }
      const expected = byHand.get(years[i - 1]!)!.size;
      const reported = byHand.get(fy)!.size;
      expect(coverage, fy).toEqual({ reported, expected, complete: reported >= expected, period_ended: true, level: null, counted_period: 'quarter' });
    }
    // The demo's records end in December 2013: FY2014 holds one quarter of four.
    expect(rows.find((r) => r.period === '2013Oct')?.coverage).toMatchObject({ reported: 1, expected: 4, complete: false });
  });

  it('departments of one query share the program-wide count: a department without a seizure is not missing', async () => {
    const { rows } = await queryAnalytics(
      t.db,
      { program: 'PE', indicators: ['SEIZ_REC_COCAINE_KG'], by: ['place-level:2', 'period:year'], from: '2013', to: '2013', approvedOnly: true },
      { coverage: true, today: '2030-01-01' },
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows)
      expect(r.coverage, r.place?.code).toEqual({ reported: 4, expected: 4, complete: true, period_ended: true, level: null, counted_period: 'quarter' });
  });
});

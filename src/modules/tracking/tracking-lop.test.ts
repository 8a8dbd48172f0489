/**
 * Life-of-program targets in the tracking table (issue 15, item 5): a program folder built here
 * declares LOP targets in targets.csv (kind `lop_target`, period a span FIRST/LAST); the table's
 * lop_target equals the declared one, and lop_actual equals what this test computes itself from
 * the folder's values CSV over the months from the span's start through the fiscal year's end
 * (or the span's, if sooner), by the indicator's rule; null without an LOP target or data. Bad
 * LOP targets, in a folder or over the API's service, are refused naming the field. Runs on
 * SQLite, and on PostgreSQL with VIGIA_TEST_DATABASE_URL.
 */
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { monthRange, writeTrackingProgram, type TrackingProgram } from '../../../test/helpers/tracking-program.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { setTarget } from '../indicators/indicators.service.js';
import type { Actor } from '../access/actor.js';
import { trackingTable } from './tracking-table.service.js';
import type { TrackingRow, TrackingTable } from './tracking-table.js';
import { trackingCell } from './tracking-columns.js';
import { trackingCsv } from './tracking-csv.js';

const OFFICER: Actor = { userId: null, role: 'officer', organisationId: null, clearance: 'restricted' };
const ENGINE = process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** The LOP targets the test declares: indicator, source, span, value. */
const LOP_ROWS = [
  'SUM_N,LOP,2012Oct/2014Oct,,,lop_target,2000,sourced,Life of program FY2013–FY2015',
  'LATEST_HA,LOP,2012Oct/2014Oct,,,lop_target,150,sourced,',
  'AVG_N,LOP,2012Oct/2013Q1,,,lop_target,2.5,sourced,A span that ends inside the fiscal year',
  'TWO_N,LOP,2012/2014,S1,,lop_target,90,sourced,A calendar-year span: its data from January 2012 counts',
  'NONE_N,LOP,2012Oct/2014Oct,,,lop_target,25,sourced,No data: the actual is null',
];

interface CsvValue {
  indicator: string;
  period: string;
  source: string;
  value: number;
  status: string;
}

/** The values CSV as rows (the helper writes no quoted cells). */
function parseValues(csv: string): CsvValue[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [indicator, , period, , source, value, , , status] = line.split(',');
      return { indicator: indicator!, period: period!, source: source!, value: Number(value), status: status! };
    });
}

/** The indicator's rule over these months, from the approved CSV rows; null when none. */
function expected(
  values: readonly CsvValue[],
  indicator: string,
  source: string,
  rule: 'sum' | 'latest' | 'average',
  months: readonly string[],
): number | null {
  const rows = values.filter((v) => v.indicator === indicator && v.source === source && v.status === 'approved' && months.includes(v.period));
  if (rows.length === 0) return null;
  if (rule === 'latest') return [...rows].sort((a, b) => (a.period < b.period ? 1 : -1))[0]!.value;
  const sum = rows.reduce((s, r) => s + r.value, 0);
  return rule === 'sum' ? sum : sum / rows.length;
}

let t: TestDb;
let folder: TrackingProgram;
let values: CsvValue[];
beforeAll(async () => {
  t = await createTestDb();
  folder = writeTrackingProgram({
    code: 'LOP',
    fiscalStartMonth: 10,
    fiscalYear: '2012Oct',
    months: monthRange('201207', '201312'),
    emptyMonths: monthRange('201304', '201306'),
    targetPeriod: '2012Oct',
    baselinePeriod: '2011Oct',
  });
  appendFileSync(join(folder.dir, 'targets.csv'), LOP_ROWS.join('\n') + '\n');
  values = parseValues(folder.valuesCsv);
  await loadProgramFolder(t.db, folder.dir);
}, 60_000);
afterAll(async () => {
  await t.destroy();
  rmSync(folder.dir, { recursive: true, force: true });
});

const rowOf = (table: TrackingTable, indicator: string, source: string | null = null): TrackingRow => {
  const row = table.rows.find((r) => r.indicator === indicator && r.source === source);
  if (!row) throw new Error(`no row ${indicator} ${source}`);
  return row;
};

describe(`life-of-program targets in the tracking table (${ENGINE})`, () => {
  it('gives the declared LOP target, and the cumulative actual from the span start through the fiscal year, computed from the CSV', async () => {
    const table = await trackingTable(t.db, 'LOP', '2012Oct');
    const fy2013 = monthRange('201210', '201309');
    expect(rowOf(table, 'SUM_N')).toMatchObject({ lop_target: 2000, lop_actual: expected(values, 'SUM_N', '', 'sum', fy2013) });
    expect(rowOf(table, 'LATEST_HA')).toMatchObject({ lop_target: 150, lop_actual: expected(values, 'LATEST_HA', '', 'latest', fy2013) });
    // The span ends in 2013Q1: the actual stops there, the average of its months.
    const avg = rowOf(table, 'AVG_N');
    expect(avg.lop_target).toBe(2.5);
    expect(avg.lop_actual).toBeCloseTo(expected(values, 'AVG_N', '', 'average', monthRange('201210', '201303'))!, 9);
    // A calendar-year span starts in January 2012: the months before the fiscal year count too.
    const s1 = rowOf(table, 'TWO_N', 'S1');
    expect(s1).toMatchObject({ lop_target: 90, lop_actual: expected(values, 'TWO_N', 'S1', 'sum', monthRange('201207', '201309')) });
    expect(s1.lop_actual).toBeGreaterThan(s1.actual!);
  });

  it('adds the next fiscal year on, and the first data counted is the span start', async () => {
    const table = await trackingTable(t.db, 'LOP', '2013Oct');
    const sum = rowOf(table, 'SUM_N');
    expect(sum.lop_actual).toBe(expected(values, 'SUM_N', '', 'sum', monthRange('201210', '201409')));
    expect(sum.lop_actual).toBeGreaterThan(rowOf(await trackingTable(t.db, 'LOP', '2012Oct'), 'SUM_N').lop_actual!);
    // AVG_N's span ended in 2013Q1: no fiscal year after it shows its LOP target.
    expect(rowOf(table, 'AVG_N')).toMatchObject({ lop_target: null, lop_actual: null });
  });

  it('is null without an LOP target, without data, or in a fiscal year before the span', async () => {
    const table = await trackingTable(t.db, 'LOP', '2012Oct');
    for (const [code, source] of [
      ['EXACT_N', null],
      ['TWO_N', 'S2'],
    ] as const) {
      expect(rowOf(table, code, source), `${code} ${source}`).toMatchObject({ lop_target: null, lop_actual: null });
    }
    expect(rowOf(table, 'NONE_N')).toMatchObject({ lop_target: 25, lop_actual: null });
    const before = await trackingTable(t.db, 'LOP', '2011Oct');
    expect(rowOf(before, 'SUM_N')).toMatchObject({ lop_target: null, lop_actual: null });
    // TWO_N/S1's span (2012/2014) began inside FY2012: its actual so far is July–September 2012.
    expect(rowOf(before, 'TWO_N', 'S1')).toMatchObject({ lop_target: 90, lop_actual: expected(values, 'TWO_N', 'S1', 'sum', monthRange('201207', '201209')) });
  });

  it('carries the LOP columns into the outputs, numeric, with the indicator decimals', async () => {
    const table = await trackingTable(t.db, 'LOP', '2012Oct');
    const sum = rowOf(table, 'SUM_N');
    expect(trackingCell(sum, 'lop_target', 'en')).toEqual({ kind: 'number', value: 2000, decimals: 0 });
    expect(trackingCell(sum, 'lop_actual', 'es')).toEqual({ kind: 'number', value: sum.lop_actual, decimals: 0 });
    expect(trackingCell(rowOf(table, 'EXACT_N'), 'lop_target', 'en')).toEqual({ kind: 'empty' });
    const csv = trackingCsv(table, 'en');
    const [head, ...lines] = csv.trim().split(/\r?\n/);
    const cols = head!.split(',');
    const line = lines.find((l) => l.startsWith('SUM_N,'))!.split(',');
    expect(Number(line[cols.indexOf('Life-of-program target')])).toBe(2000);
    expect(Number(line[cols.indexOf('Life-of-program actual')])).toBe(sum.lop_actual);
  });

  it('is stored with its span as period and the span dates', async () => {
    const row = await t.db
      .selectFrom('target')
      .innerJoin('indicator', 'indicator.id', 'target.indicator_id')
      .select(['target.period', 'target.start_date', 'target.end_date'])
      .where('indicator.code', '=', 'SUM_N')
      .where('target.kind', '=', 'lop_target')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ period: '2012Oct/2014Oct', start_date: '2012-10-01', end_date: '2015-09-30' });
  });
});

/** Loads a copy of the folder with one more LOP row, expecting a validation error; its details. */
async function refused(extraRow: string): Promise<IssueDetail[]> {
  const dir = writeTrackingProgram({
    code: 'BAD',
    fiscalStartMonth: 10,
    fiscalYear: '2012Oct',
    months: monthRange('201210', '201303'),
    emptyMonths: [],
    targetPeriod: '2012Oct',
    baselinePeriod: '2011Oct',
  }).dir;
  try {
    appendFileSync(join(dir, 'targets.csv'), extraRow + '\n');
    const line = readFileSync(join(dir, 'targets.csv'), 'utf8').trim().split('\n').length;
    const err = await loadProgramFolder(t.db, dir).then(
      () => null,
      (e: unknown) => e,
    );
    if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
    expect(err.kind).toBe('validation');
    for (const d of err.details) expect(d).toMatchObject({ file: 'targets.csv', row: line });
    const program = await t.db.selectFrom('program').select('id').where('code', '=', 'BAD').executeTakeFirst();
    expect(program).toBeUndefined();
    return err.details;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`bad LOP targets are refused, naming the field (${ENGINE})`, () => {
  it('in a program folder', async () => {
    expect(await refused('NOPE_N,BAD,2012Oct/2014Oct,,,lop_target,10,sourced,')).toEqual([
      expect.objectContaining({ column: 'indicator', value: 'NOPE_N', reason: 'unknown indicator code' }),
    ]);
    expect(await refused('SUM_N,BAD,2012Oct/2014Oct,,,lop_target,-5,sourced,')).toEqual([
      expect.objectContaining({ column: 'value', reason: expect.stringMatching(/must not be negative/) }),
    ]);
    expect(await refused('SUM_N,BAD,2012Oct/2014Oct,,,lop_target,lots,sourced,')).toEqual([
      expect.objectContaining({ column: 'value', value: 'lots', reason: expect.stringMatching(/not a number/) }),
    ]);
    for (const span of ['2014Oct/2012Oct', '2012Oct/', '2012Oct/2013/2014', 'always', '2012Oct/9999']) {
      expect(await refused(`SUM_N,BAD,${span},,,lop_target,10,sourced,`), span).toEqual([
        expect.objectContaining({ column: 'period', value: span, reason: expect.any(String) }),
      ]);
    }
    // A span is only a life-of-program target's period.
    expect(await refused('SUM_N,BAD,2012Oct/2014Oct,,,target,10,sourced,')).toEqual([expect.objectContaining({ column: 'period' })]);
    expect(await refused('SUM_N,BAD,2012Oct,,,lop,10,sourced,')).toEqual([expect.objectContaining({ column: 'kind' })]);
  });

  it('over the targets service (PUT …/targets), and a good one shows in the table', async () => {
    const put = (indicator: string, period: string, value: number) =>
      setTarget(t.db, OFFICER, 'LOP', indicator, { place: 'LOP', period, kind: 'lop_target', value });
    await expect(put('NOPE_N', '2012Oct/2014Oct', 1)).rejects.toMatchObject({ kind: 'not_found', message: expect.stringMatching(/NOPE_N/) });
    await expect(put('EXACT_N', '2012Oct/2014Oct', -1)).rejects.toMatchObject({ kind: 'validation', details: [{ column: 'value' }] });
    await expect(put('EXACT_N', '2014Oct/2012Oct', 1)).rejects.toMatchObject({ kind: 'validation', details: [{ column: 'period' }] });
    await expect(put('EXACT_N', 'soon', 1)).rejects.toMatchObject({ kind: 'validation', details: [{ column: 'period' }] });
    await expect(setTarget(t.db, OFFICER, 'LOP', 'EXACT_N', { place: 'LOP', period: '2012Oct/2014Oct', kind: 'target', value: 1 })).rejects.toMatchObject({
      kind: 'validation',
      details: [{ column: 'period' }],
    });
    expect(rowOf(await trackingTable(t.db, 'LOP', '2012Oct'), 'EXACT_N').lop_target).toBeNull();
    await put('EXACT_N', '2012Oct/2014Oct', 300);
    expect(rowOf(await trackingTable(t.db, 'LOP', '2012Oct'), 'EXACT_N')).toMatchObject({ lop_target: 300, lop_actual: 110 });
    const audit = await t.db.selectFrom('audit_event').select(['entity', 'action']).where('entity', '=', 'target').execute();
    expect(audit).toContainEqual({ entity: 'target', action: 'create' });
  });
});

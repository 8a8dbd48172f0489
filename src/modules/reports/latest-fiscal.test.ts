/**
 * `latest-fy` asks a report for the latest COMPLETE fiscal year (issue 14): with every department
 * reporting each quarter of FY2016 and one department the first quarter of FY2017, the fact
 * sheet and the progress report are of FY2016; FY2017, asked for by name, is stated as partial.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { loadPartialYearProgram, PLANTED_FISCAL } from '../../../test/helpers/partial-year-program.js';
import { buildReportDocument } from './report-build.service.js';
import type { ReportDocument } from './report-document.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadPartialYearProgram(t.db, 'fiscal');
}, 60_000);
afterAll(() => t.destroy());

const publicReader = { approvedOnly: true, maxSensitivity: 'public' as const };
const statementsOf = (doc: ReportDocument) => doc.blocks.flatMap((b) => (b.kind === 'statements' ? b.items.map((s) => s.text) : []));
const FY2016 = ['2015Q4', '2016Q1', '2016Q2', '2016Q3'];

describe(`a report's latest complete fiscal year (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('is FY2016, not FY2017 of one quarter from one department, for the public and for readers of drafts', async () => {
    const total = PLANTED_FISCAL.filter((v) => FY2016.includes(v.period)).reduce((sum, v) => sum + v.value, 0);
    const doc = await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period: 'latest-fy', lang: 'en', reader: publicReader });
    expect(doc.period.id).toBe('2015Oct');
    expect(statementsOf(doc)[0]).toBe(`Coca eradicated stood at ${total.toLocaleString('en-US')} hectares in fiscal year 2016.`);
    const officer = await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period: 'latest-fy', lang: 'es' });
    expect(officer.period.id).toBe('2015Oct');
    const progress = await buildReportDocument(t.db, { program: 'PX', report: 'progress', period: 'latest-fy', lang: 'en', reader: publicReader });
    expect(progress.period.id).toBe('2015Oct');
  });

  it('states FY2017, asked for by name, as partial: one of the reports FY2016 had', async () => {
    const expected = PLANTED_FISCAL.filter((v) => FY2016.includes(v.period)).length;
    const doc = await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period: '2016Oct', lang: 'en', reader: publicReader });
    expect(statementsOf(doc)[0]).toBe(`Coca eradicated stood at 123 hectares in fiscal year 2017 (partial: 1 of ${expected} expected reports reported).`);
  });
});

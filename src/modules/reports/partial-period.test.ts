/**
 * A fact sheet for a period with partial data says so (issue 14): one department of eight has
 * reported 2017, and neither the value nor the comparison with the complete 2016 may read as
 * the national result without the mark, in English and Spanish, in every format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { loadPartialYearProgram } from '../../../test/helpers/partial-year-program.js';
import { buildReportDocument } from './report-build.service.js';
import { renderReport } from './report.service.js';
import type { ReportDocument } from './report-document.js';

const NBSP = '\u00a0';
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await loadPartialYearProgram(t.db);
}, 60_000);
afterAll(() => t.destroy());

const publicReader = { approvedOnly: true, maxSensitivity: 'public' as const };
const statementsOf = (doc: ReportDocument) => doc.blocks.flatMap((b) => (b.kind === 'statements' ? b.items.map((s) => s.text) : []));
const factsheet = async (period: string, lang: 'en' | 'es') =>
  statementsOf(await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period, lang, reader: publicReader }));

describe(`a fact sheet for a partial period (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('states the partial year as partial, in English', async () => {
    expect(await factsheet('2017', 'en')).toEqual([
      'Coca eradicated stood at 1,234 hectares in 2017 (partial: 1 of 8 departments reported).',
      'Coca eradicated decreased by 89 percent between 2016 and 2017, from 10,800 to 1,234 hectares (2017 partial: 1 of 8 departments reported).',
    ]);
  });

  it('and in Spanish', async () => {
    expect(await factsheet('2017', 'es')).toEqual([
      `Coca erradicada se situó en 1234 hectáreas en 2017 (parcial: informaron 1 de 8 departamentos).`,
      `Coca erradicada disminuyó un 89${NBSP}% entre 2016 y 2017, de 10${NBSP}800 a 1234 hectáreas (2017 parcial: informaron 1 de 8 departamentos).`,
    ]);
  });

  it('says nothing of coverage for a complete year', async () => {
    const texts = await factsheet('2016', 'en');
    expect(texts[0]).toBe('Coca eradicated stood at 10,800 hectares in 2016.');
    expect(texts.join(' ')).not.toMatch(/partial|not over/);
  });

  it('keeps the mark in Markdown and HTML', async () => {
    const md = (
      await renderReport(t.db, { program: 'PX', report: 'factsheet', period: '2017', lang: 'en', format: 'md', reader: publicReader })
    ).body.toString();
    expect(md).toContain('(partial: 1 of 8 departments reported)');
    const html = (
      await renderReport(t.db, { program: 'PX', report: 'factsheet', period: '2017', lang: 'es', format: 'html', reader: publicReader })
    ).body.toString();
    expect(html).toContain('(parcial: informaron 1 de 8 departamentos)');
  });

  it('`latest` is the latest complete year: 2016, not the partial 2017, for the public and for readers of drafts', async () => {
    const doc = await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period: 'latest', lang: 'en', reader: publicReader });
    expect(doc.period.id).toBe('2016');
    expect(statementsOf(doc)[0]).toBe('Coca eradicated stood at 10,800 hectares in 2016.');
    const officer = await buildReportDocument(t.db, { program: 'PX', report: 'factsheet', period: 'latest', lang: 'es' });
    expect(officer.period.id).toBe('2016');
    const progress = await buildReportDocument(t.db, { program: 'PX', report: 'progress', period: 'latest', lang: 'en', reader: publicReader });
    expect(progress.period.id).toBe('2016');
  });
});

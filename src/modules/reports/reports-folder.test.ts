/**
 * Report definitions in a program folder: loaded with the program, checked against it, and a
 * bad one stops the whole load with its file, line and field named.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type VigiaError } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { listReports } from './report-build.service.js';

const work = mkdtempSync(join(tmpdir(), 'vigia-reports-'));
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.destroy();
  rmSync(work, { recursive: true, force: true });
});

/** A copy of the mini test program with the given files under reports/. */
function folderWith(name: string, reports: Record<string, string>): string {
  const dir = join(work, name);
  cpSync('test/fixtures/programs/mini', dir, { recursive: true });
  mkdirSync(join(dir, 'reports'));
  for (const [file, text] of Object.entries(reports)) writeFileSync(join(dir, 'reports', file), text);
  return dir;
}

async function loadError(dir: string): Promise<VigiaError> {
  const e: unknown = await loadProgramFolder(t.db, dir).then(
    () => null,
    (err: unknown) => err,
  );
  if (!isVigiaError(e)) throw new Error(`expected a VigiaError, got ${String(e)}`);
  return e;
}

const good = {
  code: 'brief',
  title: { en: 'Brief {{period}}', es: 'Resumen {{period}}' },
  sections: [{ type: 'statements', items: [{ kind: 'comparison', indicator: 'ERAD_HA' }] }],
};

describe('report definitions in the program folder', () => {
  it('names file, line and field of each problem, and loads nothing of the program', async () => {
    const bad = JSON.stringify(
      {
        code: 'brief',
        title: { en: 'Brief', es: 'Resumen' },
        sections: [
          {
            type: 'statements',
            items: [
              { kind: 'comparison', indicator: 'NOPE' },
              { kind: 'value', indicator: 'COCA_HA' },
              { kind: 'value', indicator: 'ERAD_HA', place: 'ATLANTIS', disagg: 'colour=blue' },
            ],
          },
        ],
      },
      null,
      2,
    );
    const err = await loadError(folderWith('bad', { 'brief.json': bad, 'other.json': JSON.stringify({ ...good, code: 'x', colour: 1 }) }));
    expect(err.kind).toBe('validation');
    expect(err.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'reports/other.json', column: 'colour', reason: 'unknown field' }),
        expect.objectContaining({ file: 'reports/brief.json', row: 13, column: 'sections[0].items[0].indicator', value: 'NOPE' }),
        expect.objectContaining({
          file: 'reports/brief.json',
          row: 15,
          column: 'sections[0].items[1].source',
          reason: expect.stringContaining('several sources (GOV, SURVEY)'),
        }),
        expect.objectContaining({ file: 'reports/brief.json', column: 'sections[0].items[2].place', value: 'ATLANTIS' }),
        expect.objectContaining({ file: 'reports/brief.json', column: 'sections[0].items[2].disagg', reason: 'ERAD_HA is not disaggregated by "colour"' }),
      ]),
    );
    expect(await t.db.selectFrom('program').select('code').where('code', '=', 'TP').execute()).toEqual([]);
  });

  it('refuses Markdown outside the narrative subset, naming the line of the text, and links that are not http(s)', async () => {
    const narrative = {
      code: 'brief',
      title: { en: 'Brief', es: 'Resumen' },
      sections: [
        { type: 'narrative', text: { en: 'Fine.\n\n| a | b |\n|---|---|', es: 'Bien, [véase](https://example.org).' } },
        {
          type: 'statements',
          intro: { en: 'See [this](javascript:alert(1)).', es: 'Ver [esto](data:text/html,x).' },
          items: [{ kind: 'comparison', indicator: 'ERAD_HA' }],
        },
      ],
    };
    const err = await loadError(folderWith('markdown', { 'brief.json': JSON.stringify(narrative, null, 2) }));
    expect(err.details).toEqual([
      expect.objectContaining({
        file: 'reports/brief.json',
        row: 11,
        column: 'sections[0].text.en',
        value: '| a | b |',
        reason: expect.stringMatching(/^line 3 of the text: tables are not allowed/),
      }),
      expect.objectContaining({
        file: 'reports/brief.json',
        row: 18,
        column: 'sections[1].intro.en',
        reason: expect.stringMatching(/^line 1 of the text: only http:\/\/ and https:\/\/ links are allowed, not "javascript:alert\(1\)"/),
      }),
      expect.objectContaining({
        file: 'reports/brief.json',
        row: 19,
        column: 'sections[1].intro.es',
        reason: expect.stringContaining('not "data:text/html,x"'),
      }),
    ]);
  });

  it('wants the code to match the file name', async () => {
    const err = await loadError(folderWith('misnamed', { 'summary.json': JSON.stringify(good) }));
    expect(err.details).toEqual([
      expect.objectContaining({ file: 'reports/summary.json', column: 'code', value: 'brief', reason: 'must match the file name ("summary")' }),
    ]);
  });

  it('stores good definitions beside the built-in ones, and a second load changes nothing', async () => {
    const dir = folderWith('good', { 'brief.json': JSON.stringify(good) });
    await loadProgramFolder(t.db, dir);
    expect(await listReports(t.db, 'TP')).toEqual(['brief', 'progress']);
    const first = await t.db.selectFrom('report_definition').selectAll().execute();
    await loadProgramFolder(t.db, dir);
    expect(await t.db.selectFrom('report_definition').selectAll().execute()).toEqual(first);
    expect(first[0]?.hash).toMatch(/^[0-9a-f]{12}$/);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { isVigiaError, type IssueDetail } from '../../core/errors.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { lastDqa, listDqas, overdueDqas } from './dqa-read.service.js';

const FIXTURE = 'test/fixtures/programs/mini';
const DEMO = 'demo/peru';
const DEMO_DQA = JSON.parse(readFileSync(join(DEMO, 'dqa.json'), 'utf8')) as { assessments: Array<Record<string, unknown>> };

let t: TestDb;
const dirs: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await t.destroy();
});

/** The mini fixture (which has the demo's COCA_HA and ERAD_HA) with this dqa.json. */
function folderWith(dqa: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigia-dqa-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  writeFileSync(join(dir, 'dqa.json'), typeof dqa === 'string' ? dqa : JSON.stringify(dqa, null, 2));
  return dir;
}

async function problems(dir: string): Promise<IssueDetail[]> {
  const err = await loadProgramFolder(t.db, dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (!isVigiaError(err)) throw new Error(`expected a validation error, got ${String(err)}`);
  // Nothing of the program was written.
  expect(await t.db.selectFrom('program').selectAll().execute()).toEqual([]);
  expect(await t.db.selectFrom('dqa').selectAll().execute()).toEqual([]);
  return err.details;
}

describe("a program folder's dqa.json", () => {
  it('the Peru demo folder checks with its two DQAs', async () => {
    const summary = await loadProgramFolder(t.db, DEMO, { dryRun: true });
    expect(summary.files).toContain('dqa.json');
    expect(summary.counts.dqa).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await t.db.selectFrom('dqa').selectAll().execute()).toEqual([]);
  }, 120_000);

  it('refuses what breaks the format — a date that does not exist, a text over 10,000 characters — naming file, line and field', async () => {
    const [coca, erad] = DEMO_DQA.assessments as [Record<string, unknown>, Record<string, unknown>];
    const details = await problems(folderWith({ assessments: [coca, { ...erad, date: '2015-02-30' }, { ...coca, limitations: 'x'.repeat(10_001) }] }));
    expect(details.map((d) => d.column).sort()).toEqual(['assessments[1].date', 'assessments[2].limitations']);
    for (const d of details) expect(d).toMatchObject({ file: 'dqa.json', row: expect.any(Number) });
  });

  it('refuses an unknown indicator, a due date before the assessment and a missing status date, naming each', async () => {
    const [coca, erad] = DEMO_DQA.assessments as [Record<string, unknown>, Record<string, unknown>];
    const details = await problems(
      folderWith({
        assessments: [
          { ...coca, indicator: 'NOPE' },
          { ...erad, actions: [{ text: 'x', owner_name: 'A', due_date: '2015-01-01' }] },
          { ...erad, date: '2016-01-01', actions: [{ text: 'x', owner_name: 'A', due_date: '2016-02-01', status: 'done' }] },
        ],
      }),
    );
    expect(details.map((d) => d.column)).toEqual(['assessments[0].indicator', 'assessments[1].actions[0].due_date', 'assessments[2].actions[0].status_date']);
    expect(details[0]).toMatchObject({ file: 'dqa.json', value: 'NOPE' });
    expect(details[1]?.reason).toMatch(/before the assessment/);
    expect(details[2]?.reason).toMatch(/required/);
    for (const d of details) expect(d.row).toBeGreaterThan(1);
  });

  it('refuses a file that is not JSON', async () => {
    expect(await problems(folderWith('{ "assessments": ['))).toEqual([
      expect.objectContaining({ file: 'dqa.json', reason: expect.stringMatching(/^not valid JSON/) }),
    ]);
  });

  it('names a duplicate assessment of one indicator on one date', async () => {
    const [coca] = DEMO_DQA.assessments as [Record<string, unknown>];
    const details = await problems(folderWith({ assessments: [coca, coca] }));
    expect(details).toEqual([expect.objectContaining({ column: 'assessments[1].date', reason: expect.stringMatching(/same indicator on the same date/) })]);
  });

  // Last: the refusals above rely on the program not being loaded yet.
  it('stores the DQAs with their actions; a second load changes nothing; a changed file updates', async () => {
    const dir = folderWith(DEMO_DQA);
    expect((await loadProgramFolder(t.db, dir)).counts.dqa).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const listed = await listDqas(t.db, 'TP', 'restricted');
    expect(listed.map((d) => [d.indicator, d.date, d.result])).toEqual(
      expect.arrayContaining([
        ['COCA_HA', '2014-03-14', 'partly_met'],
        ['ERAD_HA', '2015-02-10', 'partly_met'],
      ]),
    );
    const eradId = (await t.db.selectFrom('indicator').select('id').where('code', '=', 'ERAD_HA').executeTakeFirstOrThrow()).id;
    const last = await lastDqa(t.db, eradId);
    expect(last?.dqa.actions).toHaveLength(2);
    expect(last?.open_actions.map((a) => a.owner.name)).toEqual(['Data officer']);
    expect((await overdueDqas(t.db, 'TP', 'restricted', '2018-02-10')).map((o) => o.indicator)).toEqual(expect.arrayContaining(['COCA_HA', 'SEIZ_KG']));
    expect((await overdueDqas(t.db, 'TP', 'restricted', '2018-02-10')).map((o) => o.indicator)).not.toContain('ERAD_HA');

    expect((await loadProgramFolder(t.db, dir)).counts.dqa).toEqual({ inserted: 0, updated: 0, unchanged: 2 });

    const changed = structuredClone(DEMO_DQA);
    (changed.assessments[1]!.actions as Array<Record<string, unknown>>)[0]!.status = 'done';
    (changed.assessments[1]!.actions as Array<Record<string, unknown>>)[0]!.status_date = '2015-05-04';
    writeFileSync(join(dir, 'dqa.json'), JSON.stringify(changed));
    expect((await loadProgramFolder(t.db, dir)).counts.dqa).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await lastDqa(t.db, eradId))?.open_actions).toEqual([]);
    expect(await t.db.selectFrom('dqa').selectAll().execute()).toHaveLength(2);
  });
});

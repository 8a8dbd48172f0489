/**
 * Deleting an indicator over the design API is refused (409, naming the user) while anything
 * of the program names it: a validation rule, a record type's roll-up (the program's own type or
 * an active built-in one), a DQA, a report definition, a tracking-table explanation, a
 * life-of-program target or the reporting calendar (issue 17: no data is ever lost). An
 * indicator nothing names is deleted. Real database on the engine under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { actorOf } from '../access/actor.js';
import { loadCatalog } from '../catalog/catalog.repo.js';
import { loadProgramFolder } from '../programs/program-load.service.js';
import { createRule } from '../quality-rules/quality-rules.service.js';
import { upsertReportDefinition } from '../reports/report.repo.js';
import { saveExplanation } from '../tracking/tracking.repo.js';
import { replaceCalendarRows } from '../calendar/calendar.repo.js';
import { deleteIndicator } from './design-delete.service.js';
import { putIndicator } from './design.service.js';

const engine = process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite';
const admin = actorOf({ id: 1, role: 'admin', organisation_id: null, clearance: 'restricted' });
const NOW = '2026-01-15T00:00:00.000Z';

describe(`deleting an indicator that something names (${engine})`, () => {
  let t: TestDb;
  const ids = new Map<string, number>();
  const refused = (code: string, naming: string) =>
    expect(deleteIndicator(t.db, admin, 'RC', code)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining(naming),
      details: [expect.objectContaining({ column: 'indicator', value: code, reason: expect.stringContaining(naming) })],
    });
  const exists = async (code: string) => (await loadCatalog(t.db, 'RC', [])).indicators.has(code);

  beforeAll(async () => {
    t = await createTestDb();
    await loadProgramFolder(t.db, 'test/fixtures/programs/records-custom');
    for (const code of ['X_RULE', 'X_DQA', 'X_REPORT', 'X_TRACK', 'X_LOP', 'X_CAL', 'X_FREE']) {
      await putIndicator(t.db, admin, 'RC', code, {
        component: 'C1',
        name: { en: code, es: code },
        unit: 'count',
        direction: 'up',
        agg_time: 'sum',
        agg_place: 'sum',
        sensitivity: 'public',
        origin: 'reported',
      });
    }
    const catalog = await loadCatalog(t.db, 'RC', []);
    for (const [code, i] of catalog.indicators) ids.set(code, i.id);
    const programId = catalog.program.id;
    const id = (code: string) => ids.get(code) ?? 0;

    await createRule(t.db, admin, 'RC', { code: 'X_WHOLE', kind: 'whole', severity: 'error', indicator: 'X_RULE' });
    await t.db
      .insertInto('dqa')
      .values({ program_id: programId, indicator_id: id('X_DQA'), date: '2025-06-30', assessor_name: 'M&E team', created_at: NOW, updated_at: NOW })
      .execute();
    const definition = {
      code: 'brief',
      title: { en: 'Brief', es: 'Resumen' },
      sections: [{ type: 'table', heading: { en: 'Figures', es: 'Cifras' }, rows: [{ indicator: 'X_REPORT' }], periods: { from: -1, to: 0 } }],
    };
    await upsertReportDefinition(t.db, programId, 'brief', JSON.stringify(definition), 'test');
    await saveExplanation(t.db, id('X_TRACK'), '2012Oct', 'Below target: the season was late', null);
    const place = await t.db.selectFrom('place').select('id').where('program_id', '=', programId).orderBy('level').executeTakeFirstOrThrow();
    await t.db
      .insertInto('target')
      .values({
        indicator_id: id('X_LOP'),
        place_id: place.id,
        period: '2012Oct-2016Sep',
        start_date: '2012-10-01',
        end_date: '2016-09-30',
        source: '',
        disagg: '',
        kind: 'lop_target',
        value: 100,
        provenance: 'sourced',
        note: null,
      })
      .execute();
    const org = await t.db.selectFrom('organisation').select('id').where('program_id', '=', programId).where('code', '=', 'AGRO').executeTakeFirstOrThrow();
    await replaceCalendarRows(t.db, programId, [
      {
        program_id: programId,
        organisation_id: org.id,
        sort: 0,
        indicators: JSON.stringify(['X_CAL']),
        record_types: '[]',
        frequency: 'quarter',
        due_days: 30,
        close_days: null,
        start_date: '2012-01-01',
        end_date: null,
      },
    ]);
  }, 120_000);
  afterAll(() => t.destroy());

  it('refuses while a validation rule names it', () => refused('X_RULE', 'validation rules X_WHOLE'));
  it('refuses while the roll-up of the program’s own record type names it', () => refused('CSC_HA', 'the roll-ups of record types crop_substitution_contract'));
  it('refuses while an active roll-up of a built-in record type names it', () => refused('SEIZ_REC_COCAINE_KG', 'the roll-ups of record types seizure'));
  it('refuses while a DQA assesses it', () => refused('X_DQA', '1 DQA'));
  it('refuses while a report definition names it', () => refused('X_REPORT', 'report definitions brief'));
  it('refuses while the tracking table explains it', () => refused('X_TRACK', '1 tracking-table explanation'));
  it('refuses while a life-of-program target is set for it', () => refused('X_LOP', '1 target (1 life-of-program)'));
  it('refuses while the reporting calendar asks for it', () => refused('X_CAL', 'the reporting calendar of AGRO'));

  it('kept every refused indicator, and deletes one that nothing names', async () => {
    for (const code of ['X_RULE', 'CSC_HA', 'SEIZ_REC_COCAINE_KG', 'X_DQA', 'X_REPORT', 'X_TRACK', 'X_LOP', 'X_CAL']) expect(await exists(code)).toBe(true);
    await deleteIndicator(t.db, admin, 'RC', 'X_FREE');
    expect(await exists('X_FREE')).toBe(false);
  });
});

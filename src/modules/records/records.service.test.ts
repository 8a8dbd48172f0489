import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.js';
import { createMiniProgram } from '../../../test/helpers/mini-program.js';
import { addRecordIndicators } from '../../../test/helpers/record-indicators.js';
import { isVigiaError, type VigiaError } from '../../core/errors.js';
import { queryAnalytics } from '../analytics/analytics.service.js';
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from './records.service.js';
import type { RecordInput } from './record-prepare.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const { programId } = await createMiniProgram(t.db);
  await addRecordIndicators(t.db, programId);
});
afterAll(() => t.destroy());

/** An indicator's total over everything (0 when nothing is there), optionally filtered by disaggregation. */
async function total(indicator: string, disagg?: Record<string, string>, approvedOnly = false): Promise<number> {
  const { rows } = await queryAnalytics(t.db, { program: 'XX', indicators: [indicator], disagg, approvedOnly });
  return rows.reduce((s, r) => s + (r.value ?? 0), 0);
}

async function totals(codes: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of codes) out[c] = Number((await total(c)).toFixed(6));
  return out;
}

async function failure(p: Promise<unknown>): Promise<VigiaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isVigiaError(e)) throw new Error(`expected a VigiaError, got ${String(e)}`);
  return e;
}

interface Case {
  type: string;
  input: RecordInput;
  created: Record<string, number>;
  change: Record<string, unknown>;
  changed: Record<string, number>;
}

const CASES: Case[] = [
  {
    type: 'eradication_operation',
    input: { data: { date: '2012-05-10', place: 'R1D1', crop: 'coca', hectares: '250 ha', agency: 'CORAH', method: 'manual' } },
    created: { ERAD_OPS_HA: 250, ERAD_OPS_N: 1 },
    change: { hectares: '3 km2' },
    changed: { ERAD_OPS_HA: 300, ERAD_OPS_N: 1 },
  },
  {
    type: 'seizure',
    input: {
      data: { date: '2012-03-15', place: 'R1D2', substance: 'cocaine_base', quantity: '1250 lb', agency: 'DIRANDRO', latitude: -9.1, case_reference: 'EXP-1' },
    },
    created: { SEIZ_REC_COCAINE_KG: 566.990463, SEIZ_REC_N: 1, SEIZ_REC_PRECURSOR_T: 0 },
    change: { substance: 'acetone', quantity: { amount: 2, unit: 't' } },
    changed: { SEIZ_REC_COCAINE_KG: 0, SEIZ_REC_N: 1, SEIZ_REC_PRECURSOR_T: 2 },
  },
  {
    type: 'training_event',
    input: {
      data: {
        course: 'Nuevo Código Procesal Penal — módulo 1',
        topic: 'criminal_procedure_code',
        start_date: '2012-08-06',
        end_date: '2012-08-10',
        place: 'R2D1',
        partner: 'CEDRO',
        participants: [
          { role: 'judge', sex: 'f', count: 10 },
          { role: 'judge', sex: 'm', count: 12 },
          { role: 'police', sex: 'm', count: 30 },
        ],
      },
    },
    created: { TRAIN_EVENTS_N: 1, TRAIN_PARTICIPANTS: 52 },
    change: { participants: '[{"role":"judge","sex":"f","count":10},{"role":"judge","sex":"m","count":12}]' },
    changed: { TRAIN_EVENTS_N: 1, TRAIN_PARTICIPANTS: 22 },
  },
  {
    type: 'financial_case',
    input: {
      data: {
        case_type: 'money_laundering',
        opened: '2011-06-01',
        place: 'R2D2',
        currency: 'PEN',
        amount_frozen: 1_500_000,
        amount_forfeited: '250000 PEN',
        stages: [
          { stage: 'investigation', date: '2011-06-01' },
          { stage: 'prosecution', date: '2012-02-01' },
          { stage: 'final_judgment', date: '2013-03-01', outcome: 'conviction' },
        ],
        case_reference: 'EXP-2011-77',
        summary: 'confidential',
      },
    },
    created: { FIN_CASES_N: 1, FIN_STAGES_N: 3, FIN_FROZEN: 1_500_000, FIN_FORFEITED: 250_000 },
    change: { amount_frozen: 2_000_000, stages: [{ stage: 'investigation', date: '2011-06-01' }] },
    changed: { FIN_CASES_N: 1, FIN_STAGES_N: 1, FIN_FROZEN: 2_000_000, FIN_FORFEITED: 250_000 },
  },
  {
    type: 'infrastructure_project',
    input: {
      data: {
        name: 'Escuela de policía de Santa María del Valle',
        kind: 'police_academy',
        place: 'R1D1',
        start_date: '2012-01-15',
        currency: 'USD',
        budget: 6_000_000,
        spent: 2_500_000,
        as_of: '2013-06-30',
        percent_complete: 40,
        phase: 'under_construction',
        milestones: [
          { name: 'design', planned: '2012-03-01', actual: '2012-04-01' },
          { name: 'foundation', planned: '2012-09-01', actual: '2012-11-15' },
          { name: 'roof', planned: '2013-12-01' },
        ],
      },
    },
    created: { INFRA_PROJECTS_N: 1, INFRA_BUDGET: 6_000_000, INFRA_SPENT: 2_500_000, INFRA_MILESTONES_DONE: 2, INFRA_PCT_COMPLETE: 40 },
    change: {
      percent_complete: 75,
      milestones: [
        { name: 'design', actual: '2012-04-01' },
        { name: 'foundation', actual: '2012-11-15' },
        { name: 'roof', actual: '2013-06-20' },
      ],
    },
    changed: { INFRA_PROJECTS_N: 1, INFRA_BUDGET: 6_000_000, INFRA_SPENT: 2_500_000, INFRA_MILESTONES_DONE: 3, INFRA_PCT_COMPLETE: 75 },
  },
  {
    type: 'community_coalition',
    input: { data: { name: 'Coalición Villa El Salvador', place: 'R2D1', founded: '2008-04-12', active: 'true', volunteers: 25, partner: 'CEDRO' } },
    created: { COALITIONS_REC_N: 1, COALITION_VOLUNTEERS: 25 },
    change: { active: false },
    changed: { COALITIONS_REC_N: 0, COALITION_VOLUNTEERS: 0 },
  },
  {
    type: 'treatment_center',
    input: {
      data: {
        name: 'Centro de rehabilitación Ñaña',
        place: 'R2D2',
        opened: '2010-02-01',
        capacity: 40,
        services_for_women: 'sí',
        accredited: true,
        admissions: [
          { period: '2012Q1', count: 30, women: 8 },
          { period: '2012Q2', count: 35, women: 10 },
        ],
      },
    },
    created: { TREAT_CENTERS_N: 1, TREAT_CAPACITY: 40, TREAT_ADMISSIONS: 65, TREAT_ADMISSIONS_WOMEN: 18 },
    change: { capacity: 60, admissions: [{ period: '2012Q1', count: 30 }] },
    changed: { TREAT_CENTERS_N: 1, TREAT_CAPACITY: 60, TREAT_ADMISSIONS: 30, TREAT_ADMISSIONS_WOMEN: 0 },
  },
  {
    type: 'alternative_development',
    input: {
      data: {
        date: '2012-11-30',
        place: 'R1D2',
        families: 120,
        crops: [
          { crop: 'cacao', hectares: 80 },
          { crop: 'coffee', hectares: '500000 m2' },
        ],
      },
    },
    created: { AD_FAMILIES: 120, AD_HA: 130 },
    change: { families: 150 },
    changed: { AD_FAMILIES: 150, AD_HA: 130 },
  },
];

describe(`records service (${process.env.VIGIA_TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  for (const c of CASES) {
    it(`${c.type}: create, update and delete move the indicator totals at once`, async () => {
      const codes = Object.keys(c.created);
      const created = await createRecord(t.db, 'XX', c.type, c.input);
      expect(created.version).toBe(1);
      expect(await totals(codes)).toEqual(c.created);

      const updated = await updateRecord(t.db, 'XX', created.id, { data: c.change }, 1);
      expect(updated.version).toBe(2);
      expect(await totals(codes)).toEqual(c.changed);

      await deleteRecord(t.db, 'XX', created.id, 2);
      expect(await totals(codes)).toEqual(Object.fromEntries(codes.map((k) => [k, 0])));
    });
  }

  it('leaves no emptied fact rows behind', async () => {
    const left = await t.db
      .selectFrom('fact')
      .innerJoin('indicator', 'indicator.id', 'fact.indicator_id')
      .select(['indicator.code', 'fact.n'])
      .where('indicator.origin', '=', 'records')
      .execute();
    expect(left).toEqual([]);
  });

  it('splits by disaggregation and keeps units as entered beside the normalised value', async () => {
    const r = await createRecord(t.db, 'XX', 'training_event', CASES[2]!.input);
    expect(await total('TRAIN_PARTICIPANTS', { role: 'judge' })).toBe(22);
    expect(await total('TRAIN_PARTICIPANTS', { role: 'police', sex: 'm' })).toBe(30);
    const s = await createRecord(t.db, 'XX', 'seizure', {
      data: { date: '2013-01-02', place: 'R1D1', substance: 'cocaine_hcl', quantity: 2500, quantity_unit: 'g' },
    });
    expect(s.data.quantity).toEqual({ value: 2.5, amount: 2500, unit: 'g' });
    expect(await total('SEIZ_REC_COCAINE_KG', { substance: 'cocaine_hcl' })).toBe(2.5);
    await deleteRecord(t.db, 'XX', r.id);
    await deleteRecord(t.db, 'XX', s.id);
  });

  it('counts approved contributions apart from the rest', async () => {
    const r = await createRecord(t.db, 'XX', 'eradication_operation', { data: { date: '2012-06-01', place: 'R2D1', crop: 'coca', hectares: 10 } });
    expect(await total('ERAD_OPS_HA', undefined, true)).toBe(0);
    await updateRecord(t.db, 'XX', r.id, { status: 'approved' });
    expect(await total('ERAD_OPS_HA', undefined, true)).toBe(10);
    expect(await total('ERAD_OPS_HA')).toBe(10);
    await deleteRecord(t.db, 'XX', r.id);
  });

  it('an update that changes nothing keeps the version; a stale version is a conflict', async () => {
    const r = await createRecord(t.db, 'XX', 'community_coalition', { data: { name: 'Comas', place: 'R1D1', founded: '2009-01-01', active: true } });
    const same = await updateRecord(t.db, 'XX', r.id, { data: { active: 'yes' } }, 1);
    expect(same.version).toBe(1);
    await updateRecord(t.db, 'XX', r.id, { data: { volunteers: 5 } }, 1);
    const err = await failure(updateRecord(t.db, 'XX', r.id, { data: { volunteers: 6 } }, 1));
    expect(err.kind).toBe('conflict');
    expect(err.details[0]).toMatchObject({ column: 'version', value: 2 });
    expect(await total('COALITION_VOLUNTEERS')).toBe(5);
    expect((await failure(deleteRecord(t.db, 'XX', r.id, 1))).kind).toBe('conflict');
    await deleteRecord(t.db, 'XX', r.id, 2);
    expect(await total('COALITIONS_REC_N')).toBe(0);
  });

  it('a ref names one record per type', async () => {
    const r = await createRecord(t.db, 'XX', 'seizure', { ref: 'S-1', data: { date: '2012-01-01', place: 'R1D1', substance: 'marijuana', quantity: 3 } });
    const err = await failure(
      createRecord(t.db, 'XX', 'seizure', { ref: 'S-1', data: { date: '2012-01-02', place: 'R1D1', substance: 'marijuana', quantity: 4 } }),
    );
    expect(err.kind).toBe('conflict');
    expect(await total('SEIZ_REC_MARIJUANA_KG')).toBe(3);
    await deleteRecord(t.db, 'XX', r.id);
  });

  describe('bad input: a clear error naming the field, nothing stored', () => {
    const base = { date: '2012-03-15', place: 'R1D2', substance: 'cocaine_base', quantity: '10 kg' };
    const bad: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['a wrong type', { arrests: 'three' }, 'arrests', /whole number/],
      ['an unknown place', { place: 'NOWHERE' }, 'place', /unknown place "NOWHERE"/],
      ['a date out of range', { date: '2999-01-01' }, 'date', /date out of range/],
      ['a date that does not exist', { date: '2012-02-30' }, 'date', /not a date/],
      ['a negative quantity', { quantity: '-5 kg' }, 'quantity', /negative/],
      ['an unknown unit', { quantity: '5 stones' }, 'quantity', /unknown unit "stones".*kg, g, t, lb/],
      ['an unknown substance', { substance: 'unobtainium' }, 'substance', /unknown substance "unobtainium"/],
      ['a missing required field', { quantity: '' }, 'quantity', /required/],
      ['an unknown field', { colour: 'blue' }, 'colour', /unknown field/],
    ];
    for (const [what, change, column, reason] of bad) {
      it(what, async () => {
        const before = await t.db.selectFrom('record').select('id').execute();
        const err = await failure(createRecord(t.db, 'XX', 'seizure', { data: { ...base, ...change } }));
        expect(err.kind).toBe('validation');
        expect(err.details).toHaveLength(1);
        expect(err.details[0]!.column).toBe(column);
        expect(err.details[0]!.reason).toMatch(reason);
        expect(await t.db.selectFrom('record').select('id').execute()).toEqual(before);
        expect(await total('SEIZ_REC_N')).toBe(0);
      });
    }

    it('lists every problem of a record at once, list items by position', async () => {
      const err = await failure(
        createRecord(t.db, 'XX', 'training_event', {
          data: {
            course: 'x',
            topic: 'cooking',
            start_date: '2012-05-10',
            end_date: '2012-05-01',
            place: 'R1D1',
            participants: [{ role: 'judge', sex: 'x', count: -1 }],
          },
        }),
      );
      expect(err.details.map((d) => d.column).sort()).toEqual(['end_date', 'participants[0].count', 'participants[0].sex', 'topic']);
    });

    it('an update that breaks a record is refused and changes nothing', async () => {
      const r = await createRecord(t.db, 'XX', 'seizure', { data: base });
      const err = await failure(updateRecord(t.db, 'XX', r.id, { data: { quantity: '5 stones' } }));
      expect(err.details[0]!.column).toBe('quantity');
      expect((await getRecord(t.db, 'XX', r.id, 'restricted')).version).toBe(1);
      expect(await total('SEIZ_REC_COCAINE_KG')).toBe(10);
      await deleteRecord(t.db, 'XX', r.id);
    });

    it('an unknown record type names the known ones', async () => {
      const err = await failure(createRecord(t.db, 'XX', 'shipwreck', { data: {} }));
      expect(err.kind).toBe('not_found');
      expect(err.message).toMatch(/seizure/);
    });
  });

  describe('sensitivity', () => {
    it('removes restricted fields for a caller without clearance, official ones for the public', async () => {
      const r = await createRecord(t.db, 'XX', 'seizure', {
        data: {
          date: '2012-03-15',
          place: 'R1D2',
          substance: 'cocaine_hcl',
          quantity: 7,
          latitude: -9.12,
          longitude: -75.9,
          case_reference: 'EXP-9',
          operation: 'Halcón',
          arrests: 2,
        },
      });
      const full = await getRecord(t.db, 'XX', r.id, 'restricted');
      expect(full.data).toMatchObject({ latitude: -9.12, longitude: -75.9, case_reference: 'EXP-9', operation: 'Halcón' });
      const official = await getRecord(t.db, 'XX', r.id, 'official');
      expect(official.data).not.toHaveProperty('latitude');
      expect(official.data).not.toHaveProperty('case_reference');
      expect(official.data).toMatchObject({ operation: 'Halcón', arrests: 2, quantity: { value: 7 } });
      expect(official.hidden).toEqual(['latitude', 'longitude', 'case_reference']);
      const pub = await getRecord(t.db, 'XX', r.id, 'public');
      expect(Object.keys(pub.data).sort()).toEqual(['date', 'place', 'quantity', 'substance']);
      const listed = await listRecords(t.db, 'XX', { type: 'seizure', clearance: 'public' });
      expect(listed.items.every((i) => !('case_reference' in i.data))).toBe(true);
      await deleteRecord(t.db, 'XX', r.id);
    });

    it('strips restricted sub-fields of list items', async () => {
      const r = await createRecord(t.db, 'XX', 'financial_case', CASES[3]!.input);
      const pub = await getRecord(t.db, 'XX', r.id, 'public');
      expect(pub.data).not.toHaveProperty('summary');
      expect(pub.data.stages).toEqual([
        { stage: 'investigation', date: '2011-06-01' },
        { stage: 'prosecution', date: '2012-02-01' },
        { stage: 'final_judgment', date: '2013-03-01' },
      ]);
      expect(pub.hidden).toContain('stages.outcome');
      await deleteRecord(t.db, 'XX', r.id);
    });
  });

  it('lists by type, place subtree, date range and status, with paging', async () => {
    const mk = (place: string, date: string) => createRecord(t.db, 'XX', 'eradication_operation', { data: { date, place, crop: 'coca', hectares: 1 } });
    const made = [await mk('R1D1', '2012-01-05'), await mk('R1D2', '2012-02-05'), await mk('R2D1', '2012-03-05'), await mk('R2D2', '2013-01-05')];
    const r1 = await listRecords(t.db, 'XX', { type: 'eradication_operation', place: 'R1', clearance: 'public' });
    expect(r1.items.map((i) => i.place)).toEqual(['R1D1', 'R1D2']);
    const y2012 = await listRecords(t.db, 'XX', {
      type: 'eradication_operation',
      from: '2012-01-01',
      to: '2012-12-31',
      limit: 2,
      offset: 1,
      clearance: 'public',
    });
    expect(y2012.total).toBe(3);
    expect(y2012.items.map((i) => i.date)).toEqual(['2012-02-05', '2012-03-05']);
    expect((await listRecords(t.db, 'XX', { status: 'approved', clearance: 'public' })).total).toBe(0);
    const err = await failure(listRecords(t.db, 'XX', { from: '2012', clearance: 'public' }));
    expect(err.details[0]!.column).toBe('from');
    for (const m of made) await deleteRecord(t.db, 'XX', m.id);
  });
});

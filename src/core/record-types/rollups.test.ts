import { describe, expect, it } from 'vitest';
import { compileRollups, recordContributions, type RollupIndicator } from './rollups.js';
import { validateRecord } from './validate.js';
import { stripFields } from './sensitivity.js';
import { BUILTIN_RECORD_TYPES } from './builtin/index.js';

const ind = (id: number, code: string, dimensions: Record<string, string[]> = {}, origin = 'records', sources: string[] = []): RollupIndicator => ({
  id,
  code,
  origin,
  sources,
  dimensions: new Map(Object.entries(dimensions).map(([k, v]) => [k, new Set(v)])),
});
const ctx = { hasPlace: () => true, hasOrganisation: () => true, hasZone: () => true, today: '2030-01-01' };
const seizure = BUILTIN_RECORD_TYPES.get('seizure')!;
const training = BUILTIN_RECORD_TYPES.get('training_event')!;

describe('roll-ups', () => {
  it('built-in types use what the program declares and say why the rest is inactive', () => {
    const indicators = new Map([
      ['SEIZ_REC_COCAINE_KG', ind(1, 'SEIZ_REC_COCAINE_KG', { substance: ['cocaine_base', 'cocaine_hcl'] })],
      ['SEIZ_REC_N', ind(2, 'SEIZ_REC_N', {}, 'reported')],
      ['SEIZ_REC_PRECURSOR_T', ind(3, 'SEIZ_REC_PRECURSOR_T')],
    ]);
    const { plan, problems } = compileRollups(seizure, (c) => indicators.get(c), false);
    expect(problems).toEqual([]);
    expect(plan.active.map((r) => r.indicator.code)).toEqual(['SEIZ_REC_COCAINE_KG', 'SEIZ_REC_PRECURSOR_T']);
    // The precursor indicator is not split by chemical: that dimension is simply left out.
    expect(plan.active[1]!.disagg).toEqual([]);
    expect(plan.inactive.map((r) => r.reason)).toEqual([
      'the program has no indicator SEIZ_REC_MARIJUANA_KG',
      'SEIZ_REC_N has origin "reported"; roll-ups feed only indicators with origin "records"',
    ]);

    const data = validateRecord(seizure, { date: '2012-03-15', place: 'P', substance: 'cocaine_base', quantity: '3 t' }, ctx).data;
    const { contributions } = recordContributions(plan, data);
    expect(contributions).toEqual([
      {
        indicatorId: 1,
        source: '',
        period: expect.objectContaining({ id: '201203', start: '2012-03-01', end: '2012-03-31' }),
        disagg: 'substance=cocaine_base',
        value: 3000,
      },
    ]);
    const acetone = validateRecord(seizure, { date: '2012-03-15', place: 'P', substance: 'acetone', quantity: '2500 kg' }, ctx).data;
    expect(recordContributions(plan, acetone).contributions).toMatchObject([{ indicatorId: 3, disagg: '', value: 2.5 }]);
  });

  it("a program's own type is held strictly", () => {
    const indicators = new Map([['SEIZ_REC_COCAINE_KG', ind(1, 'SEIZ_REC_COCAINE_KG', {}, 'records', ['A', 'B'])]]);
    const { problems } = compileRollups({ ...seizure, rollups: seizure.rollups.slice(0, 1) }, (c) => indicators.get(c), true);
    expect(problems).toEqual([{ column: 'rollups[0].source', value: undefined, reason: 'SEIZ_REC_COCAINE_KG has several sources (A, B): name one' }]);
  });

  it('walks list items, and reports an option the indicator does not know', () => {
    const indicators = new Map([['TRAIN_PARTICIPANTS', ind(5, 'TRAIN_PARTICIPANTS', { role: ['judge', 'police'], sex: ['f', 'm'] }, 'records', ['S'])]]);
    const { plan } = compileRollups(training, (c) => indicators.get(c), false);
    expect(plan.active[0]!.source).toBe('S');
    const data = validateRecord(
      training,
      {
        course: 'x',
        topic: 'other',
        start_date: '2012-12-31',
        place: 'P',
        participants: [
          { role: 'judge', sex: 'f', count: 3 },
          { role: 'police', sex: 'm', count: 4 },
          { role: 'other', sex: 'm', count: 1 },
        ],
      },
      ctx,
    ).data;
    const r = recordContributions(plan, data);
    expect(r.contributions.map((c) => [c.disagg, c.value])).toEqual([
      ['role=judge;sex=f', 3],
      ['role=police;sex=m', 4],
    ]);
    expect(r.issues).toEqual([
      { column: 'participants[2].role', value: 'other', reason: '"other" is not an option of dimension role of indicator TRAIN_PARTICIPANTS' },
    ]);
  });

  it('strips fields above the clearance, list sub-fields included', () => {
    const finance = BUILTIN_RECORD_TYPES.get('financial_case')!;
    const data = validateRecord(
      finance,
      {
        case_type: 'money_laundering',
        opened: '2012-01-01',
        place: 'P',
        case_reference: 'R',
        stages: [{ stage: 'trial', date: '2012-05-05', outcome: 'conviction' }],
      },
      ctx,
    ).data;
    expect(stripFields(finance, data, 'restricted')).toEqual(data);
    expect(stripFields(finance, data, 'official')).toEqual({
      case_type: 'money_laundering',
      opened: '2012-01-01',
      place: 'P',
      stages: [{ stage: 'trial', date: '2012-05-05', outcome: 'conviction' }],
    });
    expect(stripFields(finance, data, 'public').stages).toEqual([{ stage: 'trial', date: '2012-05-05' }]);
  });
});

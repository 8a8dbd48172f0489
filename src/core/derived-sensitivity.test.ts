import { describe, expect, it } from 'vitest';
import { effectiveSensitivities, rollupSources, sensitivityConflicts, type DerivedIndicator } from './derived-sensitivity.js';
import { parseRecordType } from './record-types/definition.schema.js';
import { compileRollups } from './record-types/rollups.js';

const ind = (
  code: string,
  sensitivity: DerivedIndicator['sensitivity'],
  formula: string | null = null,
  origin = formula ? 'formula' : 'reported',
): DerivedIndicator => ({
  code,
  sensitivity,
  origin,
  formula,
});

describe('effectiveSensitivities', () => {
  it('raises a formula indicator to the most sensitive indicator it names, through chains', () => {
    const e = effectiveSensitivities([
      ind('SECRET', 'restricted'),
      ind('AML', 'official'),
      ind('OPEN', 'public'),
      ind('RATIO', 'public', 'OPEN / AML * 100'),
      ind('LEAK', 'public', 'SECRET + 0'),
      ind('CHAIN', 'public', 'LEAK * 2 + RATIO'),
      ind('PLAIN', 'public', 'OPEN * 2'),
    ]);
    expect(e.get('RATIO')).toEqual({ declared: 'public', effective: 'official', raisedBy: 'AML' });
    expect(e.get('LEAK')?.effective).toBe('restricted');
    expect(e.get('CHAIN')).toEqual({ declared: 'public', effective: 'restricted', raisedBy: 'LEAK' });
    expect(e.get('PLAIN')?.effective).toBe('public');
    expect(e.get('SECRET')?.effective).toBe('restricted');
  });

  it('ends on a cycle, raises an unreadable formula to restricted, and ignores formulas of other origins', () => {
    const e = effectiveSensitivities([
      ind('A', 'public', 'B + 1'),
      ind('B', 'public', 'A + S'),
      ind('S', 'official'),
      ind('BROKEN', 'public', '(('),
      ind('REPORTED', 'public', 'S', 'reported'),
    ]);
    expect(e.get('A')?.effective).toBe('official');
    expect(e.get('B')?.effective).toBe('official');
    expect(e.get('BROKEN')?.effective).toBe('restricted');
    expect(e.get('REPORTED')?.effective).toBe('public');
  });

  it('raises a roll-up indicator to the field it reads', () => {
    const e = effectiveSensitivities(
      [ind('CASES', 'public', null, 'records'), ind('SHARE', 'public', 'CASES / 2')],
      [{ indicator: 'CASES', what: 'field case_reference of record type case', sensitivity: 'restricted' }],
    );
    expect(e.get('CASES')).toEqual({ declared: 'public', effective: 'restricted', raisedBy: 'field case_reference of record type case' });
    expect(e.get('SHARE')?.effective).toBe('restricted');
  });
});

describe('sensitivityConflicts', () => {
  it('names the indicator, its declaration, the input and its sensitivity', () => {
    const conflicts = sensitivityConflicts([
      ind('AML_CASES_N', 'official'),
      ind('PUBLIC_RATIO', 'public', 'AML_CASES_N / 2'),
      ind('OK', 'official', 'AML_CASES_N * 2'),
    ]);
    expect(conflicts).toEqual([
      {
        indicator: 'PUBLIC_RATIO',
        declared: 'public',
        input: 'AML_CASES_N',
        inputSensitivity: 'official',
        reason: 'PUBLIC_RATIO is public but its formula uses AML_CASES_N, which is official: declare it official or more',
      },
    ]);
  });

  it('reports each broken step of a chain, and roll-ups over sensitive fields', () => {
    const conflicts = sensitivityConflicts(
      [ind('S', 'restricted'), ind('MID', 'official', 'S'), ind('TOP', 'public', 'MID'), ind('R', 'official', null, 'records')],
      [{ indicator: 'R', what: 'field latitude of record type seizure', sensitivity: 'restricted' }],
    );
    expect(conflicts.map((c) => c.reason)).toEqual([
      'MID is official but its formula uses S, which is restricted: declare it restricted',
      'TOP is public but its formula uses MID, which is restricted (it is computed from S): declare it restricted',
      'R is official but it is rolled up from the field latitude of record type seizure, which is restricted: declare it restricted',
    ]);
  });
});

describe('rollupSources', () => {
  const def = parseRecordType({
    code: 'case',
    name: { en: 'Case', es: 'Caso' },
    place_field: 'place',
    date_field: 'date',
    fields: [
      { code: 'place', name: { en: 'p', es: 'p' }, type: 'place', required: true },
      { code: 'date', name: { en: 'd', es: 'd' }, type: 'date', required: true },
      { code: 'amount', name: { en: 'a', es: 'a' }, type: 'number', sensitivity: 'official' },
      { code: 'kind', name: { en: 'k', es: 'k' }, type: 'choice', sensitivity: 'restricted', choices: [{ code: 'x', name: { en: 'x', es: 'x' } }] },
      {
        code: 'people',
        name: { en: 'p', es: 'p' },
        type: 'list',
        sensitivity: 'restricted',
        fields: [{ code: 'n', name: { en: 'n', es: 'n' }, type: 'integer' }],
      },
    ],
    rollups: [
      { indicator: 'COUNT', value: { count: true } },
      { indicator: 'AMOUNT', value: { sum: 'amount' } },
      { indicator: 'FILTERED', value: { count: true }, where: { kind: 'x' } },
      { indicator: 'PEOPLE', value: { sum: 'people.n' } },
    ],
  });
  const indicator = (code: string) => ({ id: 1, code, origin: 'records', sources: [], dimensions: new Map() });
  const { plan } = compileRollups(def, indicator, true);

  it('takes the most sensitive field summed, filtered on, or walked', () => {
    expect(rollupSources(def, plan.active).map((r) => [r.indicator, r.sensitivity, r.what])).toEqual([
      ['COUNT', 'public', 'field place of record type case'],
      ['AMOUNT', 'official', 'field amount of record type case'],
      ['FILTERED', 'restricted', 'field kind of record type case'],
      ['PEOPLE', 'restricted', 'field people of record type case'],
    ]);
  });
});

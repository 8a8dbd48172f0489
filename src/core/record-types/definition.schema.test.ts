import { describe, expect, it } from 'vitest';
import { isVigiaError } from '../errors.js';
import { parseRecordType, resolvePath } from './definition.schema.js';
import { BUILTIN_RECORD_TYPES } from './builtin/index.js';

const minimal = {
  code: 'patrol',
  name: { en: 'Patrol', es: 'Patrullaje' },
  place_field: 'place',
  date_field: 'date',
  fields: [
    { code: 'date', name: { en: 'Date', es: 'Fecha' }, type: 'date', required: true },
    { code: 'place', name: { en: 'Place', es: 'Lugar' }, type: 'place', required: true },
    { code: 'km', name: { en: 'Distance', es: 'Distancia' }, type: 'number' },
  ],
  rollups: [{ indicator: 'PATROL_KM', value: { sum: 'km' } }],
};

function problems(json: unknown): string[] {
  try {
    parseRecordType(json, 'patrol.json');
    return [];
  } catch (e) {
    if (!isVigiaError(e)) throw e;
    expect(e.details.every((d) => d.file === 'patrol.json')).toBe(true);
    return e.details.map((d) => `${d.column}: ${d.reason}`);
  }
}

describe('record type definitions', () => {
  it('ships eight built-in types, each valid, each with roll-ups', () => {
    expect([...BUILTIN_RECORD_TYPES.keys()].sort()).toEqual([
      'alternative_development',
      'community_coalition',
      'eradication_operation',
      'financial_case',
      'infrastructure_project',
      'seizure',
      'training_event',
      'treatment_center',
    ]);
    for (const def of BUILTIN_RECORD_TYPES.values()) expect(def.rollups.length).toBeGreaterThan(0);
  });

  it('fills defaults: optional, public, no roll-ups', () => {
    const def = parseRecordType({ ...minimal, rollups: undefined });
    expect(def.fields[2]).toMatchObject({ required: false, sensitivity: 'public' });
    expect(def.rollups).toEqual([]);
  });

  it('names the path of a shape error', () => {
    expect(problems({ ...minimal, fields: [...minimal.fields, { code: 'x', name: { en: 'X', es: 'X' }, type: 'colour' }] })[0]).toMatch(/^fields\[3\]\.type: /);
    expect(problems({ ...minimal, extra: 1 })[0]).toMatch(/extra/);
  });

  it('checks references between fields and roll-ups', () => {
    const bad = {
      ...minimal,
      place_field: 'km',
      fields: [
        ...minimal.fields,
        { code: 'substance', name: { en: 'S', es: 'S' }, type: 'choice' },
        { code: 'weight', name: { en: 'W', es: 'P' }, type: 'quantity' },
        { code: 'amount', name: { en: 'A', es: 'M' }, type: 'quantity', unit: 'currency' },
        { code: 'status', name: { en: 'S', es: 'E' }, type: 'text' },
        { code: 'people', name: { en: 'P', es: 'P' }, type: 'list', fields: [{ code: 'n', name: { en: 'N', es: 'N' }, type: 'integer' }] },
        { code: 'things', name: { en: 'T', es: 'C' }, type: 'list', fields: [{ code: 'k', name: { en: 'K', es: 'K' }, type: 'text' }] },
      ],
      rollups: [
        { indicator: 'A', value: { sum: 'nope' } },
        { indicator: 'B', value: { sum: 'substance' } },
        { indicator: 'C', value: { sum: 'people.n' }, disagg: { kind: 'things.k' } },
      ],
    };
    expect(problems(bad)).toEqual([
      'fields[3].choices: a choice field lists its choices',
      'fields[4].unit: a quantity says what it measures: mass, area, volume or currency',
      'fields[5].currency_field: a currency amount names the choice or text field that holds its currency',
      'fields[6].code: id, ref, type, status, provenance, note, version are columns of every record, not field codes',
      'place_field: must name a field of type place',
      'rollups[0].value.sum: no such field (write field or list.field)',
      'rollups[1].value.sum: must name a field of type integer, number, quantity',
      'rollups[2]: a roll-up may read items of one list only',
    ]);
  });

  it('resolves field paths into lists', () => {
    const training = BUILTIN_RECORD_TYPES.get('training_event')!;
    expect(resolvePath(training, 'participants.role')).toMatchObject({ field: { code: 'role' }, list: { code: 'participants' } });
    expect(resolvePath(training, 'topic')).toMatchObject({ field: { code: 'topic' }, list: null });
    expect(resolvePath(training, 'topic.x')).toBeNull();
    expect(resolvePath(training, 'participants.nope')).toBeNull();
  });
});

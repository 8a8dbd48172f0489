import { describe, expect, it } from 'vitest';
import { checkForm, checkValue, toFormState, toPayload, type FieldDef } from './field-rules';

const field = (code: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  code,
  type,
  name: { en: code, es: code },
  required: false,
  sensitivity: 'public',
  ...extra,
});
const fields: FieldDef[] = [
  field('date', 'date', { required: true, min: '1990-01-01', max: 'today' }),
  field('end', 'date', { not_before: 'date' }),
  field('quantity', 'quantity', { required: true, unit: 'mass' }),
  field('lat', 'number', { min: -90, max: 90 }),
  field('arrests', 'integer', { min: 0 }),
  field('substance', 'choice', { choices: [{ code: 'marijuana', name: { en: 'M', es: 'M' } }] }),
  field('active', 'boolean'),
  field('items', 'list', { fields: [field('count', 'integer', { required: true, min: 0 })] }),
];

describe('record form rules', () => {
  it('mirror the definition: required, ranges, dates, choices, list items', () => {
    const problems = checkForm(
      fields,
      {
        date: '',
        end: '2012-01-01',
        quantity: { amount: '-1', unit: 'kg' },
        lat: '91',
        arrests: '1.5',
        substance: 'heroin',
        active: '',
        items: [{ count: '' }],
      },
      '2020-01-01',
    );
    expect(Object.fromEntries([...problems].map(([k, p]) => [k, p.key]))).toEqual({
      date: 'required',
      quantity: 'negative',
      lat: 'max',
      arrests: 'integer',
      substance: 'choice',
      'items[0].count': 'required',
    });
    expect(checkValue(fields[0]!, '2021-01-01', {}, '2020-01-01')).toEqual({ key: 'dateMax', params: { max: '2020-01-01' } });
    expect(checkValue(fields[1]!, '2011-12-31', { date: '2012-01-01' })?.key).toBe('notBefore');
    expect(checkValue(fields[0]!, '2013-02-30', {})?.key).toBe('date');
  });

  it('turn a stored record into the form and back, typed as the API takes it', () => {
    const state = toFormState(fields, {
      date: '2013-06-15',
      quantity: { value: 200, amount: 0.2, unit: 't' },
      lat: -9.3,
      active: false,
      items: [{ count: 3 }],
    });
    expect(state.quantity).toEqual({ amount: '0.2', unit: 't' });
    expect(state.active).toBe('false');
    const created = toPayload(fields, state, false);
    expect(created).toEqual({ date: '2013-06-15', quantity: { amount: 0.2, unit: 't' }, lat: -9.3, active: false, items: [{ count: 3 }] });
    // Editing: an emptied field is sent as null (cleared); fields not in the form are never sent.
    expect(toPayload(fields, { ...state, lat: '' }, true)).toMatchObject({ lat: null, arrests: null });
    expect(Object.keys(toPayload(fields, state, true))).not.toContain('case_reference');
  });
});

import { describe, expect, it } from 'vitest';
import { emptyForm, formOf, problemsByField, ruleOfForm } from './rule-form';

describe('the validation-rule form', () => {
  it('sends a range with the numbers typed (a comma as decimal mark), leaving out the empty ones', () => {
    const form = { ...emptyForm('ERAD_HA'), code: 'R1', min: '0', max: '1,5', level: '2' };
    expect(ruleOfForm(form)).toEqual({ rule: { code: 'R1', severity: 'error', kind: 'range', indicator: 'ERAD_HA', min: 0, max: 1.5, level: 2 } });
    expect(ruleOfForm({ ...form, max: '', level: '' })).toEqual({ rule: { code: 'R1', severity: 'error', kind: 'range', indicator: 'ERAD_HA', min: 0 } });
  });

  it('names the limits that are not numbers instead of sending them', () => {
    expect(ruleOfForm({ ...emptyForm('X'), code: 'R', min: 'ten', max: '1e3' })).toEqual({ notNumbers: ['min'] });
    expect(ruleOfForm({ ...emptyForm('X'), code: 'R', min: '1.2.3', max: '--1' })).toEqual({ notNumbers: ['min', 'max'] });
  });

  it('sends a whole-number rule and a relation with only their own fields, and the names given', () => {
    const base = { ...emptyForm('TRAIN_PARTICIPANTS'), code: 'W', min: '5', relation: ' A <= B ', name_es: 'Enteros' };
    expect(ruleOfForm({ ...base, kind: 'whole' })).toEqual({
      rule: { code: 'W', severity: 'error', kind: 'whole', indicator: 'TRAIN_PARTICIPANTS', name: { es: 'Enteros' } },
    });
    expect(ruleOfForm({ ...base, kind: 'relation', severity: 'warning' })).toEqual({
      rule: { code: 'W', severity: 'warning', kind: 'relation', relation: 'A <= B', name: { es: 'Enteros' } },
    });
  });

  it('shows a stored rule back as it was sent', () => {
    const rule = { code: 'R1', severity: 'warning', kind: 'range', indicator: 'ERAD_HA', max: 25000, level: 2, name: { en: 'Bound' } } as const;
    const form = formOf(rule);
    expect(form).toMatchObject({ code: 'R1', kind: 'range', severity: 'warning', max: '25000', min: '', level: '2', name_en: 'Bound' });
    expect(ruleOfForm(form)).toEqual({ rule });
  });

  it('puts each server problem beside its field, and the others apart', () => {
    const { byField, other } = problemsByField([
      { column: 'relation', value: 'A <=', reason: 'unexpected end of formula' },
      { column: 'name.es', reason: 'too long' },
      { column: 'max', reason: 'min is above max' },
      { column: '', reason: 'Invalid input' },
    ]);
    expect(byField).toEqual({ relation: ['unexpected end of formula'], name_es: ['too long'], max: ['min is above max'] });
    expect(other).toEqual([{ column: '', reason: 'Invalid input' }]);
  });
});

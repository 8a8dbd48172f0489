import { describe, expect, it } from 'vitest';
import { dimensionBody, indicatorBody, indicatorItemOf, movedOrder, nodeBody, optionsOfText, problemsByField, programBody } from './design-form';

describe('the program-design forms', () => {
  it('reads options one a line (code, English, Spanish), the Spanish name defaulting to the English, blank lines skipped', () => {
    expect(optionsOfText('f, Female, Mujer\n\n m , Male \n')).toEqual([
      { code: 'f', name: { en: 'Female', es: 'Mujer' } },
      { code: 'm', name: { en: 'Male', es: 'Male' } },
    ]);
    expect(dimensionBody({ code: 'sex', name_en: 'Sex', name_es: 'Sexo', options: 'f, Female, Mujer' })).toEqual({
      name: { en: 'Sex', es: 'Sexo' },
      options: [{ code: 'f', name: { en: 'Female', es: 'Mujer' } }],
    });
  });

  it('sends a formula indicator as origin formula, a reported one without a formula', () => {
    const v = {
      code: 'T',
      name_en: 'Total',
      name_es: 'Total',
      unit: 'people',
      component: 'C1',
      direction: 'up',
      agg_time: 'sum',
      dimensions: ['sex'],
      formula: '',
    };
    expect(indicatorBody(v)).toMatchObject({ origin: 'reported', dimensions: ['sex'], component: 'C1', name: { en: 'Total', es: 'Total' } });
    expect(indicatorBody(v)).not.toHaveProperty('formula');
    expect(indicatorBody({ ...v, formula: ' A + B ' })).toMatchObject({ origin: 'formula', formula: 'A + B' });
  });

  it('gives a component its goal, a goal none, and keeps a renamed node’s kind, goal and descriptions', () => {
    expect(nodeBody({ kind: 'goal', parent: 'G1', name_en: 'a', name_es: 'b' })).not.toHaveProperty('parent');
    expect(nodeBody({ kind: 'component', parent: 'G1', name_en: 'a', name_es: 'b' })).toMatchObject({ kind: 'component', parent: 'G1' });
    const node = { code: 'C1', kind: 'component', parent: 'G1', name_en: 'a', name_es: 'b', description_en: 'd', retired: false } as const;
    expect(nodeBody({ name_en: 'new', name_es: 'nuevo' }, node)).toEqual({
      kind: 'component',
      parent: 'G1',
      name_en: 'new',
      name_es: 'nuevo',
      description_en: 'd',
      description_es: '',
    });
  });

  it('sends a program with its country and currency in capitals and the month as a number', () => {
    expect(programBody({ code: 'CO', name_en: 'Colombia', name_es: 'Colombia', country: 'co', fiscal_year_start_month: '10', currency: 'usd' })).toEqual({
      code: 'CO',
      name: { en: 'Colombia', es: 'Colombia' },
      country: 'CO',
      fiscal_year_start_month: 10,
      currency: 'USD',
    });
  });

  it('places the server’s problems beside the field they name, the rest apart', () => {
    const { byField, other } = problemsByField(
      [
        { column: 'code', value: 'DS', reason: 'duplicate code' },
        { column: 'name.es', reason: 'required' },
        { column: 'options[1].code', value: 'x y', reason: 'not a code' },
        { column: 'sensitivity', reason: 'odd' },
      ],
      ['code', 'name_es', 'options'],
    );
    expect(byField).toEqual({ code: ['DS: duplicate code'], name_es: ['required'], options: ['x y: not a code'] });
    expect(other).toEqual([{ column: 'sensitivity', reason: 'odd' }]);
  });

  it('sends a stored indicator back without its code, retired mark and null fields', () => {
    expect(indicatorItemOf({ code: 'T', name: { en: 'a', es: 'b' }, formula: null, decimals: null, unit: 'ha', retired: false })).toEqual({
      name: { en: 'a', es: 'b' },
      unit: 'ha',
    });
  });

  it('moves a goal among goals and a component among its goal’s components, not past the ends', () => {
    const node = (code: string, kind: 'goal' | 'component', parent: string | null = null) => ({
      code,
      kind,
      parent,
      name_en: code,
      name_es: code,
      retired: false,
    });
    const framework = [node('G1', 'goal'), node('C1', 'component', 'G1'), node('C2', 'component', 'G1'), node('G2', 'goal'), node('C3', 'component', 'G2')];
    expect(movedOrder(framework, 'G2', -1)).toEqual(['G2', 'C1', 'C2', 'G1', 'C3']);
    expect(movedOrder(framework, 'C1', 1)).toEqual(['G1', 'C2', 'C1', 'G2', 'C3']);
    expect(movedOrder(framework, 'C3', -1)).toBeNull();
    expect(movedOrder(framework, 'G1', -1)).toBeNull();
  });
});

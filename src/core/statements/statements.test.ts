import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods.js';
import { comparisonStatement, type ComparisonInput } from './comparison.js';
import { valueStatement } from './latest.js';
import { countStatement } from './count.js';
import { noProjectStatement, projectStatusStatement } from './project-status.js';
import { betweenPeriods, inPeriod } from './period-phrase.js';

const NBSP = '\u00a0';
const y = (id: string) => parsePeriod(id);

const eradication = (from: number | null, to: number | null, extra: Partial<ComparisonInput> = {}): ComparisonInput => ({
  name: { en: 'Coca eradicated', es: 'Coca erradicada' },
  unit: 'ha',
  decimals: 0,
  direction: 'up',
  from: { period: y('2011'), value: from },
  to: { period: y('2012'), value: to },
  ...extra,
});

describe('comparisonStatement', () => {
  it('words a rise with a whole percent, both values and the unit', () => {
    const en = comparisonStatement(eradication(10_290, 14_171), 'en');
    expect(en.text).toBe('Coca eradicated increased by 38 percent between 2011 and 2012, from 10,290 to 14,171 hectares.');
    expect(en.tone).toBe('good');
    expect(comparisonStatement(eradication(10_290, 14_171), 'es').text).toBe(
      `Coca erradicada aumentó un 38${NBSP}% entre 2011 y 2012, de 10${NBSP}290 a 14${NBSP}171 hectáreas.`,
    );
  });

  it('words a fall, and knows when a fall is good news', () => {
    const coca = eradication(62_500, 60_400, { name: { en: 'Coca under cultivation', es: 'Superficie de coca' }, direction: 'down' });
    const en = comparisonStatement(coca, 'en');
    expect(en.text).toBe('Coca under cultivation decreased by 3 percent between 2011 and 2012, from 62,500 to 60,400 hectares.');
    expect(en.tone).toBe('good');
    expect(comparisonStatement(coca, 'es').text).toContain(`disminuyó un 3${NBSP}%`);
    expect(comparisonStatement(eradication(14_171, 10_290), 'en').tone).toBe('bad');
  });

  it('rounds a change of exactly .5 percent away from zero, up and down', () => {
    expect(comparisonStatement(eradication(200, 201), 'en').text).toContain('by 1 percent'); // +0.5 %
    expect(comparisonStatement(eradication(200, 199), 'en').text).toContain('decreased by 1 percent'); // -0.5 %
    expect(comparisonStatement(eradication(1_000, 1_125), 'en').text).toContain('by 13 percent'); // +12.5 %
    expect(comparisonStatement(eradication(1_000, 875), 'es').text).toContain(`disminuyó un 13${NBSP}%`); // -12.5 %
    expect(comparisonStatement(eradication(1_000, 1_124), 'en').text).toContain('by 12 percent'); // +12.4 %
  });

  it('gives no percent of a zero base: "from 0 to N"', () => {
    const s = eradication(0, 25);
    expect(comparisonStatement(s, 'en').text).toBe('Coca eradicated increased from 0 to 25 hectares between 2011 and 2012.');
    expect(comparisonStatement(s, 'es').text).toBe('Coca erradicada aumentó de 0 a 25 hectáreas entre 2011 y 2012.');
  });

  it('says "unchanged" when the values are equal as shown, and "less than 1 percent" for a tiny change', () => {
    expect(comparisonStatement(eradication(14_171, 14_171.2), 'en').text).toBe('Coca eradicated was unchanged at 14,171 hectares between 2011 and 2012.');
    expect(comparisonStatement(eradication(14_171, 14_171), 'es').text).toBe(`Coca erradicada se mantuvo en 14${NBSP}171 hectáreas entre 2011 y 2012.`);
    expect(comparisonStatement(eradication(0, 0), 'en').tone).toBe('neutral');
    expect(comparisonStatement(eradication(100_000, 100_300), 'en').text).toContain('increased by less than 1 percent');
  });

  it('says which period has no data instead of inventing a change', () => {
    const en = comparisonStatement(eradication(null, 14_171), 'en');
    expect(en).toEqual({ text: 'No data on coca eradicated are available for 2011.', tone: 'neutral', available: false });
    expect(comparisonStatement(eradication(null, null), 'es').text).toBe('No hay datos disponibles de coca erradicada para 2011 ni para 2012.');
  });

  it('names the source only when the indicator has several', () => {
    const one = comparisonStatement(eradication(10_290, 14_171), 'en').text;
    expect(one).not.toContain('source');
    const several = eradication(49_500, 50_500, {
      name: { en: 'Coca under cultivation', es: 'Superficie cultivada de coca' },
      source: { en: 'US government estimate', es: 'estimación del gobierno de los EE. UU.' },
    });
    expect(comparisonStatement(several, 'en').text).toBe(
      'Coca under cultivation increased by 2 percent between 2011 and 2012, from 49,500 to 50,500 hectares; source: US government estimate.',
    );
    expect(comparisonStatement(several, 'es').text).toMatch(/; fuente: estimación del gobierno de los EE\. UU\.$/);
  });

  it('names fiscal years, places and disaggregations', () => {
    const fy = eradication(575, 1_053, {
      name: { en: 'Precursor chemicals seized', es: 'Insumos químicos incautados' },
      unit: 't',
      place: { en: 'Huánuco', es: 'Huánuco' },
      disagg: { en: 'Police', es: 'Policía' },
      from: { period: y('2011Oct'), value: 575 },
      to: { period: y('2012Oct'), value: 1_053 },
    });
    expect(comparisonStatement(fy, 'en').text).toBe(
      'Precursor chemicals seized (police) in Huánuco increased by 83 percent between fiscal years 2012 and 2013, from 575 to 1,053 metric tons.',
    );
    expect(comparisonStatement(fy, 'es').text).toBe(
      'Insumos químicos incautados (policía) en Huánuco aumentó un 83\u00a0% entre los años fiscales 2012 y 2013, de 575 a 1053 toneladas.',
    );
  });

  it('writes figures of 100 or more as whole numbers in a sentence, small ones with their decimals', () => {
    const precursors = eradication(575.4, 1_053, { name: { en: 'Precursor seizures', es: 'Incautación de insumos' }, unit: 't', decimals: 1 });
    expect(comparisonStatement(precursors, 'en').text).toContain('from 575 to 1,053 metric tons');
    const small = eradication(12.6, 18.5, { name: { en: 'Cocaine base seized', es: 'PBC incautada' }, unit: 't', decimals: 1 });
    expect(comparisonStatement(small, 'es').text).toContain('de 12,6 a 18,5 toneladas');
  });

  it('writes decimals and currencies the way each language does', () => {
    const money = eradication(1_250_000.5, 2_500_000.25, { name: { en: 'Assets frozen', es: 'Activos congelados' }, unit: 'USD', decimals: 2 });
    expect(comparisonStatement(money, 'en').text).toContain('from US$1,250,000.50 to US$2,500,000.25');
    expect(comparisonStatement(money, 'es').text).toContain(`de US$1${NBSP}250${NBSP}000,50 a US$2${NBSP}500${NBSP}000,25`);
  });
});

describe('period phrases', () => {
  it('names calendar and fiscal years, quarters and months', () => {
    expect(inPeriod(y('2012Oct'), 'en')).toBe('in fiscal year 2013');
    expect(inPeriod(y('2012Oct'), 'es')).toBe('en el año fiscal 2013');
    expect(inPeriod(y('2012Q3'), 'es')).toBe('en el tercer trimestre de 2012');
    expect(betweenPeriods(y('201207'), y('201208'), 'en')).toBe('between July 2012 and August 2012');
  });
});

describe('valueStatement', () => {
  it('states one figure with its period and source', () => {
    const input = {
      name: { en: 'Coca under cultivation', es: 'Superficie cultivada de coca' },
      unit: 'ha',
      decimals: 0,
      direction: 'down' as const,
      source: { en: 'US government estimate', es: 'estimación del gobierno de los EE. UU.' },
      at: { period: y('2011'), value: 49_500 },
    };
    expect(valueStatement(input, 'en').text).toBe('Coca under cultivation stood at 49,500 hectares in 2011; source: US government estimate.');
    expect(valueStatement(input, 'es').text).toBe(
      `Superficie cultivada de coca se situó en 49${NBSP}500 hectáreas en 2011; fuente: estimación del gobierno de los EE. UU.`,
    );
    expect(valueStatement({ ...input, at: { period: y('2011'), value: null } }, 'en').available).toBe(false);
  });
});

describe('countStatement', () => {
  const coalitions = (n: number | null, step?: number) => ({
    name: { en: 'community anti-drug coalitions', es: 'coaliciones comunitarias antidrogas' },
    unit: 'count',
    decimals: 0,
    direction: 'up' as const,
    at: { period: y('2012'), value: n },
    step,
  });
  it('rounds a count down to a threshold', () => {
    expect(countStatement(coalitions(53), 'en').text).toBe('In 2012 there were more than 50 community anti-drug coalitions.');
    expect(countStatement(coalitions(53), 'es').text).toBe('En 2012 había más de 50 coaliciones comunitarias antidrogas.');
    expect(countStatement(coalitions(1_234), 'es').text).toBe('En 2012 había más de 1000 coaliciones comunitarias antidrogas.');
    expect(countStatement(coalitions(57, 5), 'en').text).toContain('more than 55');
  });
  it('states a round count exactly, and a missing one as missing', () => {
    expect(countStatement(coalitions(50), 'en').text).toBe('In 2012 there were 50 community anti-drug coalitions.');
    expect(countStatement(coalitions(null), 'en').text).toBe('No data on community anti-drug coalitions are available for 2012.');
  });
});

describe('projectStatusStatement', () => {
  const academy = {
    name: { en: 'Santa María del Valle', es: 'Santa María del Valle' },
    kind: { en: 'police academy', es: 'escuela de policía' },
    genderEs: 'f' as const,
    ordinal: 4,
    status: 'under_construction',
    percentComplete: 60,
    asOf: y('2012'),
  };
  it('names the ordinal, the status and the percent complete at the end of the period', () => {
    expect(projectStatusStatement(academy, 'en').text).toBe(
      'At the end of 2012, the fourth police academy, Santa María del Valle, was under construction, 60 percent complete.',
    );
    expect(projectStatusStatement(academy, 'es').text).toBe(
      `Al cierre de 2012, la cuarta escuela de policía, Santa María del Valle, estaba en construcción, con un avance del 60${NBSP}%.`,
    );
  });
  it('leaves the percent out once the work is done, and agrees in gender', () => {
    const station = {
      ...academy,
      kind: { en: 'model police station', es: 'comisaría modelo' },
      ordinal: 1,
      status: 'completed',
      percentComplete: 100,
      asOf: y('2012Oct'),
    };
    expect(projectStatusStatement(station, 'es').text).toBe(
      'Al cierre del año fiscal 2013, la primera comisaría modelo, Santa María del Valle, estaba terminada.',
    );
    const post = { ...station, kind: { en: 'checkpoint', es: 'puesto de control' }, genderEs: 'm' as const, ordinal: 3 };
    expect(projectStatusStatement(post, 'es').text).toBe(
      'Al cierre del año fiscal 2013, el tercer puesto de control, Santa María del Valle, estaba terminado.',
    );
    expect(projectStatusStatement({ ...academy, ordinal: null, percentComplete: null }, 'en').text).toBe(
      'At the end of 2012, the police academy Santa María del Valle was under construction.',
    );
  });
  it('says so when no project of the kind has started', () => {
    expect(noProjectStatement(academy.kind, 'f', y('2012Oct'), 'en')).toEqual({
      text: 'No police academy is recorded up to fiscal year 2013.',
      tone: 'neutral',
      available: false,
    });
    expect(noProjectStatement({ en: 'checkpoint', es: 'puesto de control' }, 'm', y('2012'), 'es').text).toBe(
      'No hay ningún puesto de control registrado hasta 2012.',
    );
  });
});

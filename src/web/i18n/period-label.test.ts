import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { periodLabeller } from './period-label';
import { resources } from './resources';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: resources('en'), es: resources('es') },
  lng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initImmediate: false,
} as Parameters<typeof i18n.init>[0]);

describe('periodLabeller', () => {
  const en = periodLabeller('short', 'en', i18n.getFixedT('en', 'common'));
  const es = periodLabeller('short', 'es', i18n.getFixedT('es', 'common'));
  const full = periodLabeller('full', 'en', i18n.getFixedT('en', 'common'));

  it('names years, quarters and months for tables and pickers', () => {
    expect(['2012', '2012Q3', '201207'].map(en)).toEqual(['2012', 'Q3 2012', 'Jul 2012']);
    expect(es('2012Q3')).toBe('T3 2012');
  });

  it('names a fiscal year of any start month for the year it ends in', () => {
    expect(['2012Oct', '2012April', '2012July', '2012Nov', '2012Jan'].map(en)).toEqual(['FY2013', 'FY2013', 'FY2013', 'FY2013', 'FY2012']);
    expect(es('2012Oct')).toBe('AF2013');
  });

  it('gives a report its own names, with the months of a fiscal year', () => {
    expect(['2012', '2012Q4', '2012Oct', '2012July'].map(full)).toEqual(['2012', '2012 Q4', 'FY2013 (Oct 2012 – Sep 2013)', 'FY2013 (Jul 2012 – Jun 2013)']);
  });

  it('leaves what is not a period as it is', () => {
    expect(en('soon')).toBe('soon');
  });
});

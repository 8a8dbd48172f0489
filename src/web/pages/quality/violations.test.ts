import { describe, expect, it } from 'vitest';
import { entryLink, flagsWithin } from './violations';

const flag = (period: string, indicator = 'ERAD_HA') => ({ indicator, place: 'PE-05', period, disagg: '', source: '' });

describe('open warnings on the data quality page', () => {
  it('keeps the values within a fiscal year and of an indicator', () => {
    const flags = [flag('201210'), flag('201309'), flag('201310'), flag('2013Q1', 'COCA_HA'), flag('2013')];
    expect(flagsWithin(flags, '2012Oct', '').map((f) => f.period)).toEqual(['201210', '201309', '2013Q1']);
    expect(flagsWithin(flags, '2012Oct', 'ERAD_HA').map((f) => f.period)).toEqual(['201210', '201309']);
    expect(flagsWithin(flags, '', '')).toHaveLength(5);
  });
  it('links to the data-entry grid that shows the value', () => {
    expect(entryLink({ ...flag('2013Q2'), disagg: 'sex=f', source: 'USG' }, 2)).toBe(
      '/entry?indicator=ERAD_HA&type=quarter&from=2013&to=2013&level=2&disagg=sex%3Df&source=USG',
    );
    expect(entryLink(flag('2012Oct'), undefined)).toBe('/entry?indicator=ERAD_HA');
  });
});

import { describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-50m.json';
import { COUNTRY_NUMERIC, countryNumeric } from './country-codes';

describe('country codes', () => {
  it('names a country of the atlas for every code of the table', () => {
    const ids = new Set((atlas as unknown as { objects: { countries: { geometries: { id: string }[] } } }).objects.countries.geometries.map((g) => g.id));
    const missing = Object.entries(COUNTRY_NUMERIC).filter(([, id]) => !ids.has(id));
    expect(missing).toEqual([]);
    expect(countryNumeric('PE')).toBe('604');
    expect(countryNumeric('co')).toBe('170');
    expect(countryNumeric('XX')).toBeUndefined();
    expect(countryNumeric(undefined)).toBeUndefined();
  });
});

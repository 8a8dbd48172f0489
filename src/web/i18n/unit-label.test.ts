/** Units reach the reader as words of their language, never as the unit code stored with the indicator. */
import { describe, expect, it } from 'vitest';
import { unitName, withUnit } from './unit-label';

describe('unit names', () => {
  it("names a unit in the reader's language, not by its code", () => {
    expect(unitName('ha', 'es')).toBe('hectáreas');
    expect(unitName('ha', 'en')).toBe('hectares');
    expect(unitName('kg', 'es')).toBe('kilogramos');
    expect(unitName('t', 'en')).toBe('metric tons');
    // The finding: "Unidad: count".
    expect(unitName('count', 'es')).toBe('número');
    expect(unitName('count', 'en')).toBe('number');
    expect(unitName('%', 'es')).toBe('porcentaje');
  });

  it('keeps currency codes and units it has no word for, and says nothing for no unit', () => {
    expect(unitName('USD', 'es')).toBe('USD');
    expect(unitName('doses', 'es')).toBe('doses');
    expect(unitName(undefined, 'en')).toBe('');
  });

  it('writes a value with its unit word, singular for exactly one, counts bare', () => {
    expect(withUnit('3,509', 3509, 'ha', 'en')).toBe('3,509 hectares');
    expect(withUnit('1', 1, 'ha', 'es')).toBe('1 hectárea');
    expect(withUnit('12', 12, 'count', 'es')).toBe('12');
    expect(withUnit('12.5', 12.5, '%', 'en')).toBe('12.5%');
  });
});

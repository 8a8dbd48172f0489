import { describe, expect, it } from 'vitest';
import { dimensionNames } from './dimension-names';

const dims = [
  {
    code: 'substance',
    name_en: 'Substance',
    name_es: 'Sustancia',
    options: [
      { code: 'cocaine_base', name_en: 'Cocaine base (PBC)', name_es: 'Pasta básica de cocaína' },
      { code: 'unnamed', name_en: '', name_es: '' },
    ],
  },
  { code: 'sex', name_en: 'Sex', name_es: 'Sexo', options: [{ code: 'f', name_en: 'Female', name_es: 'Mujer' }] },
];

describe('dimension names', () => {
  it('names dimensions and options in the language asked for', () => {
    expect(dimensionNames(dims, 'es').option('substance', 'cocaine_base')).toBe('Pasta básica de cocaína');
    expect(dimensionNames(dims, 'en').dimension('sex')).toBe('Sex');
    expect(dimensionNames(dims, 'es').disagg('sex=f;substance=cocaine_base')).toBe('Sexo: Mujer; Sustancia: Pasta básica de cocaína');
  });

  it('falls back to the code: unknown dimension or option, an empty name, nothing loaded yet', () => {
    const en = dimensionNames(dims, 'en');
    expect(en.option('substance', 'unnamed')).toBe('unnamed');
    expect(en.option('substance', 'heroin')).toBe('heroin');
    expect(en.dimension('agency')).toBe('agency');
    expect(dimensionNames(undefined, 'en').disagg('substance=cocaine_base')).toBe('substance: cocaine_base');
    expect(en.disagg('')).toBe('');
  });
});

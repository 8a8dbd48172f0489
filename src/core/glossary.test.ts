/** Every glossary term has both languages, and no glossary word is itself a rejected synonym. */
import { describe, expect, it } from 'vitest';
import { GLOSSARY, rejectedWords, termLabel, type Term } from './glossary.js';

describe('glossary', () => {
  it.each(Object.keys(GLOSSARY))('%s has English and Spanish', (term) => {
    const t = GLOSSARY[term as Term];
    expect(t.en.trim()).not.toBe('');
    expect(t.es.trim()).not.toBe('');
    expect(rejectedWords(t.es, t.en)).toEqual([]);
  });

  it('uses one Spanish word per thing', () => {
    expect(GLOSSARY.seizure.es).toBe('incautación');
    expect(GLOSSARY.period.es).toBe('período');
    expect(termLabel('baseline', 'es')).toBe('Línea de base');
  });

  it('rejects the synonyms it replaces, and forfeiture keeps its own word', () => {
    expect(rejectedWords('Periodo')).toHaveLength(1);
    expect(rejectedWords('los periodos')).toHaveLength(1);
    expect(rejectedWords('Período')).toEqual([]);
    expect(rejectedWords('Cocaína decomisada', 'Cocaine seized')).toHaveLength(1);
    expect(rejectedWords('Monto decomisado', 'Amount forfeited')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { rejectedWords } from '../../core/glossary';
import { NAMESPACES } from './resources';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('labels', () => {
  it.each(Object.keys(NAMESPACES))('namespace %s has the same keys in English and Spanish, none empty', (ns) => {
    const labels = NAMESPACES[ns as keyof typeof NAMESPACES] as { en: object; es: object };
    expect(keyPaths(labels.es).sort()).toEqual(keyPaths(labels.en).sort());
    for (const side of [labels.en, labels.es]) {
      for (const path of keyPaths(side)) {
        const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], side);
        expect(typeof v === 'string' && v.trim() !== '', `${ns}.${path}`).toBe(true);
      }
    }
  });
});

describe('vocabulary', () => {
  it.each(Object.keys(NAMESPACES))('namespace %s uses the glossary words in Spanish', (ns) => {
    const labels = NAMESPACES[ns as keyof typeof NAMESPACES] as { en: object; es: object };
    const at = (side: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], side);
    const problems = keyPaths(labels.es).flatMap((path) => {
      const es = at(labels.es, path);
      const en = at(labels.en, path);
      return typeof es === 'string' ? rejectedWords(es, typeof en === 'string' ? en : undefined).map((w) => `${ns}.${path}: ${w}`) : [];
    });
    expect(problems).toEqual([]);
  });
});

describe('page help', () => {
  it.each(Object.keys(NAMESPACES).filter((ns) => ns !== 'common'))('page %s explains itself in both languages', (ns) => {
    const labels = NAMESPACES[ns as keyof typeof NAMESPACES] as { en: { help?: unknown }; es: { help?: unknown } };
    for (const side of [labels.en, labels.es]) expect(typeof side.help === 'string' && side.help.length > 20, `${ns}.help`).toBe(true);
    expect(labels.es.help).not.toBe(labels.en.help);
  });
});

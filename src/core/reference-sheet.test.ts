import { describe, expect, it } from 'vitest';
import {
  applyReferencePatch,
  completenessPercent,
  definitionChanges,
  MAX_REFERENCE_TEXT,
  referenceChanges,
  referenceCompleteness,
  REQUIRED_PIRS_FIELDS,
  type DefinitionSnapshot,
} from './reference-sheet.js';
import { referenceSheetSchema } from './reference-sheet.schema.js';

const def = { unit: 'ha', sources: ['USG'], origin: 'reported' } as const;

describe('referenceCompleteness', () => {
  it('counts required fields filled in either language, the unit and sources from the definition', () => {
    expect(referenceCompleteness({}, def)).toEqual({
      filled: 2,
      required: REQUIRED_PIRS_FIELDS.length,
      missing: REQUIRED_PIRS_FIELDS.filter((f) => f !== 'unit' && f !== 'sources'),
      untranslated: [],
    });
    const c = referenceCompleteness(
      { definition: { en: 'Hectares', es: 'Hectáreas' }, rationale: { en: 'Why' }, notes: { en: 'optional' }, responsible_person: { user_id: 3 } },
      { unit: 'ha', sources: [], origin: 'reported' },
    );
    expect(c.filled).toBe(4);
    expect(c.missing).toContain('sources');
    expect(c.missing).not.toContain('rationale');
    expect(c.untranslated).toEqual(['rationale']);
  });

  it('takes the data source as filled when the indicator names sources, is computed, or the sheet describes it', () => {
    const none = { unit: 'ha', sources: [], origin: 'reported' } as const;
    expect(referenceCompleteness({}, none).missing).toContain('sources');
    expect(referenceCompleteness({}, { ...none, origin: 'formula' }).missing).not.toContain('sources');
    expect(referenceCompleteness({}, { ...none, origin: 'records' }).missing).not.toContain('sources');
    expect(referenceCompleteness({ data_source: { es: 'Informes de CORAH' } }, none).missing).not.toContain('sources');
  });

  it('takes blank text for empty', () => {
    expect(referenceCompleteness({ definition: { en: '  ', es: '' }, responsible_person: { name: ' ' } }, def).missing).toEqual(
      expect.arrayContaining(['definition', 'responsible_person']),
    );
  });

  it('adds sheets up for a program', () => {
    expect(
      completenessPercent([
        { filled: 13, required: 13 },
        { filled: 0, required: 13 },
      ]),
    ).toEqual({ filled: 13, required: 26, percent: 50 });
    expect(completenessPercent([])).toEqual({ filled: 0, required: 0, percent: 100 });
  });
});

describe('applyReferencePatch and the changes it makes', () => {
  it('changes the languages given, clears a field with null and a language with an empty text', () => {
    const sheet = { definition: { en: 'A', es: 'B' }, notes: { en: 'n' } };
    const next = applyReferencePatch(sheet, { definition: { es: ' C ' }, notes: null, rationale: { en: '' }, responsible_person: { name: ' Ana ' } });
    expect(next).toEqual({ definition: { en: 'A', es: 'C' }, responsible_person: { name: 'Ana' } });
    expect(referenceChanges(sheet, next)).toEqual([
      { field: 'definition', before: { en: 'A', es: 'B' }, after: { en: 'A', es: 'C' } },
      { field: 'notes', before: { en: 'n' }, after: null },
      { field: 'responsible_person', before: null, after: { name: 'Ana' } },
    ]);
    expect(applyReferencePatch(next, { definition: { en: '', es: '' } })).toEqual({ responsible_person: { name: 'Ana' } });
  });

  it('finds the definition fields that changed', () => {
    const a: DefinitionSnapshot = { unit: 'ha', agg_time: 'sum', agg_place: 'sum', disaggregations: [], sources: ['A'], formula: null };
    expect(definitionChanges(a, { ...a })).toEqual([]);
    expect(definitionChanges(a, { ...a, unit: 'km2', sources: ['A', 'B'] })).toEqual([
      { field: 'unit', before: 'ha', after: 'km2' },
      { field: 'sources', before: ['A'], after: ['A', 'B'] },
    ]);
  });
});

describe('referenceSheetSchema', () => {
  const problems = (v: unknown) => {
    const r = referenceSheetSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };
  it('takes texts up to 10,000 characters with line breaks, a user or a name', () => {
    expect(problems({ definition: { en: 'x'.repeat(MAX_REFERENCE_TEXT), es: 'a\nb\tc' }, responsible_person: { user_id: 1 } })).toEqual([]);
    expect(problems({ responsible_person: { name: 'Ana' } })).toEqual([]);
  });
  it('names each bad field: too long, control characters, unknown fields and languages, a person both or neither', () => {
    expect(problems({ definition: { en: 'x'.repeat(MAX_REFERENCE_TEXT + 1) } })).toEqual(['definition.en']);
    expect(problems({ notes: { es: 'nul\u0000' } })).toEqual(['notes.es']);
    expect(problems({ notes: { fr: 'non' } })).toEqual(['notes']);
    expect(problems({ definiton: { en: 'typo' } })).toEqual(['']);
    expect(problems({ responsible_person: { user_id: 1, name: 'both' } })).toEqual(['responsible_person']);
  });
});

import { describe, expect, it } from 'vitest';
import { validateRecord, type RecordContext } from './validate.js';
import { BUILTIN_RECORD_TYPES } from './builtin/index.js';
import { normaliseUnit, toCanonical } from './units.js';

const ctx: RecordContext = {
  hasPlace: (c) => ['PE', 'PE-HUC'].includes(c),
  hasOrganisation: (c) => c === 'DIRANDRO',
  hasZone: (c) => c === 'VRAEM',
  today: '2013-06-30',
};
const seizure = BUILTIN_RECORD_TYPES.get('seizure')!;
const finance = BUILTIN_RECORD_TYPES.get('financial_case')!;
const training = BUILTIN_RECORD_TYPES.get('training_event')!;
const columns = (r: { issues: { column?: string }[] }) => r.issues.map((i) => i.column);

describe('units', () => {
  it('converts to the canonical unit once, exactly where it should be exact', () => {
    expect(toCanonical('mass', 2.5, 't')).toBe(2500);
    expect(toCanonical('mass', 1, 'lb')).toBe(0.45359237);
    expect(toCanonical('area', 500_000, 'm2')).toBe(50);
    expect(normaliseUnit('mass', 'Kilos')).toBe('kg');
    expect(normaliseUnit('mass', 'ha')).toBeNull();
    expect(normaliseUnit('currency', 'pen')).toBe('PEN');
  });
});

describe('validateRecord', () => {
  it('normalises CSV text and JSON values to the same data', () => {
    const fromCsv = validateRecord(
      seizure,
      { date: '2012-03-15', place: 'PE-HUC', substance: 'cocaine_base', quantity: '2', quantity_unit: 't', arrests: '3', agency: 'DIRANDRO' },
      ctx,
    );
    const fromJson = validateRecord(
      seizure,
      { date: '2012-03-15', place: 'PE-HUC', substance: 'cocaine_base', quantity: { amount: 2, unit: 't' }, arrests: 3, agency: 'DIRANDRO' },
      ctx,
    );
    expect(fromCsv.issues).toEqual([]);
    expect(fromCsv.data).toEqual(fromJson.data);
    expect(fromCsv.data.quantity).toEqual({ value: 2000, amount: 2, unit: 't' });
    // Normalised data validates to itself: updates re-validate stored records safely.
    expect(validateRecord(seizure, fromCsv.data, ctx).data).toEqual(fromCsv.data);
  });

  it('reports every problem, each naming its field', () => {
    const r = validateRecord(
      seizure,
      { date: '2013-07-01', place: 'LIMA', substance: 'tea', quantity: '-1 kg', arrests: 1.5, agency: 'X', latitude: 200 },
      ctx,
    );
    expect(r.issues).toEqual([
      { column: 'date', value: '2013-07-01', reason: 'date out of range: after 2013-06-30 (today)' },
      { column: 'place', value: 'LIMA', reason: 'unknown place "LIMA"' },
      { column: 'agency', value: 'X', reason: 'unknown organisation "X"' },
      { column: 'substance', value: 'tea', reason: expect.stringMatching(/^unknown substance "tea": use one of cocaine_base, /) },
      { column: 'arrests', value: 1.5, reason: 'not a whole number' },
      { column: 'latitude', value: 200, reason: 'must be at most 90' },
      { column: 'quantity', value: '-1 kg', reason: 'must not be negative' },
    ]);
  });

  it('reads currency amounts in the currency of the record and never converts them', () => {
    const ok = validateRecord(
      finance,
      { case_type: 'asset_forfeiture', opened: '2012-01-01', place: 'PE', currency: 'USD', amount_frozen: 1000, amount_forfeited: '500 usd' },
      ctx,
    );
    expect(ok.issues).toEqual([]);
    expect(ok.data.amount_forfeited).toEqual({ value: 500, amount: 500, unit: 'USD' });
    const wrong = validateRecord(finance, { case_type: 'asset_forfeiture', opened: '2012-01-01', place: 'PE', currency: 'USD', amount_frozen: '10 PEN' }, ctx);
    expect(wrong.issues[0]).toMatchObject({ column: 'amount_frozen', reason: "the amount is in PEN but the record's currency is USD" });
    const none = validateRecord(finance, { case_type: 'asset_forfeiture', opened: '2012-01-01', place: 'PE', amount_frozen: 10 }, ctx);
    expect(none.issues[0]).toMatchObject({ column: 'amount_frozen', reason: 'needs its currency in field "currency"' });
  });

  it('validates list items by position, from arrays or JSON text', () => {
    const base = { course: 'NCPP', topic: 'criminal_procedure_code', start_date: '2012-05-02', place: 'PE' };
    expect(validateRecord(training, { ...base, participants: '[{"role":"judge","sex":"f","count":"4"}]' }, ctx).data.participants).toEqual([
      { role: 'judge', sex: 'f', count: 4 },
    ]);
    expect(
      columns(
        validateRecord(
          training,
          {
            ...base,
            participants: [
              { role: 'judge', sex: 'f', count: 1 },
              { role: 'bishop', count: 1, hat: 1 },
            ],
          },
          ctx,
        ),
      ),
    ).toEqual(['participants[1].hat', 'participants[1].role', 'participants[1].sex']);
    expect(validateRecord(training, { ...base, participants: '[{' }, ctx).issues[0]!.reason).toMatch(/JSON array/);
  });

  it('checks dates against each other and booleans in English and Spanish', () => {
    const base = { course: 'NCPP', topic: 'other', start_date: '2012-05-02', place: 'PE' };
    expect(columns(validateRecord(training, { ...base, end_date: '2012-05-01' }, ctx))).toEqual(['end_date']);
    const coalition = BUILTIN_RECORD_TYPES.get('community_coalition')!;
    const c = (active: unknown) => validateRecord(coalition, { name: 'x', place: 'PE', founded: '2010-01-01', active }, ctx);
    expect(c('Sí').data.active).toBe(true);
    expect(c('no').data.active).toBe(false);
    expect(c('maybe').issues[0]).toMatchObject({ column: 'active', reason: 'not yes/no: write true or false' });
  });
});

import { describe, expect, it } from 'vitest';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { compatible, dimensionsFor, exportHref, filterParams, needsSourceChoice, readState, totalsAcross, TOTAL_KEY } from './explorer-params';
import { buildPivot, cellKey, headerCompare, NONE, pivotFigures, sortRows, type PivotHeader } from './pivot';

const indicator = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name_en: code,
  name_es: code,
  unit: 'ha',
  direction: 'up',
  agg_time: 'sum',
  agg_place: 'sum',
  dimensions: {},
  formula: null,
  decimals: 0,
  origin: 'reported',
  sensitivity: 'public',
  sources: [],
  targets: [],
  ...extra,
});
const row = (place: string, period: string | undefined, value: number | null): AnalyticsRow => ({
  indicator: 'X',
  place: { code: place, name: `Name ${place}`, level: 2 },
  ...(period ? { period } : {}),
  value,
  provenance: ['sourced'],
  unapproved: false,
  coverage: null,
  marks: [],
});

describe('explorer state', () => {
  const list = [indicator('ERAD_HA'), indicator('COCA_HA', { sources: ['UNODC', 'USG'] }), indicator('SEIZ', { dimensions: { substance: ['a', 'b'] } })];
  const dims = (i: Indicator | undefined) => dimensionsFor(i, [1, 2, 3], 'period:fy-oct');

  it('defaults to ERAD_HA by departments and years, and drops what the indicator lacks', () => {
    const s = readState(new URLSearchParams(''), list, dims);
    expect([s.indicator, s.rows, s.cols]).toEqual(['ERAD_HA', 'place-level:2', 'period:year']);
    const bad = readState(new URLSearchParams('indicator=ERAD_HA&rows=disagg:substance&cols=place-level:2&source=USG&from=20x'), list, dims);
    expect([bad.rows, bad.cols, bad.source, bad.from]).toEqual(['place-level:2', 'period:year', '', '']);
  });

  it('opens on the indicator with data when the address names none, and keeps one it names', () => {
    expect(readState(new URLSearchParams(''), list, dims, 'SEIZ').indicator).toBe('SEIZ');
    expect(readState(new URLSearchParams('indicator=COCA_HA'), list, dims, 'SEIZ').indicator).toBe('COCA_HA');
    expect(readState(new URLSearchParams('indicator=NOPE'), list, dims, 'SEIZ').indicator).toBe('SEIZ');
    expect(readState(new URLSearchParams(''), list, dims, undefined).indicator).toBe('ERAD_HA');
  });

  it('never pairs two place levels or two period types', () => {
    expect(compatible('place-level:2', 'place-level:3')).toBe(false);
    expect(compatible('period:year', 'period:fy-oct')).toBe(false);
    expect(compatible('disagg:sex', 'disagg:role')).toBe(true);
    expect(compatible('source', 'period:year')).toBe(true);
  });

  it('asks for a source when several would be mixed, and never totals across sources', () => {
    const coca = list[1];
    expect(needsSourceChoice(coca, { rows: 'period:year', cols: '', source: '' })).toBe(true);
    expect(needsSourceChoice(coca, { rows: 'period:year', cols: '', source: 'USG' })).toBe(false);
    expect(needsSourceChoice(coca, { rows: 'period:year', cols: 'source', source: '' })).toBe(false);
    expect(needsSourceChoice(list[0], { rows: 'period:year', cols: '', source: '' })).toBe(false);
    expect(totalsAcross(coca, { source: '' }, 'source')).toBe(false);
    expect(totalsAcross(coca, { source: '' }, 'period:year')).toBe(true);
  });

  it('exports the same grouping and filters', () => {
    const s = readState(new URLSearchParams('indicator=ERAD_HA&from=2008&to=2013&zone=VRAEM'), list, dims);
    const href = exportHref('PE', 'csv', s, 'es');
    expect(href.startsWith('/api/programs/PE/exports/csv?')).toBe(true);
    const q = new URLSearchParams(href.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({ indicator: 'ERAD_HA', by: 'place-level:2,period:year', from: '2008', to: '2013', zone: 'VRAEM', lang: 'es' });
  });

  it('keeps "approved data only" in the address, the analytics calls and the export', () => {
    const s = readState(new URLSearchParams('indicator=ERAD_HA&approved=true'), list, dims);
    expect(filterParams(s)).toEqual({ approved: 'true' });
    expect(new URLSearchParams(exportHref('PE', 'csv', s, 'en').split('?')[1]).get('approved')).toBe('true');
    expect(filterParams(readState(new URLSearchParams('indicator=ERAD_HA&approved=yes'), list, dims))).toEqual({});
  });
});

describe('pivot', () => {
  const pivot = buildPivot('place-level:2', 'period:year', {
    cells: [row('A', '2012', 5), row('B', '2012', 9), row('C', '2013', 1), row('B', '2013', null)],
    rowTotals: [row('A', undefined, 5), row('B', undefined, 9), row('C', undefined, 1)],
    colTotals: [{ indicator: 'X', period: '2012', value: 7, provenance: ['derived'], unapproved: false, coverage: null, marks: ['derived'] }],
    grand: [{ indicator: 'X', value: 3, provenance: ['sourced'], unapproved: false, coverage: null, marks: [] }],
  });
  const byName = headerCompare('place-level:2', (h: PivotHeader) => h.name ?? h.key, 'en');
  const keys = (hs: PivotHeader[]) => hs.map((h) => h.key);

  it('takes totals from the server as they are (an average is not the sum of its cells)', () => {
    expect(pivot.colTotals.get('2012')?.value).toBe(7);
    expect(pivot.grand?.value).toBe(3);
    expect(pivot.colTotals.get('2012')?.marks).toEqual(['derived']);
    expect(pivotFigures(pivot).flatMap((v) => v.marks)).toEqual(['derived']);
    expect(pivot.cells.get(cellKey('B', '2013'))?.value).toBeNull();
  });

  it('sorts by a column with empty cells last, either way', () => {
    expect(keys(sortRows(pivot, '2012', 'desc', byName))).toEqual(['B', 'A', 'C']);
    expect(keys(sortRows(pivot, '2012', 'asc', byName))).toEqual(['A', 'B', 'C']);
    expect(keys(sortRows(pivot, TOTAL_KEY, 'desc', byName))).toEqual(['B', 'A', 'C']);
    expect(keys(sortRows(pivot, '', 'desc', byName))).toEqual(['C', 'B', 'A']);
  });

  it('keeps the unapproved flag of every cell and total, even when two rows share a key', () => {
    const draft = (r: AnalyticsRow): AnalyticsRow => ({ ...r, unapproved: true });
    const p = buildPivot('place-level:2', '', {
      // No column dimension: both rows of A land on one cell.
      cells: [draft(row('A', '2012', 5)), row('A', '2013', 2), row('B', '2012', 9)],
      rowTotals: [draft(row('A', undefined, 7)), row('B', undefined, 9)],
      colTotals: [],
      grand: [draft(row('X', undefined, 16))],
    });
    expect([p.cells.get(cellKey('A', ''))?.unapproved, p.cells.get(cellKey('B', ''))?.unapproved]).toEqual([true, false]);
    expect([p.rowTotals.get('A')?.unapproved, p.rowTotals.get('B')?.unapproved, p.grand?.unapproved]).toEqual([true, false, true]);
  });

  it('puts values not split by a dimension after the options', () => {
    const p = buildPivot('disagg:substance', '', {
      cells: [
        { indicator: 'X', disagg: { substance: null }, value: 1, provenance: [], unapproved: false, coverage: null, marks: [] },
        { indicator: 'X', disagg: { substance: 'b' }, value: 2, provenance: [], unapproved: false, coverage: null, marks: [] },
      ],
      rowTotals: [],
      colTotals: [],
      grand: [],
    });
    expect(
      keys(
        sortRows(
          p,
          '',
          'asc',
          headerCompare('disagg:substance', (h) => h.key, 'en'),
        ),
      ),
    ).toEqual(['b', NONE]);
  });
});

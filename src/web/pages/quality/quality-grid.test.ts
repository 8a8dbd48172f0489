/** The heat map's cells and the completeness and timeliness figures, counted by hand from a few reports. */
import { describe, expect, it } from 'vitest';
import { qualityGrid, reopenable, reportsOf, type ReportLike } from './quality-grid';

const r = (organisation: string, period: string, status: ReportLike['status'], indicators = ['A'], closed = false): ReportLike => ({
  organisation,
  period,
  indicators,
  status,
  closed,
  reopened: false,
});

const reports = [
  r('X', '2012Oct', 'late', ['B']),
  r('X', '2013Q3', 'on_time'),
  r('X', '2013Q3', 'missing', ['B'], true),
  r('X', '2012Q4', 'on_time'),
  r('Y', '2012Q4', 'late'),
  r('Y', '2013Q4', 'not_due'),
];

describe('qualityGrid', () => {
  it('orders periods in time, a quarter before the fiscal year that ends with it', () => {
    expect(qualityGrid(reports).periods).toEqual(['2012Q4', '2013Q3', '2012Oct', '2013Q4']);
    expect(qualityGrid(reports).organisations).toEqual(['X', 'Y']);
  });

  it('sums a cell up as the server does: missing over everything, then not due, then late', () => {
    const g = qualityGrid(reports);
    expect(g.cell('X', '2013Q3')).toEqual({ expected: 2, submitted: 1, on_time: 1, status: 'missing' });
    expect(g.cell('Y', '2012Q4')?.status).toBe('late');
    expect(g.cell('Y', '2013Q3')).toBeUndefined();
  });

  it('counts completeness and timeliness per organisation and for the program', () => {
    const g = qualityGrid(reports);
    expect(g.byOrganisation.get('X')).toEqual({ expected: 4, submitted: 3, on_time: 2, completeness: 0.75, timeliness: 0.5 });
    expect(g.byOrganisation.get('Y')).toEqual({ expected: 2, submitted: 1, on_time: 0, completeness: 0.5, timeliness: 0 });
    expect(g.program).toEqual({ expected: 6, submitted: 4, on_time: 2, completeness: 0.6667, timeliness: 0.3333 });
    expect(g.byPeriod.get('2012Q4')).toEqual({ expected: 2, submitted: 2, on_time: 1, completeness: 1, timeliness: 0.5 });
    expect(g.byPeriod.get('2013Q4')).toEqual({ expected: 1, submitted: 0, on_time: 0, completeness: 0, timeliness: 0 });
    expect(qualityGrid([]).program.completeness).toBeNull();
  });

  it('filters by indicator and lists the closed periods once', () => {
    expect(reportsOf(reports, 'B').map((x) => x.period)).toEqual(['2012Oct', '2013Q3']);
    expect(reportsOf(reports, '')).toHaveLength(6);
    expect(reopenable(reports)).toEqual([{ organisation: 'X', period: '2013Q3' }]);
  });
});

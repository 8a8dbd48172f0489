/**
 * The four analytics calls behind a pivot: cells (rows × columns), row totals (rows only),
 * column totals (columns only) and the grand total. Keys start with 'analytics' so that any
 * data write (invalidateData) refreshes the pivot.
 */
import { useQueries } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { AnalyticsRow } from '../../api/types';
import { filterParams, type ExplorerState } from './explorer-params';

export interface PivotData {
  cells: AnalyticsRow[];
  rowTotals: AnalyticsRow[];
  colTotals: AnalyticsRow[];
  grand: AnalyticsRow[];
}

/**
 * `totals.rows`: whether to ask for the totals of each row (across the columns); `totals.cols`:
 * of each column (across the rows). Across several sources there is no total, so none is asked.
 */
export function usePivotData(program: string, s: ExplorerState, enabled: boolean, totals: { rows: boolean; cols: boolean }) {
  const filters = filterParams(s);
  const groupings = [[s.rows, s.cols], [s.rows], [s.cols], []].map((g) => g.filter(Boolean).join(','));
  const wanted = [true, totals.rows, totals.cols, totals.rows && totals.cols];
  const results = useQueries({
    queries: groupings.map((by, i) => ({
      queryKey: ['analytics', 'explorer', program, s.indicator, by, filters] as const,
      queryFn: () =>
        ok(api.GET('/api/analytics', { params: { query: { program, indicator: s.indicator, ...(by ? { by } : {}), ...filters } } })).then((r) => r.rows),
      enabled: enabled && program !== '' && s.indicator !== '' && wanted[i] === true,
    })),
  });
  const used = results.filter((_, i) => wanted[i]);
  const [cells, rowTotals, colTotals, grand] = results.map((r, i) => (wanted[i] ? r.data : []));
  const data: PivotData | undefined = cells && rowTotals && colTotals && grand ? { cells, rowTotals, colTotals, grand } : undefined;
  return {
    data,
    pending: used.some((r) => r.isPending),
    error: used.find((r) => r.error)?.error ?? null,
  };
}

/**
 * Which indicator the explorer opens on when the address names none: the first, in the
 * program's order, with a value the reader may see in the opening rows (`rows`, the first
 * sub-national level), so that the first view is not an empty table. One analytics call with
 * every indicator grouped by those rows; the server applies the reader's clearance and approval
 * scope as for any other read. Indicators with a single source come first: they show a table at
 * once, without a choice of source.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Indicator } from '../../api/types';

export function useOpeningIndicator(program: string, indicators: readonly Indicator[], rows: string | undefined, wanted: boolean) {
  const codes = indicators.map((i) => i.code);
  const totals = useQuery({
    queryKey: ['analytics', 'explorer-opening', program, codes, rows] as const,
    queryFn: () =>
      ok(api.GET('/api/analytics', { params: { query: { program, indicator: codes.join(','), ...(rows ? { by: rows } : {}) } } })).then((r) => r.rows),
    enabled: wanted && program !== '' && codes.length > 0 && rows !== undefined,
    staleTime: Infinity,
  });
  const withData = new Set((totals.data ?? []).filter((r) => r.value !== null).map((r) => r.indicator));
  const candidates = indicators.filter((i) => withData.has(i.code));
  const opening = candidates.find((i) => i.sources.length <= 1) ?? candidates[0];
  // Still asking: the page waits rather than showing another indicator first. On failure it opens on the first.
  return { code: opening?.code, pending: wanted && codes.length > 0 && rows !== undefined && totals.isPending && !totals.error };
}

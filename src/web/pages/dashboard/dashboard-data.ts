/**
 * The data behind the dashboard: the readable indicators and one analytics query for all cards
 * and charts. Both refetch every 15 s and on window focus, so values saved by others appear
 * without a reload; the query key starts with 'analytics', so `invalidateData` refreshes it at once.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { AnalyticsRow, Indicator } from '../../api/types';
import { useProgram } from '../../app/program';
import { keys, usePlaces } from '../../app/queries';
import type { DashboardFilters } from './dashboard-filters';
import { approvedQuery } from '../../app/approved-only';
import { LIVE_INTERVAL } from '../../app/live';
import { CULTIVATION, TREND_INDICATORS, cardDefs, yearToPeriod, type CardDef } from './dashboard-stats';

export { LIVE_INTERVAL };

export type Audience = 'internal' | 'public';

export interface DashboardData {
  cards: CardDef[];
  trends: Indicator[];
  cultivation: Indicator | undefined;
  rows: AnalyticsRow[];
  /** The place whose targets apply: the chosen one, or the program's root; none for a zone. */
  targetPlace: string;
  pending: boolean;
  error: unknown;
  updatedAt: number;
}

export function useDashboardData(filters: DashboardFilters, audience: Audience): DashboardData {
  const { code: program } = useProgram();
  const indicatorsQuery = useQuery({
    queryKey: keys.indicators(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/indicators', { params: { path: { program } } })).then((r) => r.indicators),
    enabled: program !== '',
    refetchInterval: LIVE_INTERVAL,
    refetchOnWindowFocus: true,
  });
  const places = usePlaces(program);
  // The public page shows public indicators only, even to a signed-in reader with more clearance.
  const indicators = (indicatorsQuery.data ?? []).filter((i) => audience === 'internal' || i.sensitivity === 'public');
  const cards = cardDefs(indicators);
  const codes = [...new Set([...cards.map((c) => c.indicator.code), ...TREND_INDICATORS, CULTIVATION].filter((c) => indicators.some((i) => i.code === c)))];
  const by = `source,period:${filters.kind === 'fiscal' ? 'fy-oct' : 'year'}`;
  const query = {
    program,
    indicator: codes.join(','),
    by,
    ...(filters.zone ? { zone: filters.zone } : {}),
    ...(filters.place ? { place: filters.place } : {}),
    ...(filters.from ? { from: yearToPeriod(Number(filters.from), filters.kind) } : {}),
    ...(filters.to ? { to: yearToPeriod(Number(filters.to), filters.kind) } : {}),
    ...approvedQuery(audience === 'public' || filters.approved),
    // Each row says how much of its period is reported: headlines default to complete periods.
    coverage: 'true' as const,
  };
  const analytics = useQuery({
    queryKey: ['analytics', 'dashboard', query],
    queryFn: () => ok(api.GET('/api/analytics', { params: { query } })).then((r) => r.rows),
    enabled: program !== '' && codes.length > 0,
    refetchInterval: LIVE_INTERVAL,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
  const root = (places.data ?? []).find((p) => p.parent === null)?.code ?? program;
  return {
    cards,
    trends: TREND_INDICATORS.map((c) => indicators.find((i) => i.code === c)).filter((i): i is Indicator => i !== undefined),
    cultivation: indicators.find((i) => i.code === CULTIVATION),
    rows: analytics.data ?? [],
    targetPlace: filters.zone ? '' : filters.place || root,
    pending: indicatorsQuery.isPending || (codes.length > 0 && analytics.isPending),
    error: indicatorsQuery.error ?? analytics.error,
    updatedAt: analytics.dataUpdatedAt,
  };
}

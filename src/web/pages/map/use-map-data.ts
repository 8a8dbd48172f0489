/**
 * What the map shows, from the URL (indicator, source, period, place level, calendar or fiscal
 * year) with sensible defaults, and the analytics rows of that choice: one value per place of
 * the level, for one period. By default the latest COMPLETE period (issue 14): a period not
 * every place has reported, or not over, is shown only when chosen, and then carries its coverage.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { AnalyticsRow, Indicator, Place } from '../../api/types';
import { useProgram } from '../../app/program';
import { useIndicators, usePlaces } from '../../app/queries';
import { useQueryParams } from '../../app/router';
import { defaultPeriod, partialAfter, type Coverage } from './map-period';
import { APPROVED_PARAM, approvedOnlyIn, approvedQuery } from '../../app/approved-only';

export type YearKind = 'calendar' | 'fiscal';

export type { Coverage };

export interface MapChoice {
  indicator: Indicator | undefined;
  /** The source, when the indicator has several (they are never added together). */
  source: string;
  level: number;
  kind: YearKind;
  period: string;
  /** Approved data only (`approved=true` in the address). */
  approved: boolean;
}

/** What the map's filters change in the address. */
export type MapChange = 'indicator' | 'source' | 'level' | 'year' | 'period' | 'approved';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

interface AnalyticsQuery {
  program: string;
  indicator: string;
  by: string;
  source?: string;
  from?: string;
  to?: string;
  coverage?: 'true';
  approved?: 'true';
}

function analytics(query: AnalyticsQuery): Promise<AnalyticsRow[]> {
  return ok(api.GET('/api/analytics', { params: { query } })).then((r) => r.rows);
}

/** Place levels below the country that have places with coordinates. */
export function mappableLevels(places: readonly Place[]): number[] {
  const levels = new Set(places.filter((p) => p.level >= 2 && p.lat !== null && p.lon !== null).map((p) => p.level));
  return [...levels].sort((a, b) => a - b);
}

export function useMapData() {
  const { code, program } = useProgram();
  const [params, setParams] = useQueryParams();
  const indicators = useIndicators(code);
  const places = usePlaces(code);
  const all = indicators.data ?? [];

  const levels = mappableLevels(places.data ?? []);
  const asked = Number(params.get('level'));
  const level = levels.includes(asked) ? asked : levels.includes(2) ? 2 : (levels[0] ?? 2);

  const fiscalMonth = program?.fiscal_year_start_month ?? 1;
  const fiscalAllowed = fiscalMonth !== 1;
  const kind: YearKind = fiscalAllowed && params.get('year') === 'fiscal' ? 'fiscal' : 'calendar';
  const periodBy = kind === 'fiscal' ? `period:fy-${MONTHS[fiscalMonth - 1] ?? 'oct'}` : 'period:year';
  const approved = approvedOnlyIn(params);
  const approvedParam = approvedQuery(approved);

  // Which indicators have any value at this level: one query for all of them.
  const codes = all.map((i) => i.code).join(',');
  const coverage = useQuery({
    queryKey: ['analytics', code, 'map-coverage', level, codes, approved],
    queryFn: () => analytics({ program: code, indicator: codes, by: `place-level:${level}`, ...approvedParam }),
    enabled: code !== '' && codes !== '',
  });
  const withData = new Set((coverage.data ?? []).filter((r) => r.value !== null).map((r) => r.indicator));

  const askedIndicator = all.find((i) => i.code === params.get('indicator'));
  const coverageLoading = coverage.isPending && coverage.fetchStatus !== 'idle';
  const indicator = askedIndicator ?? (coverageLoading ? undefined : (all.find((i) => withData.has(i.code)) ?? all[0]));
  const sources = indicator && indicator.sources.length > 1 ? indicator.sources : [];
  const askedSource = params.get('source') ?? '';
  const source = sources.includes(askedSource) ? askedSource : (sources[0] ?? '');
  const sourceParam: { source?: string } = source ? { source } : {};

  const periodsQuery = useQuery({
    queryKey: ['analytics', code, 'map-periods', indicator?.code, source, level, periodBy, approved],
    queryFn: () => analytics({ program: code, indicator: indicator!.code, by: `place-level:${level},${periodBy}`, ...sourceParam, ...approvedParam }),
    enabled: code !== '' && indicator !== undefined,
  });
  const periods = [...new Set((periodsQuery.data ?? []).filter((r) => r.value !== null && r.period).map((r) => r.period!))].sort();
  // Each period's coverage over the whole program: which periods are partial.
  const coverageQuery = useQuery({
    queryKey: ['analytics', code, 'map-period-coverage', indicator?.code, source, periodBy, approved],
    queryFn: () => analytics({ program: code, indicator: indicator!.code, by: periodBy, coverage: 'true', ...sourceParam, ...approvedParam }),
    enabled: code !== '' && indicator !== undefined,
  });
  const periodCoverage = new Map<string, Coverage>((coverageQuery.data ?? []).filter((r) => r.period).map((r) => [r.period!, r.coverage ?? null]));
  const period = defaultPeriod(periods, periodCoverage, params.get('period') ?? '');
  const laterPartial = partialAfter(periods, periodCoverage, period);

  const values = useQuery({
    queryKey: ['analytics', code, 'map-values', indicator?.code, source, level, periodBy, period, approved],
    queryFn: () =>
      analytics({
        program: code,
        indicator: indicator!.code,
        by: `place-level:${level},${periodBy}`,
        from: period,
        to: period,
        ...sourceParam,
        ...approvedParam,
      }),
    enabled: code !== '' && indicator !== undefined && period !== '',
  });
  const rows = (values.data ?? []).filter((r) => r.place && (r.period === undefined || r.period === period));

  const choice: MapChoice = { indicator, source, level, kind, period, approved };
  const pending =
    indicators.isPending ||
    places.isPending ||
    (indicator === undefined && coverageLoading) ||
    (indicator !== undefined && (periodsQuery.isPending || coverageQuery.isPending)) ||
    (period !== '' && values.isPending);
  const error = indicators.error ?? places.error ?? periodsQuery.error ?? coverageQuery.error ?? values.error;
  return {
    choice,
    indicators: all,
    withData,
    places: places.data ?? [],
    levels,
    sources,
    periods,
    /** Coverage of each period over the whole program (null: unknown, counted as complete). */
    periodCoverage,
    /** The latest partial period after the one shown, left out by default ('' when none). */
    laterPartial,
    fiscalAllowed,
    rows,
    pending,
    error,
    /**
     * Changes the choice in the URL. The period stays when the new choice has data for it (else
     * the latest is shown); a new indicator starts at its first source.
     */
    update(changes: Partial<Record<MapChange, string>>) {
      const { approved, ...rest } = changes;
      setParams({
        ...(changes.indicator ? { source: undefined } : {}),
        ...(changes.year ? { period: undefined } : {}),
        ...rest,
        ...(approved !== undefined ? { [APPROVED_PARAM]: approved === 'true' ? 'true' : undefined } : {}),
      });
    },
  };
}

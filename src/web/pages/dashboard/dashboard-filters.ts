/** The dashboard's filters, kept in the query string so a filtered view can be bookmarked and shared. */
import { useQueryParams } from '../../app/router';
import { APPROVED_PARAM, approvedOnlyIn } from '../../app/approved-only';
import type { YearKind } from './dashboard-stats';

export interface DashboardFilters {
  zone: string;
  place: string;
  /** Years as typed (calendar or fiscal year numbers, per `kind`). */
  from: string;
  to: string;
  kind: YearKind;
  /** '1' when the reader asked for partial periods in the headlines (see dashboard-stats `latest`). */
  partial: string;
  /** Approved data only (internal dashboard; the public one always is). */
  approved: boolean;
}

const YEAR = /^\d{4}$/;

export function useDashboardFilters(): [DashboardFilters, (changes: Partial<Record<keyof DashboardFilters, string>>) => void] {
  const [query, set] = useQueryParams();
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const filters: DashboardFilters = {
    zone: query.get('zone') ?? '',
    place: query.get('place') ?? '',
    from: YEAR.test(from) ? from : '',
    to: YEAR.test(to) ? to : '',
    kind: query.get('year') === 'fiscal' ? 'fiscal' : 'calendar',
    partial: query.get('partial') === '1' ? '1' : '',
    approved: approvedOnlyIn(query),
  };
  const update = (changes: Partial<Record<keyof DashboardFilters, string>>) => {
    const { kind, approved, ...rest } = changes;
    set({
      ...rest,
      ...(kind !== undefined ? { year: kind === 'fiscal' ? 'fiscal' : undefined } : {}),
      ...(approved !== undefined ? { [APPROVED_PARAM]: approved === 'true' ? 'true' : undefined } : {}),
    });
  };
  return [filters, update];
}

/** The grid's choices, kept in the query string so a grid can be bookmarked and shared. */
import { useQueryParams } from '../../app/router';
import { PERIOD_TYPES, type PeriodType } from './periods';

export interface EntryParams {
  indicator: string;
  type: PeriodType | undefined;
  from: number | undefined;
  to: number | undefined;
  level: number | undefined;
  source: string;
  disagg: string;
  organisation: string;
}

const year = (s: string | null) => (s && /^\d{4}$/.test(s) ? Number(s) : undefined);

export function useEntryParams(): [EntryParams, (changes: Partial<Record<keyof EntryParams, string | undefined>>) => void] {
  const [query, set] = useQueryParams();
  const type = query.get('type');
  const level = query.get('level');
  const params: EntryParams = {
    indicator: query.get('indicator') ?? '',
    type: PERIOD_TYPES.find((t) => t === type),
    from: year(query.get('from')),
    to: year(query.get('to')),
    level: level && /^\d{1,2}$/.test(level) ? Number(level) : undefined,
    source: query.get('source') ?? '',
    disagg: query.get('disagg') ?? '',
    organisation: query.get('org') ?? '',
  };
  const change = (changes: Partial<Record<keyof EntryParams, string | undefined>>) => {
    const { organisation, ...rest } = changes;
    set({ ...rest, ...('organisation' in changes ? { org: organisation } : {}) });
  };
  return [params, change];
}

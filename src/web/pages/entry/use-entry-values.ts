/** Every value of one indicator the user may see, read page by page from the values API. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Value } from '../../api/types';
import type { ValueFlag } from '../../components/value-flags';

/** A value with the warnings it raised (validation rules, outliers). */
export type FlaggedValue = Value & { flags?: ValueFlag[] };

const PAGE = 1000;
/** A guard against a runaway loop; far above any one indicator's values in a grid. */
const MAX_PAGES = 100;

/** Query key under 'values', so `invalidateData` refreshes it after any write. */
export const entryValuesKey = (program: string, indicator: string) => ['values', program, 'entry', indicator] as const;

export async function fetchIndicatorValues(program: string, indicator: string): Promise<FlaggedValue[]> {
  const all: FlaggedValue[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await ok(api.GET('/api/programs/{program}/values', { params: { path: { program }, query: { indicator, limit: PAGE, offset: page * PAGE } } }));
    all.push(...r.values);
    if (r.values.length < PAGE) break;
  }
  return all;
}

export function useIndicatorValues(program: string, indicator: string) {
  return useQuery({
    queryKey: entryValuesKey(program, indicator),
    queryFn: () => fetchIndicatorValues(program, indicator),
    enabled: program !== '' && indicator !== '',
  });
}

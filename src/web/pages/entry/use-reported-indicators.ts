/** The codes of the indicators a partner's organisation has reported, the most recently reported first (others: none). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useMe, useOrganisations } from '../../app/queries';

export function useReportedIndicatorCodes(program: string): readonly string[] {
  const user = useMe().data?.user ?? null;
  const organisations = useOrganisations(program, user !== null).data ?? [];
  const own = user?.role === 'partner' ? organisations.find((o) => o.id === user.organisation_id)?.code : undefined;
  const q = useQuery({
    // Under 'values', so `invalidateData` refreshes it after any write.
    queryKey: ['values', program, 'reported-indicators', own ?? ''],
    queryFn: () =>
      ok(api.GET('/api/programs/{program}/organisations/{organisation}/reported-indicators', { params: { path: { program, organisation: own ?? '' } } })).then(
        (r) => r.indicators.map((i) => i.indicator),
      ),
    enabled: program !== '' && own !== undefined,
  });
  return q.data ?? [];
}

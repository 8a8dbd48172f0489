/** The codes of the indicators a partner's organisation has reported, the most recently reported first (others: none). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useProgram } from '../../app/program';
import { useOrganisations } from '../../app/queries';

export function useReportedIndicatorCodes(program: string): readonly string[] {
  const { role, organisationId } = useProgram();
  const organisations = useOrganisations(program, role !== 'public').data ?? [];
  const own = role === 'partner' ? organisations.find((o) => o.id === organisationId)?.code : undefined;
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

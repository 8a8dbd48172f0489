/** The reports a program offers and the years its data span (GET /api/programs/{program}/reports). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

export function useReportCatalog(program: string) {
  return useQuery({
    // Under 'report', so a write of data (invalidateData) refreshes the span of years too.
    queryKey: ['report', 'catalog', program],
    queryFn: () => ok(api.GET('/api/programs/{program}/reports', { params: { path: { program } } })),
    enabled: program !== '',
  });
}

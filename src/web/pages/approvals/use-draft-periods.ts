/** The periods in which the partner's organisation has data it could submit (draft or returned values).
 * A partner reads only its own organisation's unapproved values, so no organisation filter is needed. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

export function useDraftPeriods(program: string) {
  return useQuery({
    queryKey: ['values', program, 'submittable'],
    queryFn: async () => {
      const read = (status: 'draft' | 'returned') =>
        ok(api.GET('/api/programs/{program}/values', { params: { path: { program }, query: { status, limit: 1000 } } })).then((r) => r.values);
      const [drafts, returned] = await Promise.all([read('draft'), read('returned')]);
      return [...new Set([...drafts, ...returned].map((v) => v.period))].sort();
    },
    enabled: program !== '',
  });
}

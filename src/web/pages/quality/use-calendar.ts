/**
 * The reporting calendar's reads and the officer's reopening, with their cache keys: the
 * expected reports with their status (GET .../calendar/reports, a period the API may narrow
 * to), the reopenings, and POST .../calendar/reopenings, which refreshes both.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';

export type ExpectedReport = components['schemas']['ExpectedReport'];

const calendarKey = (program: string) => ['calendar', program] as const;

export function useExpectedReports(program: string, period: string) {
  return useQuery({
    queryKey: [...calendarKey(program), 'reports', period],
    queryFn: () => ok(api.GET('/api/programs/{program}/calendar/reports', { params: { path: { program }, query: period ? { period } : {} } })),
    enabled: program !== '',
  });
}

export function useReopenings(program: string) {
  return useQuery({
    queryKey: [...calendarKey(program), 'reopenings'],
    queryFn: () => ok(api.GET('/api/programs/{program}/calendar/reopenings', { params: { path: { program } } })).then((r) => r.reopenings),
    enabled: program !== '',
  });
}

export function useReopen(program: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { organisation: string; period: string; comment: string }) =>
      ok(api.POST('/api/programs/{program}/calendar/reopenings', { params: { path: { program } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: calendarKey(program) }),
  });
}

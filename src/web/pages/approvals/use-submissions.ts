/** The submissions of the current program, and a submission's values, as the approvals page reads them. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';

export type SubmissionSummary = components['schemas']['SubmissionSummary'];
export type SubmissionStatus = SubmissionSummary['status'];

/** Waiting for review first, then returned (the organisation's move), then approved. */
const ORDER: Record<SubmissionStatus, number> = { submitted: 0, returned: 1, approved: 2 };

export function sortForReview(list: SubmissionSummary[]): SubmissionSummary[] {
  return [...list].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.id - a.id);
}

export function useSubmissions(program: string, status?: SubmissionStatus) {
  return useQuery({
    queryKey: ['submissions', program, status ?? 'all'],
    queryFn: () =>
      ok(api.GET('/api/programs/{program}/submissions', { params: { path: { program }, query: { limit: 1000, ...(status ? { status } : {}) } } })).then(
        (r) => r.submissions,
      ),
    enabled: program !== '',
  });
}

export function useSubmissionValues(id: number | undefined) {
  return useQuery({
    queryKey: ['submissions', 'values', id],
    queryFn: () => ok(api.GET('/api/submissions/{id}/values', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== undefined,
  });
}

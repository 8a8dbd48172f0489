/**
 * A discussion thread — a submission's or a warning on a value's — oldest first, and adding a
 * comment to it. The thread refetches on the app's live interval and whenever it is opened, so
 * the other side's replies appear without a reload.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { LIVE_INTERVAL } from '../../app/live';
import { refreshNotifications } from '../../app/notifications';

export type Comment = components['schemas']['Comment'];

/** What a thread belongs to. */
export type Thread = { submissionId: number } | { flagId: number };

const key = (thread: Thread) =>
  'submissionId' in thread ? (['submissions', 'comments', thread.submissionId] as const) : (['value-flags', 'comments', thread.flagId] as const);

const list = (thread: Thread) =>
  'submissionId' in thread
    ? api.GET('/api/submissions/{id}/comments', { params: { path: { id: thread.submissionId } } })
    : api.GET('/api/value-flags/{id}/comments', { params: { path: { id: thread.flagId } } });

const post = (thread: Thread, body: string) =>
  'submissionId' in thread
    ? api.POST('/api/submissions/{id}/comments', { params: { path: { id: thread.submissionId } }, body: { body } })
    : api.POST('/api/value-flags/{id}/comments', { params: { path: { id: thread.flagId } }, body: { body } });

export function useComments(thread: Thread) {
  return useQuery({
    queryKey: key(thread),
    queryFn: () => ok(list(thread)).then((r) => r.comments),
    refetchInterval: LIVE_INTERVAL,
    refetchOnWindowFocus: true,
    // Opening a thread again shows the latest replies, whatever the app's stale time.
    refetchOnMount: 'always',
  });
}

export function useAddComment(thread: Thread) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => ok(post(thread, body)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key(thread) });
      await refreshNotifications(client);
    },
  });
}

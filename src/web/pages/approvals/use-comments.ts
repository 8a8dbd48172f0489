/**
 * A submission's discussion thread, oldest first, and adding a comment to it. The thread refetches
 * on the app's live interval, so the other side's replies appear without a reload.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { LIVE_INTERVAL } from '../../app/live';
import { refreshNotifications } from '../../app/notifications';

export type Comment = components['schemas']['Comment'];

const key = (id: number) => ['submissions', 'comments', id] as const;

export function useComments(id: number) {
  return useQuery({
    queryKey: key(id),
    queryFn: () => ok(api.GET('/api/submissions/{id}/comments', { params: { path: { id } } })).then((r) => r.comments),
    refetchInterval: LIVE_INTERVAL,
    refetchOnWindowFocus: true,
  });
}

export function useAddComment(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => ok(api.POST('/api/submissions/{id}/comments', { params: { path: { id } }, body: { body } })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key(id) });
      await refreshNotifications(client);
    },
  });
}

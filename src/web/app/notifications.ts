/**
 * The signed-in user's notifications, as the header's bell and the notifications page read them:
 * one query (refetched on the app's live interval, so the bell counts new ones without a reload),
 * titles in the language the app shows, and marking read (one, or all).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { components } from '../api/schema.gen';
import { LIVE_INTERVAL } from './live';

export type Notification = components['schemas']['Notification'];

const KEY = 'notifications';

export function useNotifications(enabled = true) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'es' ? 'es' : 'en';
  return useQuery({
    queryKey: [KEY, lang],
    queryFn: () => ok(api.GET('/api/notifications', { params: { query: { lang, limit: 200 } } })),
    enabled,
    refetchInterval: LIVE_INTERVAL,
    refetchOnWindowFocus: true,
  });
}

/** Marks one notification (`id`) or all of them read; the bell and the list refresh at once. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: { id: number } | { all: true }) => ok(api.POST('/api/notifications/read', { body: which })),
    onSuccess: () => client.invalidateQueries({ queryKey: [KEY] }),
  });
}

/** Refetch the notifications now (after the user did something that may have made some, e.g. a comment). */
export function refreshNotifications(client: ReturnType<typeof useQueryClient>): Promise<void> {
  return client.invalidateQueries({ queryKey: [KEY] });
}

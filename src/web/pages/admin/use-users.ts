/** The users list (administrators) and the writes on it; each write refreshes the list. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { invalidateData } from '../../app/queries';

export type NewUser = components['schemas']['NewUser'];
export type UserChange = components['schemas']['UserChange'];

const USERS_KEY = ['admin-users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => ok(api.GET('/api/users')).then((r) => r.users) });
}

function useRefresh() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: USERS_KEY }), invalidateData(client)]);
}

export function useCreateUser() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: NewUser) => ok(api.POST('/api/users', { body })), onSuccess: refresh });
}

export function useChangeUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: UserChange }) => ok(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: change })),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => ok(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

/** The users list (administrators) and the writes on it; each write refreshes the list. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { useAdminWrite } from './use-admin-write';

export type NewUser = components['schemas']['NewUser'];
export type UserChange = components['schemas']['UserChange'];

const USERS_KEY = ['admin-users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: () => ok(api.GET('/api/users')).then((r) => r.users) });
}

export function useCreateUser() {
  return useAdminWrite((body: NewUser) => ok(api.POST('/api/users', { body })), [USERS_KEY]);
}

export function useChangeUser() {
  return useAdminWrite(
    ({ id, change }: { id: number; change: UserChange }) => ok(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: change })),
    [USERS_KEY],
  );
}

export function useResetPassword() {
  return useAdminWrite((id: number) => ok(api.POST('/api/users/{id}/reset-password', { params: { path: { id } } })), [USERS_KEY]);
}

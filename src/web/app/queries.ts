/**
 * Queries shared by several pages, with their cache keys in one place. A write invalidates the
 * keys it touches (see `invalidateData`), so every open view shows the saved value at once.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';

export const keys = {
  me: ['me'] as const,
  authOptions: ['auth-options'] as const,
  /** The programs with the reader's role in each: one entry per reader (signing in or out changes them). */
  programs: (userId: number | null) => ['programs', userId] as const,
  indicators: (program: string) => ['indicators', program] as const,
  places: (program: string) => ['places', program] as const,
  zones: (program: string) => ['zones', program] as const,
  organisations: (program: string) => ['organisations', program] as const,
  recordTypes: (program: string) => ['record-types', program] as const,
  dimensions: (program: string) => ['dimensions', program] as const,
};

/** Data-bearing keys: analytics, values, records, submissions and everything made from them. */
const DATA_KEYS = ['analytics', 'compare', 'values', 'records', 'submissions', 'report', 'indicators'];

/** After any write of data: refetch every view of the data. */
export function invalidateData(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => DATA_KEYS.includes(String(q.queryKey[0])) });
}

/**
 * After signing in or out: forget every answer given to the previous reader and ask again for what
 * is on screen. Resetting (unlike `clear`) tells the mounted views, so the program list and the
 * roles in it are fetched again for the new reader.
 */
export function forgetReader(client: QueryClient): Promise<void> {
  return client.resetQueries();
}

export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: () => ok(api.GET('/api/auth/me')), staleTime: 60_000 });
}

/** The programs, each with the role of `userId` in it; asked once the reader is known (`enabled`). */
export function usePrograms(userId: number | null, enabled = true) {
  return useQuery({ queryKey: keys.programs(userId), queryFn: () => ok(api.GET('/api/programs')).then((r) => r.programs), staleTime: Infinity, enabled });
}

export function useIndicators(program: string) {
  return useQuery({
    queryKey: keys.indicators(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/indicators', { params: { path: { program } } })).then((r) => r.indicators),
    enabled: program !== '',
  });
}

export function usePlaces(program: string) {
  return useQuery({
    queryKey: keys.places(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/places', { params: { path: { program } } })).then((r) => r.places),
    enabled: program !== '',
    staleTime: 5 * 60_000,
  });
}

export function useZones(program: string) {
  return useQuery({
    queryKey: keys.zones(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/zones', { params: { path: { program } } })).then((r) => r.zones),
    enabled: program !== '',
    staleTime: 5 * 60_000,
  });
}

/** Disaggregation dimensions and their options, named in both languages (program metadata: public). */
export function useDimensions(program: string) {
  return useQuery({
    queryKey: keys.dimensions(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/dimensions', { params: { path: { program } } })).then((r) => r.dimensions),
    enabled: program !== '',
    staleTime: 5 * 60_000,
  });
}

/** Organisations need read_data: only asked for when signed in. */
export function useOrganisations(program: string, enabled = true) {
  return useQuery({
    queryKey: keys.organisations(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/organisations', { params: { path: { program } } })).then((r) => r.organisations),
    enabled: enabled && program !== '',
    staleTime: 5 * 60_000,
  });
}

export function useRecordTypes(program: string) {
  return useQuery({
    queryKey: keys.recordTypes(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/record-types', { params: { path: { program } } })).then((r) => r.types),
    enabled: program !== '',
    staleTime: 5 * 60_000,
  });
}

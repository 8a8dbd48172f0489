/** The records page's queries and writes; every write refreshes every view of the data. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { invalidateData } from '../../app/queries';
import type { ApiRecord } from '../../api/types';

export type RecordStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export const STATUSES: readonly RecordStatus[] = ['draft', 'submitted', 'approved', 'returned'];

export function isStatus(s: string): s is RecordStatus {
  return (STATUSES as readonly string[]).includes(s);
}

export interface RecordFilters {
  place?: string | undefined;
  /** A zone code: records whose zone field names it. */
  zone?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  status?: RecordStatus | undefined;
}

export const PAGE_SIZE = 25;

export function useRecordList(program: string, type: string, filters: RecordFilters, page: number) {
  return useQuery({
    queryKey: ['records', program, 'list', type, filters, page],
    queryFn: () =>
      ok(
        api.GET('/api/programs/{program}/records', {
          params: { path: { program }, query: { type, ...filters, limit: PAGE_SIZE, offset: page * PAGE_SIZE } },
        }),
      ),
    enabled: program !== '' && type !== '',
    placeholderData: (previous) => previous,
  });
}

/** How many records of each type match the filters (one tiny page per type). */
export function useRecordCounts(program: string, types: readonly string[], filters: RecordFilters): Map<string, number> {
  const results = useQueries({
    queries: types.map((type) => ({
      queryKey: ['records', program, 'count', type, filters],
      queryFn: () =>
        ok(api.GET('/api/programs/{program}/records', { params: { path: { program }, query: { type, ...filters, limit: 1, offset: 0 } } })).then(
          (r) => r.total,
        ),
      enabled: program !== '',
    })),
  });
  const counts = new Map<string, number>();
  types.forEach((type, i) => {
    const total = results[i]?.data;
    if (total !== undefined) counts.set(type, total);
  });
  return counts;
}

/** One record, fresh (with its version); not refetched behind the user's back while they edit. */
export function useRecord(program: string, id: number | null) {
  return useQuery({
    queryKey: ['records', program, 'one', id],
    queryFn: () => ok(api.GET('/api/programs/{program}/records/{id}', { params: { path: { program, id: id ?? 0 } } })),
    enabled: program !== '' && id !== null,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

export interface NewRecordInput {
  type: string;
  data: Record<string, unknown>;
  ref: string | null;
  note: string | null;
  status?: RecordStatus | undefined;
}

export interface RecordChangeInput {
  id: number;
  version: number;
  data: Record<string, unknown>;
  ref: string | null;
  note: string | null;
  status?: RecordStatus | undefined;
}

export function useRecordWrites(program: string) {
  const queryClient = useQueryClient();
  const refresh = () => invalidateData(queryClient);
  const create = useMutation({
    mutationFn: (input: NewRecordInput): Promise<ApiRecord> => ok(api.POST('/api/programs/{program}/records', { params: { path: { program } }, body: input })),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: ({ id, ...change }: RecordChangeInput): Promise<ApiRecord> =>
      ok(api.PATCH('/api/programs/{program}/records/{id}', { params: { path: { program, id } }, body: change })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: ({ id, version }: { id: number; version: number }) =>
      ok(api.DELETE('/api/programs/{program}/records/{id}', { params: { path: { program, id } }, body: { version } })),
    onSuccess: refresh,
  });
  return { create, update, remove };
}

/** Sends an upload and follows its job until it ends (a large file answers at once and runs on). */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, ok, type ErrorDetail } from '../../api/client';
import type { ImportJob } from '../../api/types';
import { contentTypeOf, type ImportFormat } from './import-formats';

export interface Upload {
  program: string;
  format: ImportFormat;
  file: File;
  dryRun: boolean;
  type?: string | undefined;
}

/**
 * POSTs the file. Not `sendRaw`: a rejected file answers 422 with its job (whose report lists
 * the problems), and that job is what the page shows; other refusals become ApiErrors.
 */
export async function startImport(u: Upload): Promise<ImportJob> {
  const query = new URLSearchParams({ dryRun: String(u.dryRun), file: u.file.name });
  if (u.type) query.set('type', u.type);
  const response = await fetch(`/api/programs/${encodeURIComponent(u.program)}/imports/${u.format}?${query.toString()}`, {
    method: 'POST',
    body: u.file,
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'vigia', 'Content-Type': contentTypeOf(u.format) },
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const job = parsed as Partial<ImportJob> | undefined;
  if ((response.ok || response.status === 422) && job?.id) return job as ImportJob;
  const e = (parsed ?? {}) as { error?: string; message?: string; details?: ErrorDetail[] };
  throw new ApiError(response.status, e.error ?? 'error', e.message ?? response.statusText, e.details ?? []);
}

/** The job, polled every half second while it runs. */
export function useImportJob(initial: ImportJob | undefined) {
  return useQuery({
    queryKey: ['import-job', initial?.id],
    queryFn: () => ok(api.GET('/api/jobs/{id}', { params: { path: { id: initial?.id ?? '' } } })),
    enabled: initial !== undefined && initial.status === 'running',
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 500 : false),
  });
}

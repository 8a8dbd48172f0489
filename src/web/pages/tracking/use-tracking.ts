/**
 * The tracking table of a fiscal year (GET /api/programs/{program}/tracking/{fy}), the fiscal
 * years the program's data span, and the addresses of the table's downloads. Cached under
 * 'report' so a write of data (invalidateData) refreshes it.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';
import { useProgram } from '../../app/program';
import { useReportCatalog } from '../reports/use-report-catalog';
import { fiscalYearIds } from './fiscal-years';

export type TrackingTable = components['schemas']['TrackingTable'];
export type TrackingRow = components['schemas']['TrackingRow'];

export const trackingKey = (program: string, fy?: string) => (fy ? ['report', 'tracking', program, fy] : ['report', 'tracking', program]);

function fetchTable(program: string, fy: string): Promise<TrackingTable> {
  return ok(api.GET('/api/programs/{program}/tracking/{fy}', { params: { path: { program, fy } } }));
}

export function useTrackingTable(program: string, fy: string | undefined) {
  return useQuery({
    queryKey: trackingKey(program, fy),
    queryFn: () => fetchTable(program, fy as string),
    enabled: program !== '' && fy !== undefined,
  });
}

/** The tables of several fiscal years at once (the indicator page shows one row of each). */
export function useTrackingTables(program: string, fys: readonly string[]) {
  return useQueries({
    queries: fys.map((fy) => ({ queryKey: trackingKey(program, fy), queryFn: () => fetchTable(program, fy), enabled: program !== '' })),
  });
}

/** The program's fiscal years over the span of its data, most recent first (empty until known). */
export function useFiscalYears(): { ids: string[]; pending: boolean; error: unknown } {
  const { code, program } = useProgram();
  const catalog = useReportCatalog(code);
  const years = catalog.data?.years;
  const ids = years ? fiscalYearIds(years.first, years.last, program?.fiscal_year_start_month ?? catalog.data?.fiscal_year_start_month ?? 10) : [];
  return { ids, pending: catalog.isPending, error: catalog.error };
}

/** The API address of the table as a file, in a language. */
export function trackingExportUrl(program: string, fy: string, format: 'xlsx' | 'pdf', lang: 'en' | 'es'): string {
  const q = new URLSearchParams({ format, lang });
  return `/api/programs/${encodeURIComponent(program)}/tracking/${encodeURIComponent(fy)}/export?${q.toString()}`;
}

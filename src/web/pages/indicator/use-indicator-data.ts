/**
 * An indicator's reference sheet (with its completeness and change history) and its data
 * quality assessments, with their cache keys: a save puts the server's answer in place.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema.gen';

export type ReferenceSheet = components['schemas']['ReferenceSheet'];
export type ReferenceChange = components['schemas']['ReferenceChange'];
export type Dqa = components['schemas']['Dqa'];
export type DqaInput = components['schemas']['DqaInput'];

export const sheetKey = (program: string, indicator: string) => ['indicators', 'reference', program, indicator] as const;
export const dqaKey = (program: string, indicator: string) => ['dqa', program, indicator] as const;

export function useReferenceSheet(program: string, indicator: string) {
  return useQuery({
    queryKey: sheetKey(program, indicator),
    queryFn: () => ok(api.GET('/api/programs/{program}/indicators/{indicator}/reference', { params: { path: { program, indicator } } })),
    enabled: program !== '' && indicator !== '',
    retry: false,
  });
}

export function useDqas(program: string, indicator: string) {
  return useQuery({
    queryKey: dqaKey(program, indicator),
    queryFn: () => ok(api.GET('/api/programs/{program}/dqa', { params: { path: { program }, query: { indicator } } })).then((r) => r.dqas),
    enabled: program !== '' && indicator !== '',
  });
}

/** A bilingual text in the reader's language, or the other one (with its language) when only that exists. */
export function pickText(text: { en?: string; es?: string } | null | undefined, lang: 'en' | 'es'): { text: string; lang: 'en' | 'es' } | null {
  const other = lang === 'en' ? 'es' : 'en';
  const own = text?.[lang]?.trim();
  if (own) return { text: text?.[lang] as string, lang };
  const alt = text?.[other]?.trim();
  return alt ? { text: text?.[other] as string, lang: other } : null;
}

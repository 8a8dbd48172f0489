/** The program's validation rules, read for the preview while typing (partners may read them). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';

export function useValidationRules(program: string) {
  return useQuery({
    queryKey: ['validation-rules', program],
    queryFn: () => ok(api.GET('/api/programs/{program}/validation-rules', { params: { path: { program } } })).then((r) => r.rules),
    enabled: program !== '',
    staleTime: 60_000,
  });
}

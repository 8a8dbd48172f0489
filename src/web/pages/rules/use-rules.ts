/**
 * A program's validation rules and the officer's changes to them (POST, PUT, DELETE on
 * .../validation-rules, authorized and audited on the server); each change refreshes the list.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { RuleInput } from './rule-form';

/** A rule as stored: its definition with the defaults filled in. */
export type StoredRule = Record<string, unknown> & { code: string; kind: string; severity: string };

const rulesKey = (program: string) => ['validation-rules', program] as const;

export function useRules(program: string) {
  return useQuery({
    queryKey: rulesKey(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/validation-rules', { params: { path: { program } } })).then((r) => r.rules as StoredRule[]),
    enabled: program !== '',
  });
}

/** Adds a rule (`code` undefined) or replaces the rule `code`. */
export function useSaveRule(program: string, onSaved: (rule: RuleInput) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code?: string | undefined; body: RuleInput }) =>
      code === undefined
        ? ok(api.POST('/api/programs/{program}/validation-rules', { params: { path: { program } }, body }))
        : ok(api.PUT('/api/programs/{program}/validation-rules/{rule}', { params: { path: { program, rule: code } }, body })),
    onSuccess: async (_saved, { body }) => {
      await client.invalidateQueries({ queryKey: rulesKey(program) });
      onSaved(body);
    },
  });
}

export function useDeleteRule(program: string, onDeleted: (code: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => {
      const { error, response } = await api.DELETE('/api/programs/{program}/validation-rules/{rule}', { params: { path: { program, rule: code } } });
      if (!response.ok) await ok(Promise.resolve({ error, response }));
    },
    onSuccess: async (_r, code) => {
      await client.invalidateQueries({ queryKey: rulesKey(program) });
      onDeleted(code);
    },
  });
}

/**
 * A program's design and the changes to it (PUT …/design/framework|dimensions|indicators/{code},
 * POST /api/programs; each authorized, checked as a folder load checks it, and audited on the
 * server). A change refreshes the design and the lists other pages read (indicators, dimensions,
 * programs).
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../api/client';
import { keys } from '../../app/queries';
import type { ProgramDesign } from './design-shape';

const designKey = (program: string) => ['design', program] as const;
type Body = Record<string, unknown>;

export function useDesign(program: string) {
  return useQuery({
    queryKey: designKey(program),
    queryFn: () => ok(api.GET('/api/programs/{program}/design', { params: { path: { program } } })).then((d) => d as unknown as ProgramDesign),
    enabled: program !== '',
  });
}

/** What a design form writes: a goal or component, a dimension, an indicator, by its code. */
export type DesignWrite = { part: 'framework' | 'dimensions' | 'indicators'; code: string; body: Body };

/** After a design change: the design and the lists other pages read of it. */
function refresh(client: QueryClient, program: string) {
  return Promise.all([designKey(program), keys.indicators(program), keys.dimensions(program)].map((queryKey) => client.invalidateQueries({ queryKey })));
}

function put(program: string, { part, code, body }: DesignWrite) {
  if (part === 'framework') return ok(api.PUT('/api/programs/{program}/design/framework/{node}', { params: { path: { program, node: code } }, body }));
  if (part === 'dimensions')
    return ok(api.PUT('/api/programs/{program}/design/dimensions/{dimension}', { params: { path: { program, dimension: code } }, body }));
  return ok(api.PUT('/api/programs/{program}/design/indicators/{indicator}', { params: { path: { program, indicator: code } }, body }));
}

export function useDesignWrite(program: string, onDone: (write: DesignWrite) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (write: DesignWrite) => put(program, write),
    onSuccess: async (_design, write) => {
      await refresh(client, program);
      onDone(write);
    },
  });
}

/** Puts goals and components in this display order (every code, PUT …/design/framework-order). */
export function useFrameworkOrder(program: string, onDone: (moved: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ codes }: { codes: string[]; moved: string }) =>
      ok(api.PUT('/api/programs/{program}/design/framework-order', { params: { path: { program } }, body: { codes } })),
    onSuccess: async (_design, { moved }) => {
      await refresh(client, program);
      onDone(moved);
    },
  });
}

/** Creates a program (system administrators); the program list is fetched again so the switcher offers it. */
export function useCreateProgram(onCreated: (code: string) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => ok(api.POST('/api/programs', { body })),
    onSuccess: async (_design, body) => {
      await client.invalidateQueries({ queryKey: ['programs'] });
      onCreated(String(body.code));
    },
  });
}

/**
 * A design section's writes: `add` (after each save `round` moves on, so the add form, keyed by
 * it, starts empty again) and `change` in place (rename, retire, restore) of what `renaming`
 * names, its rename form closing after a save.
 */
export function useSectionWrites<T>(program: string, onSaved: (code: string) => void) {
  const [round, setRound] = useState(0);
  const [renaming, setRenaming] = useState<T | null>(null);
  const add = useDesignWrite(program, (w) => {
    setRound((r) => r + 1);
    onSaved(w.code);
  });
  const change = useDesignWrite(program, (w) => {
    setRenaming(null);
    onSaved(w.code);
  });
  const rename = (thing: T | null) => {
    change.reset();
    setRenaming(thing);
  };
  return { add, round, change, renaming, rename };
}

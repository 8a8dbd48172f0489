/**
 * The program the user is looking at: the first one, or the one chosen (kept in localStorage),
 * and the user's role there. Roles are per program: a member has its membership's role (and a
 * partner its organisation) in the current program; in a program the user is no member of, it
 * sees what the public sees.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useMe, usePrograms } from './queries';
import type { Program } from '../api/types';
import type { Role } from '../api/vocabularies';

interface ProgramValue {
  code: string;
  program: Program | undefined;
  programs: Program[];
  /** The user's role in the current program ('public' when signed out or not a member). */
  role: Role;
  /** The user's organisation in the current program (partners), or null. */
  organisationId: number | null;
  /** False until the user and the programs are known (a role read before then would be 'public'). */
  ready: boolean;
  choose(code: string): void;
}

const ProgramContext = createContext<ProgramValue>({
  code: '',
  program: undefined,
  programs: [],
  role: 'public',
  organisationId: null,
  ready: false,
  choose: () => {},
});
const KEY = 'vigia.program';

export function ProgramProvider({ children }: { children: ReactNode }) {
  const { data: me, isPending: mePending } = useMe();
  const { data: programs = [], isPending: programsPending } = usePrograms(me?.user?.id ?? null, !mePending);
  const [chosen, setChosen] = useState(() => localStorage.getItem(KEY) ?? '');
  // Unless one is chosen, the first program the user is a member of (else the first program).
  const program = programs.find((p) => p.code === chosen) ?? programs.find((p) => p.my_role !== null) ?? programs[0];
  const user = me?.user ?? null;
  // With no program loaded yet (a new server), the account's own role is all there is.
  const role: Role = !user ? 'public' : program ? (program.my_role ?? 'public') : user.role;
  const value: ProgramValue = {
    code: program?.code ?? '',
    program,
    programs,
    role,
    organisationId: program ? (program.my_organisation_id ?? null) : (user?.organisation_id ?? null),
    ready: !programsPending && !mePending,
    choose: (code) => {
      localStorage.setItem(KEY, code);
      setChosen(code);
    },
  };
  return <ProgramContext.Provider value={value}>{children}</ProgramContext.Provider>;
}

export function useProgram(): ProgramValue {
  return useContext(ProgramContext);
}

/** The program the user is looking at: the first one, or the one chosen (kept in localStorage). */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { usePrograms } from './queries';
import type { Program } from '../api/types';

interface ProgramValue {
  code: string;
  program: Program | undefined;
  programs: Program[];
  choose(code: string): void;
}

const ProgramContext = createContext<ProgramValue>({ code: '', program: undefined, programs: [], choose: () => {} });
const KEY = 'vigia.program';

export function ProgramProvider({ children }: { children: ReactNode }) {
  const { data: programs = [] } = usePrograms();
  const [chosen, setChosen] = useState(() => localStorage.getItem(KEY) ?? '');
  const program = programs.find((p) => p.code === chosen) ?? programs[0];
  const value: ProgramValue = {
    code: program?.code ?? '',
    program,
    programs,
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

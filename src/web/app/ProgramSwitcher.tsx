/**
 * The header's program switcher. A signed-in user who is a member of some programs and not of
 * others sees their own programs first and the rest under "Public programs" (of those it sees
 * only what the public sees); otherwise one plain list.
 */
import { useTranslation } from 'react-i18next';
import type { Program } from '../api/types';
import { useLocalName } from '../i18n/local-name';
import { useProgram } from './program';

export function ProgramSwitcher() {
  const { t } = useTranslation();
  const name = useLocalName();
  const { program, programs, code, choose } = useProgram();
  if (programs.length <= 1) {
    return (
      <span className="program" data-testid="program-name">
        {name(program)}
      </span>
    );
  }
  const mine = programs.filter((p) => p.my_role !== null);
  const others = programs.filter((p) => p.my_role === null);
  const options = (list: Program[]) =>
    list.map((p) => (
      <option key={p.code} value={p.code}>
        {name(p)}
      </option>
    ));
  return (
    <label className="program">
      <span className="visually-hidden">{t('program')}</span>
      <select value={code} onChange={(e) => choose(e.target.value)}>
        {mine.length === 0 || others.length === 0 ? (
          options(programs)
        ) : (
          <>
            <optgroup label={t('myPrograms')}>{options(mine)}</optgroup>
            <optgroup label={t('publicPrograms')}>{options(others)}</optgroup>
          </>
        )}
      </select>
    </label>
  );
}

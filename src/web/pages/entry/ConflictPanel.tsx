/**
 * Someone else saved some of the same cells first: their value next to yours, cell by cell. The
 * typed values stay in the grid whatever is chosen here, until "use theirs" drops them.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

export interface Conflict {
  key: string;
  /** "Huánuco 2013" */
  cell: string;
  /** What the cell now holds on the server (undefined: deleted, or not visible to the user). */
  theirs: number | undefined;
  /** What the user typed ('' = clear the cell). */
  mine: string;
  /** 'stale': changed by someone else; 'locked': approved or awaiting review meanwhile. */
  reason: 'stale' | 'locked';
  /** The server's version and organisation of the cell now (0 / null: none). */
  version: number;
  organisation: string | null;
}

interface Props {
  conflicts: readonly Conflict[];
  decimals: number;
  onUseTheirs(): void;
  onKeepEditing(): void;
}

export function ConflictPanel({ conflicts, decimals, onUseTheirs, onKeepEditing }: Props) {
  const { t } = useTranslation('entry');
  const f = useFormat();
  const cells = conflicts.map((c) => c.cell).join(', ');
  return (
    <section className="panel conflict-panel" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.intro', { count: conflicts.length, cells })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('conflict.cell')}</th>
              <th scope="col" className="num">
                {t('conflict.theirs')}
              </th>
              <th scope="col" className="num">
                {t('conflict.mine')}
              </th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={c.key} data-testid="conflict-row">
                <th scope="row">
                  {c.cell}
                  {c.reason === 'locked' && <span className="muted"> · {t('conflict.locked')}</span>}
                </th>
                <td className="num" data-testid="theirs">
                  {c.theirs === undefined ? t('conflict.none') : f.number(c.theirs, decimals)}
                </td>
                <td className="num" data-testid="mine">
                  {c.mine.trim() === '' ? t('conflict.cleared') : c.mine}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('conflict.help')}</p>
      <div className="actions">
        <button type="button" onClick={onUseTheirs} data-testid="use-theirs">
          {t('conflict.useTheirs')}
        </button>
        <button type="button" className="secondary" onClick={onKeepEditing} data-testid="keep-editing">
          {t('conflict.keepEditing')}
        </button>
      </div>
    </section>
  );
}

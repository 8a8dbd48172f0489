/** What the record form says above its fields: someone else saved first (or the record is locked), how many problems to fix, and the problems no field owns. */
import { useTranslation } from 'react-i18next';
import type { Conflict } from './write-refusal';

interface Props {
  conflict: Conflict | null;
  onReload(): void;
  /** Problems to fix, once the user tried to save. */
  shownProblems: number;
  submitted: boolean;
  otherErrors: readonly string[];
}

export function RecordFormNotices({ conflict, onReload, shownProblems, submitted, otherErrors }: Props) {
  const { t } = useTranslation('records');
  return (
    <>
      {conflict && (
        <div role="alert" className="conflict" data-testid="conflict">
          <p>{conflict.kind === 'stale' ? t('conflict', { version: conflict.version }) : t('conflictLocked')}</p>
          {conflict.kind === 'stale' && (
            <button type="button" className="secondary" onClick={onReload}>
              {t('reloadLatest')}
            </button>
          )}
        </div>
      )}
      {submitted && shownProblems > 0 && (
        <p role="alert" className="error" data-testid="form-problems">
          {t('fixErrors', { count: shownProblems })}
        </p>
      )}
      {otherErrors.length > 0 && (
        <div role="alert" className="error" data-testid="other-errors">
          <p>{t('otherProblems')}</p>
          <ul>
            {otherErrors.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

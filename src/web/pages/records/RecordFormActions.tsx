/** Save, cancel and delete under the record form; deleting asks first. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  busy: boolean;
  /** Saving is off while the record is locked. */
  locked: boolean;
  onCancel(): void;
  /** For an existing record: its reference, and the delete (false when refused, to ask again). */
  existing: { refLabel: string; onDelete(): Promise<boolean> } | null;
}

export function RecordFormActions({ busy, locked, onCancel, existing }: Props) {
  const { t } = useTranslation('records');
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <>
      <div className="form-actions">
        <button type="submit" disabled={busy || locked} data-testid="save-record">
          {busy ? t('saving') : t('saveRecord')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        {existing && !confirmDelete && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)} data-testid="delete-record">
            {t('delete')}
          </button>
        )}
      </div>
      {existing && confirmDelete && (
        <div role="alertdialog" aria-labelledby="delete-confirm-text" className="confirm" data-testid="delete-confirm">
          <p id="delete-confirm-text">{t('deleteConfirm', { ref: existing.refLabel })}</p>
          <button
            type="button"
            className="danger"
            onClick={() => void existing.onDelete().then((deleted) => deleted || setConfirmDelete(false))}
            disabled={busy}
          >
            {t('deleteYes')}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
            {t('common:cancel')}
          </button>
        </div>
      )}
    </>
  );
}

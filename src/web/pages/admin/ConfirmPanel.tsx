/** Asks before an act that cannot be undone (delete, reset a password): the question, the act, cancel, and why the server refused. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  testId: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** `confirm` inside a form's panel, `panel` on its own. */
  className?: 'panel' | 'confirm';
  /** The server's refusal (an ErrorNote or InUseNote). */
  children: ReactNode;
}

export function ConfirmPanel({ testId, question, confirmLabel, busy, onConfirm, onCancel, className = 'panel', children }: Props) {
  const { t } = useTranslation('admin');
  return (
    <div className={className} data-testid={testId}>
      <p>{question}</p>
      <div className="row-actions">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
      {children}
    </div>
  );
}

/**
 * The panel every admin form sits in: a heading, the form (its fields are the children), the
 * submit button (with cancel and other actions beside it when there are), then the problems
 * found before sending and the server's refusal.
 */
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from './ErrorNote';

interface Props {
  /** Names the heading (`<id>-heading`) that labels the panel. */
  id: string;
  title: string;
  panelTestId?: string;
  formTestId?: string;
  /** Called on submit (the page does not reload). */
  onSubmit: () => void;
  /** The form checks its fields itself and lists `problems`. */
  noValidate?: boolean;
  submitLabel: string;
  busy: boolean;
  onCancel?: () => void;
  /** More buttons after submit and cancel (e.g. delete). */
  actions?: ReactNode;
  problems?: readonly string[];
  problemsTestId?: string;
  /** Said after a write that succeeded, between the problems and the error. */
  status?: ReactNode;
  error: unknown;
  /** Below the error: a confirmation that belongs to this record. */
  after?: ReactNode;
  children: ReactNode;
}

export function FormPanel({
  id,
  title,
  panelTestId,
  formTestId,
  onSubmit,
  noValidate,
  submitLabel,
  busy,
  onCancel,
  actions,
  problems = [],
  problemsTestId,
  status,
  error,
  after,
  children,
}: Props) {
  const { t } = useTranslation('admin');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const button = (
    <button type="submit" disabled={busy}>
      {submitLabel}
    </button>
  );
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} data-testid={panelTestId}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <form className="admin-form" onSubmit={submit} data-testid={formTestId} noValidate={noValidate}>
        {children}
        {onCancel || actions ? (
          <div className="actions">
            {button}
            {onCancel && (
              <button type="button" className="secondary" onClick={onCancel}>
                {t('common:cancel')}
              </button>
            )}
            {actions}
          </div>
        ) : (
          button
        )}
      </form>
      {problems.length > 0 && (
        <ul role="alert" className="error" data-testid={problemsTestId}>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {status}
      <ErrorNote error={error} />
      {after}
    </section>
  );
}

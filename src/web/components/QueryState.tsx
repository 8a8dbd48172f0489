/** Loading and error states of a query, the same on every page. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function QueryState({ pending, error, children }: { pending: boolean; error: unknown; children: ReactNode }) {
  const { t } = useTranslation();
  if (error)
    return (
      <p role="alert" className="error">
        {t('error', { message: error instanceof Error ? error.message : String(error) })}
      </p>
    );
  if (pending) return <p aria-busy="true">{t('loading')}</p>;
  return <>{children}</>;
}

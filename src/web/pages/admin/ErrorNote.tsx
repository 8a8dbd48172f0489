/** A refused write: the server's message and, when it names them, each field's problem. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation('admin');
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="error" data-testid="admin-error">
      <p>{t('common:error', { message })}</p>
      {details.length > 0 && (
        <>
          <p>{t('problems')}</p>
          <ul>
            {details.map((d, i) => (
              <li key={i}>
                {[d.column, d.value].filter(Boolean).join(' = ')}
                {d.column || d.value ? ': ' : ''}
                {d.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * A refused deletion: for a conflict, what still refers to the place or zone, kind by kind in
 * the current language (the server's `details`: column = kind, value = count or codes); any
 * other error as the server put it.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorNote } from './ErrorNote';

const KINDS = ['children', 'values', 'targets', 'records', 'zones', 'reports'] as const;

export function InUseNote({ error, what }: { error: unknown; what: string }) {
  const { t } = useTranslation('admin');
  if (!(error instanceof ApiError) || error.kind !== 'conflict') return <ErrorNote error={error} />;
  return (
    <div role="alert" className="error" data-testid="in-use">
      <p>{t('inUse.heading', { code: what })}</p>
      <ul>
        {error.details.map((d, i) => {
          const kind = KINDS.find((k) => k === d.column);
          return <li key={i}>{kind ? t(`inUse.${kind}`, { value: String(d.value ?? '') }) : d.reason}</li>;
        })}
      </ul>
    </div>
  );
}

import { useTranslation } from 'react-i18next';

/** A submission's or value's status as a coloured badge, with its word (colour is never the only sign). */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('approvals');
  return (
    <span className={`badge ${status}`} data-testid="status">
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}

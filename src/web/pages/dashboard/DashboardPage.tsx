import { useTranslation } from 'react-i18next';
import { DashboardView } from './DashboardView';

/** The signed-in dashboard: what the reader's role and clearance let the server return. */
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <DashboardView audience="internal" />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { DashboardView } from './DashboardView';
import { PageHelp } from '../../components/PageHelp';

/** The signed-in dashboard: what the reader's role and clearance let the server return. */
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  return (
    <>
      <h1>{t('title')}</h1>
      <PageHelp ns="dashboard" />
      <p className="muted">{t('intro')}</p>
      <DashboardView audience="internal" />
    </>
  );
}

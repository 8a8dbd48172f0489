import { useTranslation } from 'react-i18next';
import { DashboardView } from '../dashboard/DashboardView';
import './public.css';
import { PageHelp } from '../../components/PageHelp';

/**
 * The public dashboard (the home page when signed out): the same cards and charts, asked for as
 * approved data of public indicators only. The server enforces that for the public anyway.
 */
export default function PublicPage() {
  const { t } = useTranslation('public');
  return (
    <>
      <h1>{t('title')}</h1>
      <PageHelp ns="public" />
      <p className="public-intro">{t('intro')}</p>
      <p className="public-note" data-testid="public-note">
        {t('approvedOnly')}
      </p>
      <DashboardView audience="public" />
    </>
  );
}
